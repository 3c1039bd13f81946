internal import ScalingLaws

extension StatementInfo {
  /// `describe`: Summarizes a table: rows, families, FLOPs range and missing cells per column.
  static let describe = StatementInfo(
    name: "describe",
    summary: "Summarizes a table: rows, families, FLOPs range and missing cells per column.",
    syntax: "describe table",
    options: [],
    examples: ["describe base"])
}

extension Session {
  /// Runs `describe`.
  mutating func evaluateDescribe(
    _ name: Located<String>, statement: Statement, binding: String?, progress: (String) -> Void
  ) throws -> Evaluation {
    let table = try self.table(name)
    return Evaluation(.table(table), presenter.describe(table, name: name.value))
  }
}
