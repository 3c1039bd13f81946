internal import ScalingLaws

extension StatementInfo {
  /// `clear`: Clears the output shown so far: the cell's output in a notebook, the screen in the REPL; nothing in scripts.
  static let clear = StatementInfo(
    name: "clear",
    summary:
      "Clears the output shown so far: the cell's output in a notebook, the screen in the REPL; nothing in scripts.",
    syntax: "clear",
    options: [],
    examples: ["clear"],
    standsAlone: true)
}

/// `clear`: clears the output shown so far.
struct ClearStatement: StatementNode {
  static var info: StatementInfo { .clear }

  static func parse(_ parser: inout Parser) throws -> ClearStatement {
    ClearStatement()
  }

}

extension ClearStatement: EvaluatedStatement {
  /// Runs `clear`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    return Evaluation(showing: .clear)
  }
}
