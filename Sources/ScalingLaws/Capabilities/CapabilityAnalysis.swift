/// The principal capabilities of a table's models: the imputation, the PCA and every
/// model's scores, with what is needed to plot them against compute (algorithm.md §5–6).
///
/// ``analyze(_:benchmarks:imputation:components:)`` is the one impute → PCA → scores
/// pipeline of `pca` and `select`; a fit runs its own, fitted on its train models and
/// applied to its test models (``ScalingLawFit/fit(_:_:)``).
public struct CapabilityAnalysis: Equatable, Sendable {
  /// The benchmark columns.
  public var benchmarks: [String]
  /// The fitted components.
  public var components: PrincipalComponents
  /// The imputation, if missing cells were filled.
  public var imputation: PCAImputer?
  /// The cells that were filled.
  public var imputedCells: [ImputedCell]
  /// Models that were dropped for missing cells (when imputation is off).
  public var dropped: [String]
  /// Models with none of the benchmarks observed, left out (they would enter as the
  /// imputer's mean model and shrink and shift the components).
  public var empty: [String] = []
  /// The models scored, in table order.
  public var models: [String]
  /// Each model's family ("" when the table has none).
  public var families: [String]
  /// Each model's `FLOPs (1E21)`, NaN when unknown.
  public var flops: [Double]
  /// The scores: one row per model, one column per component.
  public var scores: Matrix

  /// Creates an analysis from its parts.
  public init(
    benchmarks: [String], components: PrincipalComponents, imputation: PCAImputer?,
    imputedCells: [ImputedCell], dropped: [String], models: [String], families: [String],
    flops: [Double], scores: Matrix
  ) {
    self.benchmarks = benchmarks
    self.components = components
    self.imputation = imputation
    self.imputedCells = imputedCells
    self.dropped = dropped
    self.models = models
    self.families = families
    self.flops = flops
    self.scores = scores
  }
}

extension CapabilityAnalysis {
  /// Imputes the missing cells of `benchmarks` (or, with `imputation` nil, drops the models
  /// that have any), fits the PCA with the number of components `components` chooses from
  /// the most the data allow (min(models, benchmarks)), and scores every model kept.
  ///
  /// - Throws: what `table.numbers`, `PCAImputer.fit` and `PrincipalComponents.fit` throw;
  ///   `.noRowsLeft` when dropping leaves no model; what `components` throws.
  public static func analyze(
    _ table: ScoreTable, benchmarks: [String], imputation: ImputationSettings?,
    components: (_ available: Int) throws -> Int
  ) throws -> CapabilityAnalysis {
    var x = Matrix(columns: try benchmarks.map { try table.numbers($0) })
    var rows = Array(0..<table.rowCount)
    var imputer: PCAImputer?
    var cells: [ImputedCell] = []
    var dropped: [String] = []
    let models = table.models
    var empty: [String] = []
    if let imputation {
      rows = rows.filter { i in (0..<x.columns).contains { !x[i, $0].isNaN } }
      if rows.count < table.rowCount {
        empty = Set(0..<table.rowCount).subtracting(rows).sorted().map { models[$0] }
        x = x.selecting(rows: rows)
        guard !rows.isEmpty else {
          throw ScalingLawsError.noRowsLeft(
            operation: "leaving out models with none of the benchmarks")
        }
      }
      let (fitted, filled) = try PCAImputer.fit(x, columnNames: benchmarks, settings: imputation)
      for j in 0..<x.columns {
        for i in 0..<x.rows where x[i, j].isNaN {
          cells.append(
            ImputedCell(model: models[rows[i]], benchmark: benchmarks[j], value: filled[i, j]))
        }
      }
      imputer = fitted
      x = filled
    } else {
      rows = rows.filter { i in (0..<x.columns).allSatisfy { !x[i, $0].isNaN } }
      dropped = Set(0..<table.rowCount).subtracting(rows).sorted().map { models[$0] }
      x = x.selecting(rows: rows)
      guard !rows.isEmpty else {
        throw ScalingLawsError.noRowsLeft(operation: "dropping rows with missing benchmarks")
      }
    }
    let k = try components(min(x.rows, x.columns))
    let fitted = try PrincipalComponents.fit(x, components: k, columnNames: benchmarks)
    let families = table.families ?? [String](repeating: "", count: table.rowCount)
    let flops =
      table.hasColumn(ScoreTable.flopsColumn)
      ? try table.numbers(ScoreTable.flopsColumn) : [Double](repeating: .nan, count: table.rowCount)
    var analysis = CapabilityAnalysis(
      benchmarks: benchmarks, components: fitted, imputation: imputer, imputedCells: cells,
      dropped: dropped, models: rows.map { models[$0] }, families: rows.map { families[$0] },
      flops: rows.map { flops[$0] }, scores: fitted.transform(x))
    analysis.empty = empty
    return analysis
  }
}
