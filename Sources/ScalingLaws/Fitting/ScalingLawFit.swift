/// One observational scaling-law fit, from a score table to predictions, errors and
/// f-equivalent FLOPs, following the order of operations of algorithm.md §2.
///
/// 1. Transform the target and drop rows without it.
/// 2. Split into train and test — before any imputation or PCA.
/// 3. Impute the benchmarks (fitted on train, applied to test).
/// 4. PCA on the imputed benchmarks (fitted on train, applied to test).
/// 5. Build the predictors (PC scores, log compute or columns); drop rows missing one.
/// 6. Fit the law on train.
/// 7. Predict every row; errors on train and test.
/// 8. f-equivalent FLOPs for every row against the reference family.
///
/// Nothing fitted sees the test rows.
public struct ScalingLawFit: Codable, Equatable, Sendable {
  /// The specification the fit was made from.
  public var specification: FitSpecification
  /// One row per model in the fit, in table order.
  public var rows: [FitRow]
  /// Models left out, with the reason.
  public var dropped: [DroppedRow]
  /// The fitted law.
  public var law: FittedLaw
  /// The imputation, when predictors are components and imputation is on.
  public var imputation: ImputationSummary?
  /// The PCA of the benchmarks, when predictors are components.
  public var components: PrincipalComponents?
  /// Errors on the train rows.
  public var trainErrors: ErrorSummary
  /// Errors on the test rows (count 0 when there are none).
  public var testErrors: ErrorSummary
  /// The reference-family regression, when a reference family was named.
  public var equivalence: ComputeEquivalence?
  /// Where the data comes from.
  public var provenance: String?
  /// Bootstrap bands, once `bootstrap` has been run and stored here.
  public var uncertainty: BootstrapBands? = nil

