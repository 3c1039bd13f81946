/// One kind of statement as syntax: its catalog row and how its operands parse.
///
/// Each statement is one type in `Statements/`, with its `StatementInfo` beside it; the parser
/// finds it by keyword in `StatementCatalog.nodes` and hands it the tokens after the keyword.
/// How it runs is its conformance to `EvaluatedStatement`, in the same file: the syntax layer
/// knows nothing of evaluation. Adding a statement is adding its file and its line in that
/// list.
public protocol StatementNode: Sendable {
  /// The statement's syntax, options and examples.
  static var info: StatementInfo { get }

  /// Parses the operands after the keyword, up to the end of the statement.
  static func parse(_ parser: inout Parser) throws -> Self
}

extension StatementNode {
  /// The statement's keyword.
  public var keyword: String { Self.info.name }
}
