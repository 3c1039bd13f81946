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

/// `describe t`.
struct DescribeStatement: StatementNode {
  static var info: StatementInfo { .describe }

  /// The table.
  var table: Located<String>

  static func parse(_ parser: inout Parser) throws -> DescribeStatement {
    DescribeStatement(table: try parser.parseName("a table name after 'describe'"))
  }

  func evaluate(
    in session: inout Session, statement: Statement, binding: String?,
    progress: (String) -> Void
  ) throws -> Evaluation {
    try session.evaluateDescribe(table, statement: statement, binding: binding, progress: progress)
  }
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
