/// A law re-fitted under a family of splits of one table, each fold's held-out models
/// predicted with their prediction intervals: how far the law's forecasts were off, and how
/// often the intervals held (docs/ENGINE.md, "Backtests").
public enum Backtest {
  /// How the folds are made.
  public enum Plan: Equatable, Sendable {
    /// Rolling compute cutoffs: fold k trains on the models at or below 10ᵏ × 1E21 FLOPs and
    /// tests on the next decade, (10ᵏ, 10ᵏ⁺¹]; models without FLOPs take no part.
    case cutoffs
    /// Leave one family out: each family in turn is held out, its `known` smallest models
    /// (by FLOPs, then size, then table order) joining the train models.
    case families(known: Int)
    /// Leave one group out: each value of the text column `column` in turn, every family in
    /// it held out together but for its `known` smallest models — Sloth's protocol (Maia Polo
    /// et al. 2024), where a base family goes out with its instruct and fine-tuned variants.
    /// Models with no group always train.
    case groups(column: String, known: Int)
    /// One fold holding out these models (the paper's pre-registered ones).
    case models([String])
  }

  /// The fewest train models a rolling-cutoff fold is made with: below it the first decades
  /// fit a five-parameter law on a handful of models, and the fold measures that, not the law.
  public static let minimumTrain = 10

  /// One fold: the table it fits (all of it, or the models up to a cutoff) and its split.
  public struct Fold: Equatable, Sendable {
    /// Its name, such as "≤ 10² → (10², 10³]" or "Llama-2".
    public var name: String
    /// The models it sees.
    public var table: ScoreTable
    /// Which of them are held out.
    public var split: SplitRule
  }

  /// A fold left out, and why.
  public struct Skipped: Equatable, Sendable {
    /// The fold's name.
    public var fold: String
    /// Why (a sentence).
    public var reason: String
  }

  /// The folds of `plan` on `table`, and those it cannot make (a family too small to hold
  /// out with `known` models known; a decade with no models).
  ///
  /// - Throws: `.missingRequiredColumn` without the column a plan needs (FLOPs, families).
  public static func folds(_ plan: Plan, of table: ScoreTable) throws -> (
    folds: [Fold], skipped: [Skipped]
  ) {
    var folds: [Fold] = []
    var skipped: [Skipped] = []
    switch plan {
    case .cutoffs:
      let flops = try table.numbers(ScoreTable.flopsColumn)
      let logs = flops.filter { $0 > 0 }.map { Elementary.log10($0) }
      guard let low = logs.min(), let high = logs.max() else {
        throw ScalingLawsError.noObservedValues(column: ScoreTable.flopsColumn)
      }
      for k in Int(low.rounded(.up))..<Int(high.rounded(.up)) {
        let cut = Elementary.pow10(Double(k))
        let next = Elementary.pow10(Double(k + 1))
        let kept = table.selecting(
          rows: flops.indices.filter { flops[$0] > 0 && flops[$0] <= next })
        let name =
          "≤ \(NumberFormatting.powerOfTen(k)) → (\(NumberFormatting.powerOfTen(k)), \(NumberFormatting.powerOfTen(k + 1))]"
        let train = flops.filter { $0 > 0 && $0 <= cut }.count
        let test = flops.filter { $0 > cut && $0 <= next }.count
        guard train >= Self.minimumTrain, test >= 1 else {
          skipped.append(
            Skipped(
              fold: name,
              reason:
                "\(train) model\(train == 1 ? "" : "s") to train on (at least \(Self.minimumTrain)), \(test) to test"
            ))
          continue
        }
        folds.append(
          Fold(
            name: name, table: kept,
            split: .cutoff(column: ScoreTable.flopsColumn, threshold: .absolute(cut))))
      }
    case .families(let known):
      guard let families = table.families else {
        throw ScalingLawsError.missingRequiredColumn(
          name: ScoreTable.familyColumn, available: table.columnNames)
      }
      let ordered = try smallestFirst(table)
      let models = table.models
      for family in table.familyNames {
        let members = ordered(families.indices.filter { families[$0] == family })
        guard members.count > known else {
          skipped.append(
            Skipped(
              fold: family,
              reason:
                "\(members.count) model\(members.count == 1 ? "" : "s"), none left to test with \(known) known"
            ))
          continue
        }
        let heldOut = members.dropFirst(known).map { models[$0] }
        folds.append(
          Fold(
            name: family, table: table,
            split: .holdOut(.modelIn(heldOut))))
      }
    case .groups(let column, let known):
      guard let families = table.families else {
        throw ScalingLawsError.missingRequiredColumn(
          name: ScoreTable.familyColumn, available: table.columnNames)
      }
      guard case .text(let labels) = try table.column(named: column).values else {
        throw ScalingLawsError.invalidParameter(
          name: "backtest groups", value: column, limit: "a text column (a name per model)")
      }
      let ordered = try smallestFirst(table)
      let models = table.models
      var seen: Set<String> = []
      for group in labels where !group.isEmpty && seen.insert(group).inserted {
        let rows = labels.indices.filter { labels[$0] == group }
        var inGroup: [String] = []
        var named: Set<String> = []
        for row in rows where named.insert(families[row]).inserted { inGroup.append(families[row]) }
        let held = inGroup.flatMap { family in
          ordered(rows.filter { families[$0] == family }).dropFirst(known).map { models[$0] }
        }
        guard !held.isEmpty else {
          skipped.append(
            Skipped(
              fold: group,
              reason:
                "\(rows.count) model\(rows.count == 1 ? "" : "s") in \(inGroup.count) famil\(inGroup.count == 1 ? "y" : "ies"), none left to test with \(known) known in each"
            ))
          continue
        }
        folds.append(Fold(name: group, table: table, split: .holdOut(.modelIn(held))))
      }
    case .models(let list):
      // A model is named by its id or the part after its last `/` (ModelIndex's one rule).
      let models = table.models
      let index = ModelIndex(models)
      let held = list.compactMap { (try? index.row(of: $0)).map { models[$0] } }
      guard !held.isEmpty else {
        throw ScalingLawsError.invalidParameter(
          name: "backtest models", value: "\(list.count) models",
          limit: "some of them in the table (none is)")
      }
      if held.count < list.count {
        skipped.append(
          Skipped(
            fold: "models",
            reason: "\(list.count - held.count) of the \(list.count) models are not in the table"))
      }
      folds.append(
        Fold(name: "\(held.count) models", table: table, split: .holdOut(.modelIn(held))))
    }
    return (folds, skipped)
  }

