/// Turns obscale source text into tokens, collecting every lexical error as a diagnostic.
///
/// Line breaks end statements, except inside `(` `[` brackets, after a line that ends with
/// `\`, or after a token that cannot end a statement (`,` `=` `~` `+` `:` and the words
/// `and`, `or`, `where`). `#` starts a comment to the end of the line; `;` also ends a
/// statement. The lexer never stops early: an unknown character or an unterminated string is
/// reported and skipped, so the parser still sees the rest of the text.
public struct Lexer: Sendable {
  /// The text as characters, so that columns count what the user sees.
  private let characters: [Character]
  /// The index of the next character.
  private var index = 0
  /// The position of the next character.
  private var position = SourcePosition(line: 1, column: 1, offset: 0)
  /// How many `(` and `[` are open.
  private var depth = 0
  /// The tokens produced so far.
  private var tokens: [Token] = []
  /// The errors found so far.
  private var diagnostics: [Diagnostic] = []

  /// Creates a lexer over `source`.
  public init(_ source: String) {
    characters = source.map { $0 == "\r\n" ? "\n" : $0 }
  }

  /// Returns the tokens of `source` (ending with `.end`) and the lexical errors found.
  public static func tokenize(_ source: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
    var lexer = Lexer(source)
    lexer.run()
    return (lexer.tokens, lexer.diagnostics)
  }

  /// Whether a line break after `token` continues the statement.
  static func continuesLine(after token: Token?) -> Bool {
    guard let token else { return false }
    switch token.kind {
    case .symbol(let symbol):
      return [.comma, .assign, .tilde, .plus, .minus, .times, .divide, .colon, .openParen]
        .contains(symbol) || symbol == .openBracket
        || [.less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual].contains(symbol)
    case .word(let word):
      return ["and", "or", "where"].contains(word.lowercased())
    default:
      return false
    }
  }

  /// Reports an unexpected character and leaves an `.invalid` token in its place. A run of
  /// them (binary junk, a megabyte of NUL bytes) is one diagnostic, not one per character.
  private mutating func unexpected(_ c: Character, from start: SourcePosition) {
    if case .invalid? = tokens.last?.kind, let last = diagnostics.last, last.range.end == start,
      case .unexpectedCharacter = last.error
    {
      diagnostics[diagnostics.count - 1].range.end = position
      return
    }
    diagnostics.append(
      Diagnostic(.unexpectedCharacter(String(c)), at: SourceRange(start: start, end: position)))
    tokens.append(Token(.invalid(String(c)), SourceRange(start: start, end: position)))
  }

  /// Scans the whole text.
  private mutating func run() {
    // A byte-order mark (as some editors save UTF-8) is not part of the script.
    if peek() == "\u{FEFF}" { advance() }
    while let c = peek() {
      let start = position
      switch c {
      case " ", "\t", "\r":
        advance()
      case "\n", ";":
        advance()
        if depth == 0, !Lexer.continuesLine(after: tokens.last), tokens.last?.kind != .newline,
          !tokens.isEmpty
        {
          tokens.append(Token(.newline, SourceRange(start: start, end: position)))
        }
      case "#":
        while let next = peek(), next != "\n" { advance() }
      case "\\" where peek(1) == "\n":
        advance()
        advance()
      case "\"", "'":
        lexString(quote: c)
      case "`":
        lexQuotedName()
      case _ where c.isNumber && c.isASCII:
        lexNumberOrWord()
      case "-", "+", ".":
        if let next = peek(1), next.isASCII,
          next.isNumber || (next == "." && peek(2)?.isNumber == true)
        {
          lexNumberOrWord()
        } else if c == "+" || c == "-" {
          advance()
          emit(.symbol(c == "+" ? .plus : .minus), from: start)
        } else {
          advance()
          unexpected(c, from: start)
        }
      case _ where c.isLetter || c == "_":
        lexWord()
      default:
        lexSymbol(c, start: start)
      }
    }
    if let last = tokens.last, last.kind != .newline {
      tokens.append(Token(.newline, SourceRange(start: position, end: position)))
    }
    tokens.append(Token(.end, SourceRange(start: position, end: position)))
  }

  /// Scans an operator or punctuation mark, or reports an unexpected character.
  private mutating func lexSymbol(_ c: Character, start: SourcePosition) {
    advance()
    let two: Symbol?
    switch (c, peek()) {
    case ("<", "="): two = .lessOrEqual
    case (">", "="): two = .greaterOrEqual
    case ("=", "="): two = .equal
    case ("!", "="): two = .notEqual
    default: two = nil
    }
    if let two {
      advance()
      emit(.symbol(two), from: start)
      return
    }
    guard let symbol = Symbol(rawValue: String(c)) else {
      unexpected(c, from: start)
      return
    }
    switch symbol {
    case .openParen, .openBracket: depth += 1
    case .closeParen, .closeBracket: depth = max(0, depth - 1)
    default: break
    }
    emit(.symbol(symbol), from: start)
  }

