/// One kind of statement: its catalog row, how its operands parse and how it runs.
///
/// Each statement is one type in `Statements/`, with its `StatementInfo` beside it; the parser
/// finds it by keyword in `StatementCatalog.nodes` and hands it the tokens after the keyword,
/// and `Session.execute` runs what it parsed. Adding a statement is adding its file and its
/// line in that list.
public protocol StatementNode: Sendable {
  /// The statement's syntax, options and examples.
  static var info: StatementInfo { get }

  /// Parses the operands after the keyword, up to the end of the statement.
  static func parse(_ parser: inout Parser) throws -> Self

  /// Runs the statement on `session`.
  func evaluate(
    in session: inout Session, statement: Statement, binding: String?,
    progress: (String) -> Void
  ) throws -> Evaluation
}

extension StatementNode {
  /// The statement's keyword.
  public var keyword: String { Self.info.name }
}
