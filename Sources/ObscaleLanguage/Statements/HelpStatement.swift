internal import ScalingLaws

extension StatementInfo {
  /// `help`: Lists the statements, or explains one.
  static let help = StatementInfo(
    name: "help",
    summary: "Lists the statements, or explains one.",
    syntax: "help [statement]",
    options: [],
    examples: ["help", "help fit"],
    standsAlone: true,
    completion: StatementCompletion(subject: .keywords))
}

/// `help` or `help topic`.
struct HelpStatement: StatementNode {
  static var info: StatementInfo { .help }

  /// The statement explained, if any.
  var topic: Located<String>?

  static func parse(_ parser: inout Parser) throws -> HelpStatement {
    if parser.current.kind == .newline || parser.current.kind == .end {
      return HelpStatement(topic: nil)
    }
    return HelpStatement(topic: try parser.parseName("a statement after 'help'"))
  }

}

extension HelpStatement {
  /// Lists the statements, or explains one.
  static func help(_ topic: Located<String>?) throws -> Output {
    guard let topic else {
      let rows: [[Cell]] = StatementCatalog.statements.map { [.text($0.name), .text($0.summary)] }
      return Output(
        kind: .help, title: "obscale statements — help <statement> for options and examples",
        blocks: [
          .table(
            DataTable(
              name: "statements", columns: [DataColumn("statement"), DataColumn("what it does")],
              rows: rows, textRecords: true)),
          .text(
            "Names bind results (f = fit …); column names with spaces or commas go in backticks (`FLOPs (1E21)`); strings in double quotes are file names. # starts a comment. The full reference is docs/LANGUAGE.md."
          ),
        ])
    }
    guard let info = StatementCatalog.info(topic.value) else {
      throw EvaluationFailure(
        .unknownHelpTopic(
          topic.value,
          suggestion: Suggestion.closest(to: topic.value, among: StatementCatalog.keywords)),
        at: topic.range)
    }
    var blocks: [Block] = [.text(info.summary), .fields([Field("syntax", .text(info.syntax))])]
    if !info.options.isEmpty {
      blocks.append(
        .table(
          DataTable(
            name: "options",
            columns: [
              DataColumn("option"), DataColumn("values"), DataColumn("default"),
              DataColumn("meaning"),
            ],
            rows: info.options.map {
              [.text($0.name), .text($0.values), .text($0.defaultValue), .text($0.summary)]
            }, textRecords: true)))
    }
    blocks.append(.fields(info.examples.enumerated().map { Field("example \($0 + 1)", .text($1)) }))
    return Output(kind: .help, title: "help \(info.name)", blocks: blocks)
  }
}

extension HelpStatement: EvaluatedStatement {
  /// Runs `help`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    return Evaluation(nil, try Self.help(topic))
  }
}
