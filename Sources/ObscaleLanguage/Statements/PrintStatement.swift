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

  /// The values written, separated by spaces (a summary on its own line).
  var items: [Located<Expression>]

  static func parse(_ parser: inout Parser) throws -> PrintStatement {
    PrintStatement(items: try parser.parseExpressionList())
  }

}

/// `warn value, …`: text to standard error.
struct WarnStatement: StatementNode {
  static var info: StatementInfo { .warn }

  /// The values written, separated by spaces (a summary on its own line).
  var items: [Located<Expression>]

  static func parse(_ parser: inout Parser) throws -> WarnStatement {
    WarnStatement(items: try parser.parseExpressionList())
  }

}

extension PrintStatement: EvaluatedStatement {
  /// Runs `print`: the values, separated by spaces, on standard output.
  func evaluate(in environment: Environment) throws -> Evaluation {
    Evaluation(showing: .print(try environment.displayText(of: items)))
  }
}

extension WarnStatement: EvaluatedStatement {
  /// Runs `warn`: the values, separated by spaces, on standard error.
  func evaluate(in environment: Environment) throws -> Evaluation {
    Evaluation(showing: .warn(try environment.displayText(of: items)))
  }
}

extension Environment {
  /// The values of `items` as `print` and `warn` write them: strings and numbers separated by
  /// spaces, each table's or result's one-line summary on a line of its own (so that
  /// `print "a", f, d` does not run "a", f's title and d's title together into one line); shown,
  /// never obeyed (control characters as pictures).
  fileprivate func displayText(of items: [Located<Expression>]) throws -> String {
    var text = ""
    var previousIsSummary = false
    for (index, item) in items.enumerated() {
      let value = try resolve(item)
      let isSummary = value.isSummarized
      if index > 0 { text += isSummary || previousIsSummary ? "\n" : " " }
      text += DiagnosticRenderer.visibleText(try displayText(value, expression: item))
      previousIsSummary = isSummary
    }
    return text
  }
}

extension Value {
  /// Whether `print` writes this value as a one-line summary (a table or a result), not as
  /// its text.
  fileprivate var isSummarized: Bool {
    switch self {
    case .text, .number, .list: return false
    case .table, .fit, .capabilities, .selection, .result, .forecast: return true
    }
  }
}