  /// Runs the whole fit on `table`.
  ///
  /// - Throws: a `ScalingLawsError` naming the column, value and limit for unknown or
  ///   non-numeric columns, an empty split, too few training rows, a constant or empty
  ///   benchmark, too many components, or a reference family with fewer than two distinct
  ///   FLOPs values.
  public static func fit(_ table: ScoreTable, _ specification: FitSpecification) throws
    -> ScalingLawFit
  {
    let spec = specification
    // 1. Target.
    var target = try table.numbers(spec.target)
    for transform in spec.targetTransforms {
      if case .minmax(let low, let high) = transform, !(high > low) {
        throw ScalingLawsError.invalidTransform(
          name: transform.name, reason: .emptyRange(low: low, high: high))
      }
      // log(0 + 1e-9) = −20.7 and logit(1) = +20.7 are finite but would dominate the fit.
      let domain: (String, (Double) -> Bool)?
      switch transform {
      case .log: domain = ("> 0", { $0 > 0 })
      case .logit: domain = ("strictly between 0 and 1", { $0 > 0 && $0 < 1 })
      default: domain = nil
      }
      if let (words, holds) = domain {
        let outside = target.indices.filter { !target[$0].isNaN && !holds(target[$0]) }.map {
          table.models[$0]
        }
        if !outside.isEmpty {
          throw ScalingLawsError.invalidTransform(
            name: transform.name, reason: .outsideDomain(models: outside, domain: words))
        }
      }
      target = target.map(transform.apply)
    }
    let models = table.models
    var dropped: [DroppedRow] = []
    var kept: [Int] = []
    for row in 0..<table.rowCount {
      if target[row].isNaN {
        dropped.append(DroppedRow(model: models[row], reason: .missingTarget))
      } else if !target[row].isFinite {
        throw ScalingLawsError.invalidTransform(
          name: spec.targetTransforms.map(\.name).joined(separator: ", "),
          reason: .nonFiniteResult(row: models[row], value: target[row]))
      } else {
        kept.append(row)
      }
    }
    guard !kept.isEmpty else { throw ScalingLawsError.noTargetValues(column: spec.target) }
    if let range = spec.law.form.range {
      // Noise may carry a score a little past a bound (the fit's output warns of it); a
      // target on another scale (0–10, 0–100) lies far past it and is refused.
      let slack = 0.05 * (range.upperBound - range.lowerBound)
      let allowed = (range.lowerBound - slack)...(range.upperBound + slack)
      let outside = kept.filter { !allowed.contains(target[$0]) }
      if !outside.isEmpty {
        let values = kept.map { target[$0] }
        throw ScalingLawsError.targetOutsideLawRange(
          target: spec.target, form: spec.law.form.rawValue, range: range, low: values.min() ?? 0,
          high: values.max() ?? 0,
          models: outside.map { models[$0] })
      }
    }
    var work = table.selecting(rows: kept)
    var y = kept.map { target[$0] }

    // 2. Split.
    var split = try spec.split.apply(to: work)
    // Said here, before imputation and PCA on one row would report a constant column.
    if split.train.count < 2 {
      let k: Int
      switch spec.predictors {
      case .principalComponents(let count): k = count
      case .logFLOPs, .logSize: k = 1
      case .columns(let names, _): k = names.count
      }
      throw ScalingLawsError.tooFewTrainRows(
        rows: split.train.count, parameters: spec.law.form.parameterCount(predictors: k))
    }

    // A target with one value on every train model identifies no law.
    if let first = split.train.first.map({ y[$0] }), split.train.allSatisfy({ y[$0] == first }) {
      let every = y.allSatisfy { $0 == first }
      throw ScalingLawsError.constantTarget(
        column: spec.target, value: first, models: every ? y.count : split.train.count,
        scope: every ? "models" : "train models")
    }

    // 3–5. Predictors.
    var imputationSummary: ImputationSummary?
    var pca: PrincipalComponents?
    var predictorNames: [String]
    var x: Matrix
    switch spec.predictors {
    case .principalComponents(let k):
      guard !spec.benchmarks.isEmpty else { throw ScalingLawsError.noBenchmarks }
      guard k >= 1, k <= spec.computedComponents else {
        throw ScalingLawsError.invalidParameter(
          name: "components used", value: "\(k)",
          limit: "between 1 and the \(spec.computedComponents) components computed")
      }
      var benchmarks = Matrix(columns: try spec.benchmarks.map { try work.numbers($0) })
      // A model with none of the benchmarks observed holds nothing to impute from: it would
      // enter as the imputer's mean model. It is left out, and named.
      let observed = (0..<work.rowCount).filter { row in
        (0..<benchmarks.columns).contains { !benchmarks[row, $0].isNaN }
      }
      if spec.imputation != nil, observed.count < work.rowCount {
        let keep = Set(observed)
        for row in 0..<work.rowCount where !keep.contains(row) {
          dropped.append(
            DroppedRow(model: work.models[row], reason: .missingPredictor(spec.benchmarks)))
        }
        (work, y, split, benchmarks) = restrict(work, y, split, benchmarks, to: observed)
        guard !split.train.isEmpty else {
          throw ScalingLawsError.emptySplit(
            side: .train,
            rule: spec.split.description + " (after leaving out models with no benchmark)")
        }
      }
      if let settings = spec.imputation {
        let trainMatrix = benchmarks.selecting(rows: split.train)
        let (imputer, filledTrain) = try PCAImputer.fit(
          trainMatrix, columnNames: spec.benchmarks, settings: settings)
        let (filledTest, testReport) = try imputer.apply(to: benchmarks.selecting(rows: split.test))
        var cells: [ImputedCell] = []
        let workModels = work.models
        for (matrix, filled, rows) in [
          (trainMatrix, filledTrain, split.train),
          (benchmarks.selecting(rows: split.test), filledTest, split.test),
        ] {
          for (local, row) in rows.enumerated() {
            for j in 0..<benchmarks.columns where matrix[local, j].isNaN {
              benchmarks[row, j] = filled[local, j]
              cells.append(
                ImputedCell(
                  model: workModels[row], benchmark: spec.benchmarks[j], value: filled[local, j]))
            }
          }
        }
        imputationSummary = ImputationSummary(
          imputer: imputer, train: imputer.report, test: testReport, cells: cells)
      } else {
        let complete = (0..<work.rowCount).filter { row in
          (0..<benchmarks.columns).allSatisfy { !benchmarks[row, $0].isNaN }
        }
        if complete.count < work.rowCount {
          let keep = Set(complete)
          for row in 0..<work.rowCount where !keep.contains(row) {
            let missing = spec.benchmarks.indices.filter { benchmarks[row, $0].isNaN }.map {
              spec.benchmarks[$0]
            }
            dropped.append(DroppedRow(model: work.models[row], reason: .missingPredictor(missing)))
          }
          (work, y, split, benchmarks) = restrict(work, y, split, benchmarks, to: complete)
        }
      }
      let trainBenchmarks = benchmarks.selecting(rows: split.train)
      // Compute the requested number of components where the data allows it, never fewer
      // than the K used (too many then raises `.tooManyComponents`).
      let available = min(trainBenchmarks.rows, trainBenchmarks.columns)
      let fitted = try PrincipalComponents.fit(
        trainBenchmarks, components: max(k, min(spec.computedComponents, available)),
        columnNames: spec.benchmarks)
      pca = fitted
      let scores = fitted.transform(benchmarks)
      x = Matrix(rows: scores.rows, columns: k)
      for j in 0..<k {
        for i in 0..<scores.rows { x[i, j] = scores[i, j] }
      }
      predictorNames = (1...k).map { "PC-\($0)" }
    case .logFLOPs, .logSize, .columns:
      let (names, columns, log) = try predictorColumns(spec.predictors)
      var values = try columns.map { try work.numbers($0) }
      if log {
        for (column, cells) in zip(columns, values) {
          let nonPositive = cells.indices.filter { cells[$0] <= 0 }.map { work.models[$0] }
          if !nonPositive.isEmpty {
            throw ScalingLawsError.logOfNonPositive(column: column, models: nonPositive)
          }
        }
        values = values.map { $0.map { _log($0 + TargetTransform.epsilon) } }
      }
      var candidate = Matrix(columns: values)
      let complete = (0..<work.rowCount).filter { row in
        (0..<candidate.columns).allSatisfy { candidate[row, $0].isFinite }
      }
      if complete.count < work.rowCount {
        let keep = Set(complete)
        for row in 0..<work.rowCount where !keep.contains(row) {
          let missing = columns.indices.filter { !candidate[row, $0].isFinite }.map { columns[$0] }
          dropped.append(DroppedRow(model: work.models[row], reason: .missingPredictor(missing)))
        }
        (work, y, split, candidate) = restrict(work, y, split, candidate, to: complete)
        guard !split.train.isEmpty else {
          throw ScalingLawsError.emptySplit(
            side: .train,
            rule: spec.split.description
              + " (after dropping rows without \(spec.predictors.description))")
        }
      }
      x = candidate
      predictorNames = names
    }

    // 6. Fit.
    let trainX = x.selecting(rows: split.train)
    let law = try FittedLaw.fit(
      predictors: trainX, names: predictorNames, targets: split.train.map { y[$0] },
      options: spec.law)

    // 7. Predict.
    let sides = split.sides(rowCount: work.rowCount)
    let families = work.families
    let flops =
      work.hasColumn(ScoreTable.flopsColumn) ? try work.numbers(ScoreTable.flopsColumn) : nil
    var rows: [FitRow] = []
    rows.reserveCapacity(work.rowCount)
    let workModels = work.models
    for i in 0..<work.rowCount {
      let s = x.row(i)
      let capability = law.capability(s)
      let predicted = law.score(capability: capability)
      rows.append(
        FitRow(
          model: workModels[i], family: families?[i] ?? "", side: sides[i], actual: y[i],
          predicted: predicted, capability: capability, predictors: s,
          flops: flops?[i] ?? .nan, equivalentLog10FLOPs: nil))
    }

    // 8. f-equivalent FLOPs.
    var equivalence: ComputeEquivalence?
    if let family = spec.referenceFamily {
      let fit = try ComputeEquivalence.fit(
        family: family, rows: rows, knownFamilies: table.familyNames)
      equivalence = fit
      for i in rows.indices {
        rows[i].equivalentLog10FLOPs = fit.log10FLOPs(capability: rows[i].capability)
      }
    }
    return ScalingLawFit(
      specification: spec, rows: rows, dropped: dropped, law: law, imputation: imputationSummary,
      components: pca, trainErrors: ErrorSummary(rows.filter { $0.side == .train }),
      testErrors: ErrorSummary(rows.filter { $0.side == .test }), equivalence: equivalence,
      provenance: table.provenance)
  }