  /// Scans a bare word.
  private mutating func lexWord() {
    let start = position
    var text = ""
    while let c = peek(), Lexer.isWordCharacter(c) {
      text.append(c)
      advance()
    }
    // A word does not end in '.', '-' or '/': those belong to what follows (rarely useful).
    emit(.word(text), from: start)
  }

  /// Whether `c` may continue a bare word.
  public static func isWordCharacter(_ c: Character) -> Bool {
    c.isLetter || c.isNumber || "_-.@/".contains(c)
  }

  /// Scans a number (`84`, `-0.5`, `1e-4`, `20%`); digits followed by letters form a word.
  private mutating func lexNumberOrWord() {
    let start = position
    let startIndex = index
    var text = ""
    if let c = peek(), c == "-" || c == "+" {
      text.append(c)
      advance()
    }
    while let c = peek(), c.isASCII, c.isNumber || c == "." {
      text.append(c)
      advance()
    }
    if let c = peek(), c == "e" || c == "E",
      let next = peek(1),
      next.isNumber || ((next == "-" || next == "+") && peek(2)?.isNumber == true)
    {
      text.append(c)
      advance()
      if let sign = peek(), sign == "-" || sign == "+" {
        text.append(sign)
        advance()
      }
      while let c = peek(), c.isASCII, c.isNumber {
        text.append(c)
        advance()
      }
    }
    if let c = peek(), Lexer.isWordCharacter(c), !(c == "." && peek(1) == nil) {
      // `7b-chat`, `2x`: a word that starts with digits.
      index = startIndex
      position = start
      var word = ""
      while let c = peek(), Lexer.isWordCharacter(c) || (word.isEmpty && (c == "-" || c == "+")) {
        word.append(c)
        advance()
      }
      emit(.word(word), from: start)
      return
    }
    guard let value = Double(text), value.isFinite else {
      diagnostics.append(
        Diagnostic(.invalidNumber(text), at: SourceRange(start: start, end: position)))
      tokens.append(Token(.invalid(text), SourceRange(start: start, end: position)))
      return
    }
    var percent = false
    if peek() == "%" {
      advance()
      percent = true
    }
    emit(.number(value, percent: percent), from: start)
  }

  /// Scans a string in `quote`s with `\"`, `\\`, `\n` and `\t` escapes; it may not span lines.
  private mutating func lexString(quote: Character) {
    let start = position
    advance()
    var text = ""
    while let c = peek(), c != "\n" {
      advance()
      if c == quote {
        emit(.string(text), from: start)
        return
      }
      if c == "\\", let next = peek(), next != "\n" {
        let escape = position
        advance()
        switch next {
        case "n": text.append("\n")
        case "t": text.append("\t")
        case "\\", "\"", quote: text.append(next)
        default:
          // An unknown escape is an error at the escape, not a dropped backslash: "C:\data"
          // would otherwise read as "C:data".
          diagnostics.append(
            Diagnostic(
              .unknownEscape(next),
              at: SourceRange(
                start: SourcePosition(
                  line: escape.line, column: escape.column - 1, offset: escape.offset - 1),
                end: position)))
          text.append(next)
        }
      } else {
        text.append(c)
      }
    }
    diagnostics.append(
      Diagnostic(.unterminatedString, at: SourceRange(start: start, end: position)))
    tokens.append(Token(.invalid(""), SourceRange(start: start, end: position)))
  }

  /// Scans a name in backticks; it may not span lines.
  private mutating func lexQuotedName() {
    let start = position
    advance()
    var text = ""
    while let c = peek(), c != "\n" {
      advance()
      if c == "`" {
        if text.isEmpty {
          diagnostics.append(
            Diagnostic(.emptyQuotedName, at: SourceRange(start: start, end: position)))
          tokens.append(Token(.invalid(""), SourceRange(start: start, end: position)))
        } else {
          emit(.quotedName(text), from: start)
        }
        return
      }
      text.append(c)
    }
    diagnostics.append(
      Diagnostic(.unterminatedQuotedName, at: SourceRange(start: start, end: position)))
    tokens.append(Token(.invalid(""), SourceRange(start: start, end: position)))
  }

  /// Appends a token spanning from `start` to the current position.
  private mutating func emit(_ kind: TokenKind, from start: SourcePosition) {
    tokens.append(Token(kind, SourceRange(start: start, end: position)))
  }

  /// Returns the character `ahead` places past the next one, or nil past the end.
  private func peek(_ ahead: Int = 0) -> Character? {
    index + ahead < characters.count ? characters[index + ahead] : nil
  }

  /// Moves past one character, keeping line and column.
  private mutating func advance() {
    guard index < characters.count else { return }
    if characters[index] == "\n" {
      position.line += 1
      position.column = 1
    } else {
      position.column += 1
    }
    position.offset += 1
    index += 1
  }
}
