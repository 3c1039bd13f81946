/// Whether some typed text is a whole input, for continuing a statement on the next line in
/// the REPL and for the kernel's `is_complete_request`.
public enum InputCompleteness: Equatable, Sendable {
  /// The text can run (it may still hold errors, which running reports).
  case complete
  /// The text continues: an open bracket, or a last token that cannot end a statement;
  /// `indent` is the suggested indentation of the next line.
  case incomplete(indent: String)
  /// The text cannot become valid by adding lines: an unterminated string or name, a
  /// character the language does not use, or a bracket closed that was never opened.
  case invalid

  /// Classifies `source`.
  public static func check(_ source: String) -> InputCompleteness {
    let (tokens, diagnostics) = Lexer.tokenize(source)
    let trimmed = source.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\n" }
    if trimmed.first == "\\" { return .incomplete(indent: "  ") }
    let hopeless: Set<String> = [
      "unterminated-string", "unterminated-name", "unexpected-character",
    ]
    if diagnostics.contains(where: { hopeless.contains($0.id) }) { return .invalid }
    var depth = 0
    for token in tokens {
      switch token.kind {
      case .symbol(.openParen), .symbol(.openBracket): depth += 1
      case .symbol(.closeParen), .symbol(.closeBracket):
        if depth == 0 { return .invalid }
        depth -= 1
      default: break
      }
    }
    if depth > 0 { return .incomplete(indent: "  ") }
    let significant = tokens.last { $0.kind != .newline && $0.kind != .end }
    if Lexer.continuesLine(after: significant) { return .incomplete(indent: "  ") }
    return .complete
  }
}

extension InputCompleteness {
  /// Whether `text` is `exit` or `quit` alone (with or without `()`): the REPL leaves, and
  /// the kernel asks its front end to leave, as ipykernel does.
  public static func isExit(_ text: String) -> Bool {
    var trimmed = Substring(text)
    while let first = trimmed.first, first.isWhitespace { trimmed.removeFirst() }
    while let last = trimmed.last, last.isWhitespace { trimmed.removeLast() }
    return ["exit", "quit", "exit()", "quit()"].contains(trimmed)
  }
}
