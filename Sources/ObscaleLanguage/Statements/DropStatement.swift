internal import ScalingLaws

extension StatementInfo {
  /// `drop`: Leaves columns out of a table (not Model).
  static let drop = StatementInfo(
    name: "drop",
    summary: "Leaves columns out of a table (not Model).",
    syntax: "name = drop table column, column, ...",
    options: [],
    examples: ["t = drop data emergent_task, agent_score"],
    operand: "table name and the columns to drop",
    completion: StatementCompletion(subject: .bound([.table]), form: .columns))
}

/// `drop t column, …`: the table without those columns.
struct DropStatement: StatementNode {
  static var info: StatementInfo { .drop }

  /// The table.
  var table: Located<String>
  /// The columns left out.
  var columns: [Located<String>]

  static func parse(_ parser: inout Parser) throws -> DropStatement {
    let table = try parser.parseName("a table name after 'drop'")
    return DropStatement(
      table: table, columns: try parser.parseNameList(what: "a column name", minimum: 1))
  }

}

extension DropStatement: EvaluatedStatement {
  /// Runs `drop`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let name = table
    let binding = environment.binding
    let table = try environment.table(name)
    for column in columns {
      try environment.requireColumn(
        column.value, in: table, tableName: name.value, at: column.range)
      guard column.value != table.key else {
        throw EvaluationFailure(
          .invalidValue(
            option: "drop", value: column.value,
            expected: "a column other than \(table.key), the key that names each row",
            suggestion: nil),
          at: column.range)
      }
    }
    let dropped: ScoreTable
    do {
      dropped = try table.dropping(columns.map(\.value))
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: name.range)
    }
    var output = environment.presenter.present(.table(dropped), name: binding, brief: true)
    output.blocks.append(.text("dropped " + columns.map(\.value).joined(separator: ", ")))
    return Evaluation(.table(dropped), output)
  }
}
