extension ScoreTable {
  /// The table with `FLOPs (1E21)` estimated from parameters and tokens where it is missing:
  /// C ≈ 6·N·D (Kaplan et al. 2020; the paper's own FLOPs column is exactly this, algorithm.md
  /// §1), which in this table's units is 6 × `Model Size (B)` × `Pretraining Data Size (T)`,
  /// since 10⁹ · 10¹² = 10²¹. A FLOPs value the table gives is never replaced; the column is
  /// added when the table has none.
  ///
  /// - Returns: the table, the models whose FLOPs were estimated, and the models still
  ///   without FLOPs because they lack a positive size or token count.
  /// - Throws: `.missingRequiredColumn` when the table has no size or no token column;
  ///   `.invalidParameter` when an estimate is infinite or zero (sizes or token counts off
  ///   any scale, such as 1e308 or 1e-320).
  public func estimatingFLOPs() throws -> (
    table: ScoreTable, estimated: [String], lacking: [String]
  ) {
    for name in [Self.sizeColumn, Self.dataColumn] where !hasColumn(name) {
      throw ScalingLawsError.missingRequiredColumn(name: name, available: columnNames)
    }
    let size = try numbers(Self.sizeColumn)
    let tokens = try numbers(Self.dataColumn)
    var flops =
      hasColumn(Self.flopsColumn)
      ? try numbers(Self.flopsColumn) : [Double](repeating: .nan, count: rowCount)
    var estimated: [String] = []
    var lacking: [String] = []
    for row in 0..<rowCount where flops[row].isNaN {
      if size[row] > 0, tokens[row] > 0 {
        let estimate = 6 * size[row] * tokens[row]
        // 1e308 × 1e308 overflows and 1e-320 × 1e-320 underflows: no compute at all.
        guard estimate.isFinite, estimate > 0 else {
          throw ScalingLawsError.invalidParameter(
            name: "FLOPs (1E21) of \(models[row])",
            value: "6 × \(formatNumber(size[row])) × \(formatNumber(tokens[row]))",
            limit: "a finite number > 0 (the product is \(estimate.isFinite ? "0" : "infinite"))")
        }
        flops[row] = estimate
        estimated.append(models[row])
      } else {
        lacking.append(models[row])
      }
    }
    return (try setting(.numbers(Self.flopsColumn, flops)), estimated, lacking)
  }
}
