internal import ScalingLaws

extension StatementInfo {
  /// `clear`: Clears the output shown so far: the cell's output in a notebook, the screen in the REPL; nothing in scripts.
  static let clear = StatementInfo(
    name: "clear",
    summary:
      "Clears the output shown so far: the cell's output in a notebook, the screen in the REPL; nothing in scripts.",
    syntax: "clear",
    options: [],
    examples: ["clear"])
}

extension Session {
  /// Runs `clear`.
  mutating func evaluateClear(
    statement: Statement, binding: String?, progress: (String) -> Void
  ) throws -> Evaluation {
    return Evaluation(nil, Output(kind: .clear, title: "", blocks: []))
  }
}
