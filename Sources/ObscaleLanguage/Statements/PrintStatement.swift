internal import ScalingLaws

extension StatementInfo {
  /// `print`: Writes strings, numbers and names' summaries to standard output (a stream in notebooks).
  static let print = StatementInfo(
    name: "print",
    summary:
      "Writes strings, numbers and names' summaries to standard output (a stream in notebooks).",
    syntax: "print value, value, ...",
    options: [],
    examples: ["print \"hello, world\"", "print \"models:\", 95"])

  /// `warn`: Writes the same to standard error: a note for the reader that is not a result.
  static let warn = StatementInfo(
    name: "warn",
    summary: "Writes the same to standard error: a note for the reader that is not a result.",
    syntax: "warn value, value, ...",
    options: [],
    examples: ["warn \"the 2024 models are not in this table\""])
}

extension Session {
  /// Runs `print` and `warn`.
  mutating func evaluatePrint(
    _ items: [Located<Expression>], warn: Bool, statement: Statement, binding: String?,
    progress: (String) -> Void
  ) throws -> Evaluation {
    let text = try items.map { try displayText(resolve($0), expression: $0) }.joined(
      separator: " ")
    return Evaluation(
      nil,
      Output(
        kind: statement.command.keyword == "warn" ? .warn : .print, title: text, blocks: []))
  }
}
