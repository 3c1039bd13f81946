internal import ScalingLaws

extension StatementInfo {
  /// `describe`: Summarizes a table: rows, families, FLOPs range and missing cells per column.
  static let describe = StatementInfo(
    name: "describe",
    summary: "Summarizes a table: rows, families, FLOPs range and missing cells per column.",
    syntax: "describe table",
    options: [],
    examples: ["describe base"],
    completion: .of(.table))
}

/// `describe t`.
struct DescribeStatement: StatementNode {
  static var info: StatementInfo { .describe }

  /// The table.
  var table: Located<String>

  static func parse(_ parser: inout Parser) throws -> DescribeStatement {
    DescribeStatement(table: try parser.parseName("a table name after 'describe'"))
  }

}

extension DescribeStatement: EvaluatedStatement {
  /// Runs `describe`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let name = table
    let table = try environment.table(name)
    return Evaluation(.table(table), environment.presenter.describe(table, name: name.value))
  }
}
