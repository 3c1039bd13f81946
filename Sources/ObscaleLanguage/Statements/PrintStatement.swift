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

  func evaluate(
    in session: inout Session, statement: Statement, binding: String?,
    progress: (String) -> Void
  ) throws -> Evaluation {
    try session.evaluatePrint(
      items, warn: false, statement: statement, binding: binding, progress: progress)
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

  func evaluate(
    in session: inout Session, statement: Statement, binding: String?,
    progress: (String) -> Void
  ) throws -> Evaluation {
    try session.evaluatePrint(
      items, warn: true, statement: statement, binding: binding, progress: progress)
  }
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
        kind: warn ? .warn : .print, title: text, blocks: []))
  }
}
