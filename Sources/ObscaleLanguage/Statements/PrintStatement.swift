internal import ScalingLaws

extension StatementInfo {
  /// `print`: Writes strings, numbers and names' summaries to standard output (a stream in notebooks).
  static let print = StatementInfo(
    name: "print",
    summary:
      "Writes strings, numbers and names' summaries to standard output (a stream in notebooks).",
    syntax: "print value, value, ...",
    options: [],
    examples: ["print \"hello, world\"", "print \"models:\", 95"],
    operand: "string, number or name")

  /// `warn`: Writes the same to standard error: a note for the reader that is not a result.
  static let warn = StatementInfo(
    name: "warn",
    summary: "Writes the same to standard error: a note for the reader that is not a result.",
    syntax: "warn value, value, ...",
    options: [],
    examples: ["warn \"the 2024 models are not in this table\""],
    operand: "string, number or name")
}

/// `print value, …`: text to standard output.
struct PrintStatement: StatementNode {
  static var info: StatementInfo { .print }

  /// The values written, separated by spaces.
  var items: [Located<Expression>]

  static func parse(_ parser: inout Parser) throws -> PrintStatement {
    PrintStatement(items: try parser.parseExpressionList())
  }

}

/// `warn value, …`: text to standard error.
struct WarnStatement: StatementNode {
  static var info: StatementInfo { .warn }

  /// The values written, separated by spaces.
  var items: [Located<Expression>]

  static func parse(_ parser: inout Parser) throws -> WarnStatement {
    WarnStatement(items: try parser.parseExpressionList())
  }

}

extension PrintStatement: EvaluatedStatement {
  /// Runs `print` and `warn`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let warn = false
    let text = try items.map {
      try environment.displayText(environment.resolve($0), expression: $0)
    }.joined(
      separator: " ")
    return Evaluation(
      nil,
      Output(
        kind: warn ? .warn : .print, title: text, blocks: []))
  }
}

extension WarnStatement: EvaluatedStatement {
  /// Runs `print` and `warn`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let warn = true
    let text = try items.map {
      try environment.displayText(environment.resolve($0), expression: $0)
    }.joined(
      separator: " ")
    return Evaluation(
      nil,
      Output(
        kind: warn ? .warn : .print, title: text, blocks: []))
  }
}
