internal import ScalingLaws

extension StatementInfo {
  /// `drop`: Leaves columns out of a table (not Model).
  static let drop = StatementInfo(
    name: "drop",
    summary: "Leaves columns out of a table (not Model).",
    syntax: "name = drop table column, column, ...",
    options: [],
    examples: ["t = drop data emergent_task, agent_score"])
}

extension Session {
  /// Runs `drop`.
  mutating func evaluateDrop(
    _ name: Located<String>, columns: [Located<String>], statement: Statement, binding: String?,
    progress: (String) -> Void
  ) throws -> Evaluation {
    let table = try self.table(name)
    for column in columns {
      try requireColumn(column.value, in: table, tableName: name.value, at: column.range)
      guard column.value != ScoreTable.modelColumn else {
        throw EvaluationFailure(
          .invalidValue(
            option: "drop", value: column.value,
            expected: "a column other than Model, which every table keeps", suggestion: nil),
          at: column.range)
      }
    }
    let dropped: ScoreTable
    do {
      dropped = try table.dropping(columns.map(\.value))
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: name.range)
    }
    var output = presenter.present(.table(dropped), name: binding, brief: true)
    output.blocks.append(.text("dropped " + columns.map(\.value).joined(separator: ", ")))
    return Evaluation(.table(dropped), output)
  }
}
