/// Models of other tables placed on the principal capabilities of an analysis: the PCA (and
/// imputer) fitted on the analysis's models — base models, in the paper — applied unchanged to
/// instruction-tuned and API models, so that models of very different strength and origin
/// compare on one axis (the paper's "PC-1 as a high-dynamic-range scale").
///
/// Each model's PC-1 is also read as compute: the reference family's models of the analysis
/// give the line PC-1 = w·log10 C + b (ordinary least squares), and a model's f-equivalent
/// compute is log10 C̄ = (PC-1 − b)/w, the compute at which a reference model would have its
/// PC-1 (algorithm.md §9, with PC-1 in place of the law's capability).
public struct CapabilityScale: Equatable, Sendable {
  /// One model on the scale.
  public struct Entry: Equatable, Sendable {
    /// The model id.
    public var model: String
    /// Its family ("" when its table has none).
    public var family: String
    /// Where it comes from: the analysis (`base`) or the name of the table it was placed from.
    public var origin: String
    /// Its scores on the analysis's components.
    public var scores: [Double]
    /// Its f-equivalent compute, log10 of 1E21 FLOPs; NaN without a reference line.
    public var equivalentLog10FLOPs: Double
    /// Its own `FLOPs (1E21)`, NaN when unknown (API models).
    public var flops: Double
    /// How many of its benchmark cells the analysis's imputer filled.
    public var imputed: Int
  }

  /// Every model, the analysis's first, then each placed table's, in order.
  public var entries: [Entry]
  /// The reference family of the compute reading, and its line.
  public var reference: String
  /// Slope and intercept of PC-1 = w·log10 C + b over the reference family; nil when the
  /// analysis has fewer than two of its models with distinct FLOPs.
  public var referenceLine: (slope: Double, intercept: Double, models: Int)?
  /// Models of placed tables that were left out, with the benchmarks they lack: any of them
  /// when the analysis did not impute, all of them when it did.
  public var dropped: [(model: String, missing: [String])]
  /// The analysis's benchmark columns.
  public var benchmarks: [String] = []

  /// Compares two scales.
  public static func == (lhs: CapabilityScale, rhs: CapabilityScale) -> Bool {
    lhs.entries == rhs.entries && lhs.reference == rhs.reference
      && lhs.referenceLine?.slope == rhs.referenceLine?.slope
      && lhs.referenceLine?.intercept == rhs.referenceLine?.intercept
      && lhs.dropped.map(\.model) == rhs.dropped.map(\.model)
  }
}

extension CapabilityAnalysis {
  /// The analysis's models and those of `tables` on its components: each table's benchmarks
  /// (the analysis's columns, by name) filled by the analysis's own imputer, then scored by
  /// its PCA. Nothing is refitted.
  ///
  /// - Parameters:
  ///   - tables: The tables to place, each with the name it is shown under.
  ///   - origin: The name of the analysis's own models.
  ///   - reference: The family whose PC-1 against log10 FLOPs reads PC-1 as compute.
  /// - Throws: `.unknownColumn` when a table lacks one of the benchmarks; `.unknownFamily`
  ///   when the reference family is not among the analysis's models.
  public func scale(
    placing tables: [(name: String, table: ScoreTable)], origin: String = "base",
    reference: String
  ) throws -> CapabilityScale {
    guard families.contains(reference) else {
      throw ScalingLawsError.unknownFamily(
        name: reference, suggestion: Suggestion.closest(to: reference, among: Array(Set(families))))
    }
    var entries: [CapabilityScale.Entry] = []
    let imputedByModel = Dictionary(grouping: imputedCells, by: \.model).mapValues(\.count)
    for (row, model) in models.enumerated() {
      entries.append(
        CapabilityScale.Entry(
          model: model, family: families[row], origin: origin,
          scores: (0..<scores.columns).map { scores[row, $0] }, equivalentLog10FLOPs: .nan,
          flops: flops[row], imputed: imputedByModel[model] ?? 0))
    }
    var dropped: [(model: String, missing: [String])] = []
    for (name, table) in tables {
      var x = Matrix(
        columns: try benchmarks.map { column -> [Double] in
          guard table.hasColumn(column) else {
            throw ScalingLawsError.unknownColumn(
              name: column, suggestion: Suggestion.closest(to: column, among: table.columnNames))
          }
          return try table.numbers(column)
        })
      var rows = Array(0..<table.rowCount)
      var imputed = [Int](repeating: 0, count: table.rowCount)
      for i in 0..<x.rows {
        imputed[i] = (0..<x.columns).filter { x[i, $0].isNaN }.count
      }
      if let imputation {
        // A model with none of the benchmarks would be placed as the imputer's mean model.
        rows = rows.filter { imputed[$0] < x.columns }
        for row in Set(0..<table.rowCount).subtracting(rows).sorted() {
          dropped.append((table.models[row], benchmarks))
        }
        x = x.selecting(rows: rows)
        guard !rows.isEmpty else { continue }
        x = try imputation.apply(to: x).filled
      } else {
        rows = rows.filter { imputed[$0] == 0 }
        for row in Set(0..<table.rowCount).subtracting(rows).sorted() {
          let missing = (0..<x.columns).filter { x[row, $0].isNaN }.map { benchmarks[$0] }
          dropped.append((table.models[row], missing))
        }
        x = x.selecting(rows: rows)
      }
      guard !rows.isEmpty else { continue }
      let placed = components.transform(x)
      let tableFamilies = table.families ?? [String](repeating: "", count: table.rowCount)
      let tableFLOPs =
        table.hasColumn(ScoreTable.flopsColumn)
        ? try table.numbers(ScoreTable.flopsColumn)
        : [Double](repeating: .nan, count: table.rowCount)
      for (position, row) in rows.enumerated() {
        entries.append(
          CapabilityScale.Entry(
            model: table.models[row], family: tableFamilies[row], origin: name,
            scores: (0..<placed.columns).map { placed[position, $0] },
            equivalentLog10FLOPs: .nan, flops: tableFLOPs[row],
            imputed: imputation == nil ? 0 : imputed[row]))
      }
    }
    // PC-1 against log10 FLOPs over the reference family's models of the analysis.
    var xs: [Double] = []
    var ys: [Double] = []
    for row in models.indices where families[row] == reference && flops[row] > 0 {
      xs.append(Elementary.log10(flops[row]))
      ys.append(scores[row, 0])
    }
    var line: (slope: Double, intercept: Double, models: Int)?
    if let fitted = LeastSquaresLine(x: xs, y: ys), fitted.slope.isFinite, fitted.slope != 0 {
      line = (fitted.slope, fitted.intercept, xs.count)
      for index in entries.indices {
        entries[index].equivalentLog10FLOPs =
          (entries[index].scores[0] - fitted.intercept) / fitted.slope
      }
    }
    var scale = CapabilityScale(
      entries: entries, reference: reference, referenceLine: line, dropped: dropped)
    scale.benchmarks = benchmarks
    return scale
  }
}
