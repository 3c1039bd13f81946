internal import ScalingLaws

/// The one-paragraph summary of a table column that inspection (`MMLU?`, Shift-Tab) shows.
enum ColumnSummary {
  /// `MMLU: 77 values, 3 missing; min 0.25, median 0.61, max 0.86` for a numeric column, or
  /// the count of distinct values for a text column.
  static func text(_ table: ScoreTable, column name: String) -> String {
    guard let column = try? table.column(named: name) else { return "\(name): no such column" }
    let missing = column.missingCount
    switch column.values {
    case .numbers(let values):
      let present = values.filter { !$0.isNaN }.sorted()
      guard let low = present.first, let high = present.last else {
        return "\(name): a numeric column with \(values.count) rows, all missing"
      }
      let median =
        present.count % 2 == 1
        ? present[present.count / 2]
        : (present[present.count / 2 - 1] + present[present.count / 2]) / 2
      return
        "\(name): a numeric column, \(present.count) values and \(missing) missing of \(values.count) rows\n"
        + "  min \(formatNumber(low)), median \(formatNumber(median)), max \(formatNumber(high))"
    case .text(let values):
      let distinct = Set(values.filter { !$0.isEmpty })
      let sample = distinct.sorted().prefix(5).joined(separator: ", ")
      return
        "\(name): a text column, \(distinct.count) distinct values in \(values.count) rows (\(sample)\(distinct.count > 5 ? ", …" : ""))"
    }
  }
}