  /// Returns the column names, table columns and log flag behind non-PC predictors.
  static func predictorColumns(_ spec: PredictorSpec) throws -> ([String], [String], Bool) {
    switch spec {
    case .logFLOPs: return (["log FLOPs"], [ScoreTable.flopsColumn], true)
    case .logSize: return (["log size"], [ScoreTable.sizeColumn], true)
    case .columns(let names, let log):
      guard !names.isEmpty else {
        throw ScalingLawsError.invalidParameter(
          name: "predictors", value: "none", limit: "at least one column")
      }
      return (log ? names.map { "log(\($0))" } : names, names, log)
    case .principalComponents:
      return ([], [], false)
    }
  }

  /// Restricts table, targets, split and a predictor matrix to the rows `keep` (sorted).
  private static func restrict(
    _ table: ScoreTable, _ y: [Double], _ split: Split, _ x: Matrix, to keep: [Int]
  ) -> (ScoreTable, [Double], Split, Matrix) {
    var newIndex = [Int](repeating: -1, count: table.rowCount)
    for (position, row) in keep.enumerated() { newIndex[row] = position }
    let newSplit = Split(
      train: split.train.compactMap { newIndex[$0] >= 0 ? newIndex[$0] : nil },
      test: split.test.compactMap { newIndex[$0] >= 0 ? newIndex[$0] : nil })
    return (table.selecting(rows: keep), keep.map { y[$0] }, newSplit, x.selecting(rows: keep))
  }

