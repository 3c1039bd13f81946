internal import ScalingLaws

extension Environment {
  /// The benchmarks option, checked against the table; the paper's eight by default.
  func benchmarks(
    _ option: Option<NamesValue>, of options: OptionSettings, table: ScoreTable,
    tableName: String, at range: SourceRange
  ) throws -> [String] {
    guard let setting = options[option] else {
      for name in FitSpecification.paperBenchmarks where !table.hasColumn(name) {
        throw EvaluationFailure(
          .unknownColumn(
            name, table: "'\(tableName)'",
            suggestion: Suggestion.closest(to: name, among: table.columnNames)), at: range,
          notes: [
            "the default benchmarks are the paper's eight; name yours with benchmarks = [...]"
          ])
      }
      return FitSpecification.paperBenchmarks
    }
    let list = try names(setting.value, option: "benchmarks")
    guard !list.isEmpty else {
      throw EvaluationFailure(
        .invalidValue(
          option: "benchmarks", value: "[]", expected: "at least one column", suggestion: nil),
        at: setting.value.range)
    }
    for (offset, name) in list.enumerated() {
      try requireColumn(name, in: table, tableName: tableName, at: itemRange(setting.value, offset))
    }
    return list
  }

  /// Reports a start message for work on a large matrix.
  func announce(_ rows: Int, _ columns: Int, _ what: String, _ progress: (String) -> Void) {
    if rows * columns >= 200_000 { progress("\(what) \(rows) models × \(columns) benchmarks…") }
  }

  // MARK: - impute

  // MARK: - pca

  // MARK: - fit

}
