import ObscaleLanguage
import Testing

/// The lexer's tokens for each kind of input, and its errors.
struct LexerTests {
  /// One lexing case: input and the expected token kinds (without the final newline/end).
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var input: String
    var kinds: [TokenKind]
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "binding and call", input: "f = fit d: y ~ pc(3)",
      kinds: [
        .word("f"), .symbol(.assign), .word("fit"), .word("d"), .symbol(.colon), .word("y"),
        .symbol(.tilde),
        .word("pc"), .symbol(.openParen), .number(3, percent: false), .symbol(.closeParen),
      ]),
    Case(
      name: "names with dashes, dots, at signs and slashes",
      input: "ARC-C gsm8k@5 v1.5 meta/Llama-2-7b",
      kinds: [
        .word("ARC-C"), .word("gsm8k@5"), .word("v1.5"), .word("meta/Llama-2-7b"),
      ]),
    Case(
      name: "backtick names keep spaces and commas", input: "`FLOPs (1E21)` `a, b`",
      kinds: [
        .quotedName("FLOPs (1E21)"), .quotedName("a, b"),
      ]),
    Case(
      name: "numbers, signs, exponents and percent", input: "84 -0.5 1e-4 2.5E+3 20%",
      kinds: [
        .number(84, percent: false), .number(-0.5, percent: false), .number(1e-4, percent: false),
        .number(2500, percent: false), .number(20, percent: true),
      ]),
    Case(
      name: "digits then letters make a word", input: "7b-chat 2x",
      kinds: [.word("7b-chat"), .word("2x")]),
    Case(
      name: "comparison operators", input: "< <= > >= == !=",
      kinds: [
        .symbol(.less), .symbol(.lessOrEqual), .symbol(.greater), .symbol(.greaterOrEqual),
        .symbol(.equal), .symbol(.notEqual),
      ]),
    Case(
      name: "strings with escapes and both quotes", input: #""a\"b" 'c d'"#,
      kinds: [.string("a\"b"), .string("c d")]),
    Case(name: "comments vanish", input: "show x # a comment", kinds: [.word("show"), .word("x")]),
    Case(
      name: "line breaks end statements", input: "a\nb", kinds: [.word("a"), .newline, .word("b")]),
    Case(
      name: "semicolons end statements", input: "a; b", kinds: [.word("a"), .newline, .word("b")]),
    Case(
      name: "no break inside brackets", input: "[a,\n b]",
      kinds: [
        .symbol(.openBracket), .word("a"), .symbol(.comma), .word("b"), .symbol(.closeBracket),
      ]),
    Case(
      name: "no break after a comma or operator", input: "compare f,\n g",
      kinds: [.word("compare"), .word("f"), .symbol(.comma), .word("g")]),
    Case(name: "backslash continues a line", input: "a \\\n b", kinds: [.word("a"), .word("b")]),
    Case(name: "CRLF line ends", input: "a\r\nb", kinds: [.word("a"), .newline, .word("b")]),
    Case(
      name: "blank lines give one break", input: "a\n\n\nb",
      kinds: [.word("a"), .newline, .word("b")]),
  ]

  @Test(arguments: cases)
  func tokens(_ test: Case) {
    let (tokens, diagnostics) = Lexer.tokenize(test.input)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    let kinds = tokens.map(\.kind).filter { $0 != .end }
    #expect(Array(kinds.dropLast()) == test.kinds)
    #expect(kinds.last == .newline)
  }

  @Test func rangesCountCharactersNotBytes() {
    let (tokens, _) = Lexer.tokenize("x = \"é\" β")
    let beta = tokens.first { $0.kind == .word("β") }
    #expect(beta?.range.start.column == 9)
    #expect(beta?.range.end.column == 10)
  }

  /// One lexical error: the input with the span marked, and the expected error.
  struct ErrorCase: CustomTestStringConvertible, Sendable {
    var name: String
    var marked: String
    var id: String
    var testDescription: String { name }
  }

  static let errors: [ErrorCase] = [
    ErrorCase(name: "unterminated string", marked: "load ⟪\"base.csv⟫", id: "unterminated-string"),
    ErrorCase(name: "unknown escape", marked: "load \"C:⟪\\d⟫ata\\\\new\"", id: "unknown-escape"),
    ErrorCase(
      name: "unterminated name", marked: "show t columns = [⟪`FLOPs (1E21)]⟫",
      id: "unterminated-name"),
    ErrorCase(name: "empty name", marked: "show ⟪``⟫", id: "empty-name"),
    ErrorCase(name: "unknown character", marked: "show t ⟪$⟫", id: "unexpected-character"),
    ErrorCase(name: "number overflow", marked: "x = ⟪1e999⟫", id: "invalid-number"),
  ]

  @Test(arguments: errors)
  func lexicalErrors(_ test: ErrorCase) {
    let source = MarkedSource(test.marked)
    let (_, diagnostics) = Lexer.tokenize(source.text)
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.id == test.id)
    #expect(diagnostics.first?.range.start.line == source.line)
    #expect(diagnostics.first?.range.start.column == source.column)
    #expect(
      (diagnostics.first.map { $0.range.end.column - $0.range.start.column }) == source.length)
  }
}