  /// One held-out model's forecast in one fold.
  public struct Forecast: Equatable, Sendable {
    /// The fold.
    public var fold: String
    /// The model and its family.
    public var model: String
    /// See `model`.
    public var family: String
    /// Its actual and predicted score (on the fit's target scale).
    public var actual: Double
    /// See `actual`.
    public var predicted: Double
    /// Its prediction interval, when one was made.
    public var interval: BootstrapBands.Band?

    /// Whether the interval holds the actual score; nil without an interval.
    public var inside: Bool? { interval?.contains(actual) }
  }

  /// A specification's backtest: every fold's forecasts, and the folds whose fit failed.
  public struct Result: Equatable, Sendable {
    /// The forecasts, fold by fold.
    public var forecasts: [Forecast]
    /// Folds whose fit or bootstrap failed, and why.
    public var failed: [Skipped]

    /// Creates a result.
    public init(forecasts: [Forecast], failed: [Skipped]) {
      self.forecasts = forecasts
      self.failed = failed
    }

    /// The mean absolute error over every forecast.
    public var meanAbsoluteError: Double { Backtest.meanAbsoluteError(forecasts) }
    /// The forecasts with an interval, and of them those inside it.
    public var coverage: (inside: Int, total: Int) { Backtest.coverage(forecasts) }
  }

  /// The mean absolute error of `forecasts` (NaN for none).
  public static func meanAbsoluteError(_ forecasts: [Forecast]) -> Double {
    forecasts.isEmpty
      ? .nan
      : forecasts.map { abs($0.predicted - $0.actual) }.reduce(0, +) / Double(forecasts.count)
  }

  /// Of `forecasts`, those with an interval, and of them those whose actual score it holds.
  public static func coverage(_ forecasts: [Forecast]) -> (inside: Int, total: Int) {
    let scored = forecasts.compactMap(\.inside)
    return (scored.filter { $0 }.count, scored.count)
  }

