internal import ScalingLaws

extension StatementInfo {
  /// `rename`: Renames columns of a table (Model stays Model).
  static let rename = StatementInfo(
    name: "rename",
    summary: "Renames columns of a table (Model stays Model).",
    syntax: "name = rename table column to new, column to new, ...",
    options: [],
    examples: ["t = rename data `FLOPs (1E21)` to compute, MMLU to mmlu"],
    operand: "table name and 'column to name'",
    completion: StatementCompletion(subject: .bound([.table]), form: .renaming))
}

/// `rename t column to name, …`.
struct RenameStatement: StatementNode {
  static var info: StatementInfo { .rename }

  /// The table.
  var table: Located<String>
  /// Each `column to name`.
  var renamings: [Renaming]

  static func parse(_ parser: inout Parser) throws -> RenameStatement {
    let table = try parser.parseName("a table name after 'rename'")
    var renamings: [Renaming] = []
    repeat {
      if !renamings.isEmpty { parser.advance() }
      let from = try parser.parseName("a column name to rename")
      try parser.expectWord("to")
      renamings.append(
        Renaming(from: from, to: try parser.parseName("the column's new name after 'to'")))
    } while parser.current.kind == .symbol(.comma)
    return RenameStatement(table: table, renamings: renamings)
  }

}

extension Environment {
  /// Renames columns, checking each against the table first so that an error points at it.
  fileprivate func rename(_ table: ScoreTable, tableName: String, _ renamings: [Renaming]) throws
    -> ScoreTable
  {
    var names = table.columnNames
    for renaming in renamings {
      try requireColumn(
        renaming.from.value, in: table, tableName: tableName, at: renaming.from.range)
      guard renaming.from.value != table.key else {
        throw EvaluationFailure(
          .invalidValue(
            option: "rename", value: renaming.from.value,
            expected: "a column other than \(table.key), the key that names each row",
            suggestion: nil),
          at: renaming.from.range)
      }
      guard let index = names.firstIndex(of: renaming.from.value) else {
        throw EvaluationFailure(
          .invalidValue(
            option: "rename", value: renaming.from.value,
            expected: "a column not renamed already in this statement", suggestion: nil),
          at: renaming.from.range)
      }
      names[index] = renaming.to.value
      if names.filter({ $0 == renaming.to.value }).count > 1 {
        throw EvaluationFailure(
          .engine(.duplicateColumnName(name: renaming.to.value)), at: renaming.to.range)
      }
    }
    do {
      return try table.renaming(renamings.map { (from: $0.from.value, to: $0.to.value) })
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: renamings[0].from.range)
    }
  }
}

extension RenameStatement: EvaluatedStatement {
  /// Runs `rename`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let name = table
    let binding = environment.binding
    let table = try environment.table(name)
    let renamed = try environment.rename(table, tableName: name.value, renamings)
    var output = environment.presenter.present(.table(renamed), name: binding, brief: true)
    output.blocks.append(
      .text(
        "renamed "
          + renamings.map { "\($0.from.value) → \($0.to.value)" }.joined(separator: ", ")))
    return Evaluation(.table(renamed), output)
  }
}
