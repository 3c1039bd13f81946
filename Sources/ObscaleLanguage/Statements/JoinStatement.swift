internal import ScalingLaws

extension StatementInfo {
  /// `join`: Joins tables on their Model column, keeping the models every table has.
  static let join = StatementInfo(
    name: "join",
    summary: "Joins tables on their Model column, keeping the models every table has.",
    syntax: "name = join table, table, ...",
    options: [],
    examples: ["data = join base, tasks"],
    operand: "list of names",
    completion: .of(.table, lists: true))
}

/// `join a, b, …` on `Model`.
struct JoinStatement: StatementNode {
  static var info: StatementInfo { .join }

  /// The tables, in order.
  var tables: [Located<String>]

  static func parse(_ parser: inout Parser) throws -> JoinStatement {
    JoinStatement(tables: try parser.parseNameList(what: "a table name", minimum: 2))
  }

}

extension Environment {
  /// Joins tables in order, returning the result and notes on models left out.
  fileprivate func join(_ names: [Located<String>]) throws -> (ScoreTable, [String]) {
    var table = try self.table(names[0])
    var notes: [String] = []
    for name in names.dropFirst() {
      let other = try self.table(name)
      do {
        let result = try table.innerJoined(with: other)
        table = result.table
        if !result.unmatchedLeft.isEmpty {
          notes.append(
            "\(result.unmatchedLeft.count) model\(result.unmatchedLeft.count == 1 ? " has" : "s have") no row in '\(name.value)': "
              + elide(result.unmatchedLeft))
        }
        if !result.unmatchedRight.isEmpty {
          notes.append(
            "\(result.unmatchedRight.count) model\(result.unmatchedRight.count == 1 ? "" : "s") of '\(name.value)' match\(result.unmatchedRight.count == 1 ? "es" : "") no earlier row: "
              + elide(result.unmatchedRight))
        }
      } catch let error as ScalingLawsError {
        throw EvaluationFailure(.engine(error), at: name.range)
      }
    }
    return (table, notes)
  }
}

extension JoinStatement: EvaluatedStatement {
  /// Runs `join`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let names = tables
    let binding = environment.binding
    let (table, notes) = try environment.join(names)
    var output = environment.presenter.present(.table(table), name: binding, brief: true)
    output.blocks += notes.map(Block.text)
    return Evaluation(.table(table), output)
  }
}