  /// The law's weight on each benchmark, w·γ with γ the first K components (algorithm.md §10).
  ///
  /// - Throws: `.weightsNeedComponents` when the predictors are not principal components.
  public func benchmarkWeights() throws -> [BenchmarkWeight] {
    guard let components, case .principalComponents(let k) = specification.predictors else {
      throw ScalingLawsError.weightsNeedComponents
    }
    return components.columnNames.enumerated().map { t, name in
      var weight = 0.0
      for c in 0..<k { weight += law.weights[c] * components.components[c, t] }
      return BenchmarkWeight(benchmark: name, weight: weight)
    }
  }

  /// Returns the same fit with f-equivalent FLOPs read against `family` (nil removes them).
  ///
  /// - Throws: `.unknownFamily` when no fitted row is of the family;
  ///   `.referenceFamilyTooSmall` when it has fewer than two distinct FLOPs values.
  public func referenced(to family: String?) throws -> ScalingLawFit {
    var copy = self
    copy.specification.referenceFamily = family
    // The bands' curve was read along the old reference: drop them, `bootstrap` again.
    if family != specification.referenceFamily { copy.uncertainty = nil }
    guard let family else {
      copy.equivalence = nil
      for i in copy.rows.indices { copy.rows[i].equivalentLog10FLOPs = nil }
      return copy
    }
    let known = Array(Set(rows.map(\.family))).sorted()
    let equivalence = try ComputeEquivalence.fit(family: family, rows: rows, knownFamilies: known)
    copy.equivalence = equivalence
    for i in copy.rows.indices {
      copy.rows[i].equivalentLog10FLOPs = equivalence.log10FLOPs(
        capability: copy.rows[i].capability)
    }
    return copy
  }

  /// Returns the errors over the rows of `side` whose model is in `models`.
  public func errors(side: SplitSide, models: Set<String>) -> ErrorSummary {
    ErrorSummary(rows.filter { $0.side == side && models.contains($0.model) })
  }
}

/// One model's place in a fit.
public struct FitRow: Codable, Equatable, Sendable {
  /// The model id.
  public var model: String
  /// The family ("" when the table has none).
  public var family: String
  /// Train or test.
  public var side: SplitSide
  /// The (transformed) target.
  public var actual: Double
  /// The law's prediction.
  public var predicted: Double
  /// The linear capability P = c + w·s.
  public var capability: Double
  /// The predictor values s.
  public var predictors: [Double]
  /// `FLOPs (1E21)`, NaN when unknown.
  public var flops: Double
  /// log10 of the f-equivalent FLOPs (units of 1e21), when a reference family was named.
  public var equivalentLog10FLOPs: Double?

  /// predicted − actual.
  public var residual: Double { predicted - actual }
}

/// A model left out of a fit, and why.
public struct DroppedRow: Codable, Equatable, Sendable {
  /// The model id.
  public var model: String
  /// The reason.
  public var reason: DropReason

  /// Creates a record of a dropped row.
  public init(model: String, reason: DropReason) {
    self.model = model
    self.reason = reason
  }
}

/// Why a row was left out of a fit.
public enum DropReason: Codable, Equatable, Sendable {
  /// The target is missing.
  case missingTarget
  /// These predictor columns are missing (e.g. FLOPs for the compute baseline).
  case missingPredictor([String])
}

/// Mean squared and absolute error over a set of rows.
public struct ErrorSummary: Codable, Equatable, Sendable {
  /// The number of rows.
  public var count: Int
  /// Mean of (ŷ − y)²; NaN when `count` is 0.
  public var mse: Double
  /// Mean of |ŷ − y|; NaN when `count` is 0.
  public var mae: Double

  /// Computes the errors of `rows`.
  public init(_ rows: [FitRow]) {
    count = rows.count
    guard !rows.isEmpty else {
      mse = .nan
      mae = .nan
      return
    }
    mse = rows.reduce(0) { $0 + $1.residual * $1.residual } / Double(rows.count)
    mae = rows.reduce(0) { $0 + abs($1.residual) } / Double(rows.count)
  }
}

/// One benchmark's weight in a law.
public struct BenchmarkWeight: Equatable, Sendable {
  /// The benchmark.
  public var benchmark: String
  /// Σₖ wₖ γₖₜ.
  public var weight: Double
}

/// A cell filled by imputation.
public struct ImputedCell: Codable, Equatable, Sendable {
  /// The model.
  public var model: String
  /// The benchmark.
  public var benchmark: String
  /// The imputed value.
  public var value: Double

  /// Creates a record of one imputed cell.
  public init(model: String, benchmark: String, value: Double) {
    self.model = model
    self.benchmark = benchmark
    self.value = value
  }
}

/// How imputation went in a fit.
public struct ImputationSummary: Codable, Equatable, Sendable {
  /// The fitted imputer.
  public var imputer: PCAImputer
  /// How the train rounds ended.
  public var train: ImputationReport
  /// How the test rounds ended.
  public var test: ImputationReport
  /// Every filled cell, train then test.
  public var cells: [ImputedCell]
}