  /// Re-fits `specification` in each fold (its split replaced by the fold's, no reference
  /// family: the held-out family may be it) and forecasts the held-out models, with
  /// `samples` bootstrap resamples for their prediction intervals (none for 0).
  public static func run(
    _ specification: FitSpecification, folds: [Fold], samples: Int, seed: UInt64,
    level: Double
  ) throws -> Result {
    var forecasts: [Forecast] = []
    var failed: [Skipped] = []
    let monitor = WorkMonitor.current
    var lastReport = ContinuousClock.now
    for (k, fold) in folds.enumerated() {
      try WorkMonitor.checkCancellation("backtesting")
      if ContinuousClock.now - lastReport >= .milliseconds(Int(monitor.interval * 1000)) {
        lastReport = ContinuousClock.now
        monitor.report(
          WorkProgress(
            stage: "backtesting", done: k, limit: folds.count, detail: "fold \(fold.name)",
            unit: "fold"))
      }
      var spec = specification
      spec.split = fold.split
      spec.referenceFamily = nil
      // Only models with a target score take part: a held-out model without one has nothing
      // to be scored against (and the fit would drop it before splitting).
      var table = fold.table
      if let target = try? table.numbers(spec.target) {
        table = table.selecting(rows: target.indices.filter { !target[$0].isNaN })
      }
      if case .holdOut(.modelIn(let names)) = fold.split {
        let present = Set(table.models)
        let kept = names.filter(present.contains)
        guard !kept.isEmpty else {
          failed.append(
            Skipped(
              fold: fold.name, reason: "none of its held-out models has a \(spec.target) score"))
          continue
        }
        spec.split = .holdOut(.modelIn(kept))
      }
      let fit: ScalingLawFit
      do {
        fit = try ScalingLawFit.fit(table, spec)
      } catch let error as ScalingLawsError {
        if case .cancelled = error { throw error }
        failed.append(Skipped(fold: fold.name, reason: "\(error)"))
        continue
      }
      var intervals: [BootstrapBands.Band]?
      if samples > 0 {
        do {
          intervals =
            try fit.bootstrap(samples: samples, seed: seed, level: level, curvePoints: 0)
            .predictionIntervals
        } catch let error as ScalingLawsError {
          if case .cancelled = error { throw error }
          failed.append(Skipped(fold: fold.name, reason: "no intervals: \(error)"))
        }
      }
      for (i, row) in fit.rows.enumerated() where row.side == .test && !row.actual.isNaN {
        forecasts.append(
          Forecast(
            fold: fold.name, model: row.model, family: row.family, actual: row.actual,
            predicted: row.predicted, interval: intervals.map { $0[i] }))
      }
    }
    return Result(forecasts: forecasts, failed: failed)
  }

}

extension Backtest {
  /// Re-fits a family-aware forecast (`FamilyForecast`) in each fold on the fold's train
  /// models and forecasts every benchmark of its held-out ones: one result per benchmark, in
  /// the forecast's order.
  public static func run(
    _ forecast: FamilyForecast, folds: [Fold], level: Double
  ) throws -> [Result] {
    var results = forecast.benchmarks.map { _ in Result(forecasts: [], failed: []) }
    for fold in folds {
      try WorkMonitor.checkCancellation("backtesting")
      let split: Split
      do {
        split = try fold.split.apply(to: fold.table)
      } catch let error as ScalingLawsError {
        for j in results.indices {
          results[j].failed.append(Skipped(fold: fold.name, reason: "\(error)"))
        }
        continue
      }
      let refit: FamilyForecast
      do {
        refit = try forecast.refitted(on: fold.table, rows: split.train)
      } catch let error as ScalingLawsError {
        if case .cancelled = error { throw error }
        for j in results.indices {
          results[j].failed.append(Skipped(fold: fold.name, reason: "\(error)"))
        }
        continue
      }
      let table = fold.table
      let size = try table.numbers(ScoreTable.sizeColumn)
      let tokens =
        table.hasColumn(ScoreTable.dataColumn)
        ? try table.numbers(ScoreTable.dataColumn)
        : [Double](repeating: .nan, count: table.rowCount)
      let families = table.families ?? []
      let scores = try forecast.benchmarks.map { try table.numbers($0) }
      let models = table.models
      for row in split.test where size[row] > 0 && row < families.count {
        let prediction = refit.predict(
          family: families[row], size: size[row], tokens: tokens[row] > 0 ? tokens[row] : nil,
          level: level)
        for j in forecast.benchmarks.indices where !scores[j][row].isNaN {
          results[j].forecasts.append(
            Forecast(
              fold: fold.name, model: models[row], family: families[row], actual: scores[j][row],
              predicted: prediction.scores[j],
              interval: BootstrapBands.Band(
                low: prediction.low[j], median: prediction.scores[j], high: prediction.high[j])))
        }
      }
    }
    return results
  }
}

extension Backtest {
  /// Orders rows smallest first: by FLOPs, else by 6 × size × 10⁻³ (size on the FLOPs scale,
  /// as if trained on a billion tokens), then table order; rows with neither last. A held-out
  /// family's known models are its first.
  static func smallestFirst(_ table: ScoreTable) throws -> ([Int]) -> [Int] {
    let flops =
      table.hasColumn(ScoreTable.flopsColumn)
      ? try table.numbers(ScoreTable.flopsColumn) : []
    let size =
      table.hasColumn(ScoreTable.sizeColumn)
      ? try table.numbers(ScoreTable.sizeColumn) : []
    func key(_ row: Int) -> Double {
      if row < flops.count, flops[row] > 0 { return flops[row] }
      if row < size.count, size[row] > 0 { return 6 * size[row] * 1e-3 }
      return .infinity
    }
    return { rows in rows.sorted { key($0) == key($1) ? $0 < $1 : key($0) < key($1) } }
  }
}
