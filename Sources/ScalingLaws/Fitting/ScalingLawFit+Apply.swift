extension ScalingLawFit {
  /// A fit applied to models it never saw (pre-registration): the predictions, with the
  /// actual scores where the table has the target.
  public struct Application: Equatable, Sendable {
    /// One row per model predicted, in table order; `side` is `.test` (held out by
    /// construction) and `actual` is NaN where the table has no target value.
    public var rows: [FitRow]
    /// Models that could not be predicted (a predictor missing with imputation off, or no
    /// compute for a compute law), with the reason.
    public var dropped: [DroppedRow]
    /// The benchmark cells filled by the fit's own imputer.
    public var imputedCells: [ImputedCell]
    /// Errors over the rows with an actual score.
    public var errors: ErrorSummary
  }

  /// Predicts the models of `table` with this fit, exactly as the fit's own test models
  /// were: the target transforms, the imputer and the PCA fitted on the fit's train models,
  /// the law, and the reference regression for f-equivalent FLOPs. Nothing is refitted.
  ///
  /// - Throws: `.unknownColumn` when the table lacks a benchmark or predictor column;
  ///   `.noRowsLeft` when no model can be predicted.
  public func apply(to table: ScoreTable) throws -> Application {
    let spec = specification
    var actual = [Double](repeating: .nan, count: table.rowCount)
    if table.hasColumn(spec.target) {
      actual = try table.numbers(spec.target)
      for transform in spec.targetTransforms {
        actual = actual.map { $0.isNaN ? $0 : transform.apply($0) }
      }
    }
    let models = table.models
    var dropped: [DroppedRow] = []
    var cells: [ImputedCell] = []
    var x: Matrix
    var kept = Array(0..<table.rowCount)
    switch spec.predictors {
    case .principalComponents(let k):
      guard let pca = components else { throw ScalingLawsError.weightsNeedComponents }
      var benchmarks = Matrix(columns: try spec.benchmarks.map { try table.numbers($0) })
      // A model with none of the benchmarks observed would be predicted as the imputer's mean
      // model: it is left out, and named.
      let observed = kept.filter { row in
        (0..<benchmarks.columns).contains { !benchmarks[row, $0].isNaN }
      }
      if imputation != nil, observed.count < kept.count {
        for row in Set(kept).subtracting(observed).sorted() {
          dropped.append(DroppedRow(model: models[row], reason: .missingPredictor(spec.benchmarks)))
        }
        kept = observed
        benchmarks = benchmarks.selecting(rows: kept)
      }
      if let imputation {
        guard !kept.isEmpty else {
          throw ScalingLawsError.noRowsLeft(
            operation: "predicting with the fit (no model has any of its benchmarks)")
        }
        let (filled, _) = try imputation.imputer.apply(to: benchmarks)
        for j in 0..<benchmarks.columns {
          for i in 0..<benchmarks.rows where benchmarks[i, j].isNaN {
            cells.append(
              ImputedCell(
                model: models[kept[i]], benchmark: spec.benchmarks[j], value: filled[i, j]))
          }
        }
        benchmarks = filled
      } else {
        kept = kept.filter { row in
          (0..<benchmarks.columns).allSatisfy { !benchmarks[row, $0].isNaN }
        }
        for row in Set(0..<table.rowCount).subtracting(kept).sorted() {
          let missing = spec.benchmarks.indices.filter { benchmarks[row, $0].isNaN }.map {
            spec.benchmarks[$0]
          }
          dropped.append(DroppedRow(model: models[row], reason: .missingPredictor(missing)))
        }
        benchmarks = benchmarks.selecting(rows: kept)
      }
      let scores = pca.transform(benchmarks)
      x = Matrix(rows: scores.rows, columns: k)
      for j in 0..<k {
        for i in 0..<scores.rows { x[i, j] = scores[i, j] }
      }
    case .logFLOPs, .logSize, .columns:
      let (_, columns, log) = try ScalingLawFit.predictorColumns(spec.predictors)
      var values = try columns.map { try table.numbers($0) }
      if log { values = values.map { $0.map { _log($0 + TargetTransform.epsilon) } } }
      let candidate = Matrix(columns: values)
      kept = kept.filter { row in (0..<candidate.columns).allSatisfy { candidate[row, $0].isFinite }
      }
      for row in Set(0..<table.rowCount).subtracting(kept).sorted() {
        let missing = columns.indices.filter { !candidate[row, $0].isFinite }.map { columns[$0] }
        dropped.append(DroppedRow(model: models[row], reason: .missingPredictor(missing)))
      }
      x = candidate.selecting(rows: kept)
    }
    guard !kept.isEmpty else {
      throw ScalingLawsError.noRowsLeft(
        operation: "predicting with the fit (every model lacks a predictor)")
    }
    let families = table.families
    let flops =
      table.hasColumn(ScoreTable.flopsColumn) ? try table.numbers(ScoreTable.flopsColumn) : nil
    let rows = kept.enumerated().map { local, row in
      let s = x.row(local)
      let capability = law.capability(s)
      return FitRow(
        model: models[row], family: families?[row] ?? "", side: .test, actual: actual[row],
        predicted: law.score(capability: capability),
        capability: capability, predictors: s, flops: flops?[row] ?? .nan,
        equivalentLog10FLOPs: equivalence?.log10FLOPs(capability: capability))
    }
    return Application(
      rows: rows, dropped: dropped, imputedCells: cells,
      errors: ErrorSummary(rows.filter { !$0.actual.isNaN }))
  }
}
