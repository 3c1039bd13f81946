internal import ScalingLaws

/// Turns tokens into statements, recovering at statement boundaries.
///
/// Each statement ends at a `.newline` token. When a statement is malformed the parser
/// records one diagnostic for it, skips to the next statement boundary and goes on, so one
/// run reports every independent error and never a cascade from the first (Crafting
/// Interpreters, "Synchronizing a Recursive Descent Parser").
public struct Parser: Sendable {
  /// The tokens, ending with `.end`.
  private let tokens: [Token]
  /// The index of the current token.
  private(set) var index = 0
  /// How deeply brackets and `not`s nest at the current position.
  var depth = 0
  /// The deepest nesting accepted: deeper input is refused rather than risking the stack.
  static let maximumDepth = 100

  /// A statement that cannot be parsed; it unwinds to `parseProgram`.
  struct Failure: Error {
    /// What was wrong.
    var diagnostic: Diagnostic
  }

  /// Creates a parser over `tokens`, which must end with `.end`.
  init(tokens: [Token]) {
    precondition(tokens.last?.kind == .end, "the token stream must end with .end")
    self.tokens = tokens
  }

  /// Parses `source` into statements, with every lexical and syntax error found.
  public static func parse(_ source: String) -> (statements: [Statement], diagnostics: [Diagnostic])
  {
    let (tokens, lexical) = Lexer.tokenize(source)
    var parser = Parser(tokens: tokens)
    let (statements, syntax) = parser.parseProgram()
    // A lexical error inside a statement also makes that statement fail to parse; report
    // the lexical one only, as it names the cause.
    let lexicalLines = Set(lexical.map(\.range.start.line))
    let independent = syntax.filter {
      !lexicalLines.contains($0.range.start.line) || $0.id == "unclosed-bracket"
    }
    let all = (lexical + independent).sorted { $0.range.start < $1.range.start }
    return (statements, Diagnostic.capped(all))
  }

  /// Parses every statement.
  mutating func parseProgram() -> ([Statement], [Diagnostic]) {
    var statements: [Statement] = []
    var diagnostics: [Diagnostic] = []
    while current.kind != .end {
      if current.kind == .newline {
        index += 1
        continue
      }
      do {
        statements.append(try parseStatement())
      } catch let failure as Failure {
        diagnostics.append(failure.diagnostic)
        synchronize()
      } catch {
        preconditionFailure("the parser throws only Failure (was \(error))")
      }
    }
    return (statements, diagnostics)
  }

  // MARK: - Statements

  /// Parses one statement and its terminating newline.
  private mutating func parseStatement() throws -> Statement {
    let start = current.range
    var binding: Located<String>?
    if case .word(let name) = current.kind, peek(1).kind == .symbol(.assign) {
      binding = Located(name, current.range)
      index += 2
    }
    let command = try parseCommand()
    let end = tokens[index - 1].range
    try expectEndOfStatement()
    return Statement(binding: binding, command: command, range: start.union(end))
  }

  /// Parses the command after any binding: the keyword's statement, or a bare value.
  private mutating func parseCommand() throws -> any StatementNode {
    guard case .word(let word) = current.kind, let node = StatementCatalog.node(word) else {
      // Not a keyword: a bare value (`x`, `[a, b]`, `3`), unless more words follow it.
      if case .word(let word) = current.kind, peek(1).kind != .newline, peek(1).kind != .end,
        peek(1).kind != .symbol(.openParen), peek(1).kind != .symbol(.closeBracket),
        peek(1).kind != .symbol(.closeParen)
      {
        let suggestion = Suggestion.closest(to: word, among: StatementCatalog.keywords)
        throw fail(.unknownStatement(word, suggestion: suggestion), at: current.range)
      }
      return try ValueStatement.parse(&self)
    }
    let info = node.info
    if peek(1).kind == .newline || peek(1).kind == .end, !info.standsAlone {
      throw fail(
        .expected("a \(info.operand) after '\(word)'", found: peek(1).kind.display),
        at: peek(1).range)
    }
    index += 1
    return try node.parse(&self)
  }

  /// Parses `name, name, …` with at least `minimum` names.
  mutating func parseNameList(what: String, minimum: Int) throws -> [Located<String>] {
    var names = [try parseName(what)]
    while current.kind == .symbol(.comma) {
      index += 1
      names.append(try parseName(what))
    }
    if names.count < minimum {
      throw fail(
        .expected("at least \(minimum) names separated by ','", found: current.kind.display),
        at: current.range)
    }
    return names
  }

  /// Parses `value, value, …`.
  mutating func parseExpressionList() throws -> [Located<Expression>] {
    var items = [try parseExpression()]
    while current.kind == .symbol(.comma) {
      index += 1
      items.append(try parseExpression())
    }
    return items
  }

  /// Parses `name = value` options, checking each name against the statement's catalog entry.
  mutating func parseOptions(for info: StatementInfo) throws -> [OptionSetting] {
    let statement = info.name
    let allowed = info.options.map(\.name)
    var options: [OptionSetting] = []
    while true {
      if current.kind == .symbol(.comma), !options.isEmpty { index += 1 }
      guard case .word(let name) = current.kind else { break }
      let nameRange = current.range
      guard peek(1).kind == .symbol(.assign) else {
        if allowed.contains(name) {
          throw fail(
            .expected("'=' and a value after option '\(name)'", found: peek(1).kind.display),
            at: peek(1).range)
        }
        throw fail(
          .expected(
            "an option (name = value) or the end of the statement", found: current.kind.display),
          at: nameRange)
      }
      guard allowed.contains(name) else {
        throw fail(
          .unknownOption(
            name, statement: statement, suggestion: Suggestion.closest(to: name, among: allowed),
            allowed: allowed),
          at: nameRange)
      }
      if options.contains(where: { $0.name.value == name }) {
        throw fail(.duplicateOption(name), at: nameRange)
      }
      index += 2
      options.append(OptionSetting(name: Located(name, nameRange), value: try parseExpression()))
    }
    return options
  }

  // MARK: - Expressions

  /// Parses a number, string, name, list or call.
  mutating func parseExpression() throws -> Located<Expression> {
    let token = current
    try enter(at: token.range)
    defer { depth -= 1 }
    switch token.kind {
    case .number(let value, let percent):
      index += 1
      return Located(.number(value, percent: percent), token.range)
    case .string(let text):
      index += 1
      return Located(.string(text), token.range)
    case .quotedName(let text):
      index += 1
      return Located(.name(text, quoted: true), token.range)
    case .word(let text):
      index += 1
      guard current.kind == .symbol(.openParen) else {
        return Located(.name(text, quoted: false), token.range)
      }
      let open = current.range
      index += 1
      var arguments: [Argument] = []
      while current.kind != .symbol(.closeParen) {
        var label: Located<String>?
        if case .word(let name) = current.kind, peek(1).kind == .symbol(.assign) {
          label = Located(name, current.range)
          index += 2
        }
        arguments.append(Argument(label: label, value: try parseExpression()))
        guard current.kind == .symbol(.comma) else { break }
        index += 1
      }
      let close = try expectClosing(.closeParen, opened: open)
      return Located(.call(Located(text, token.range), arguments), token.range.union(close))
    case .symbol(.openBracket):
      index += 1
      var items: [Located<Expression>] = []
      while current.kind != .symbol(.closeBracket) {
        items.append(try parseExpression())
        guard current.kind == .symbol(.comma) else { break }
        index += 1
      }
      let close = try expectClosing(.closeBracket, opened: token.range)
      return Located(.list(items), token.range.union(close))
    default:
      throw fail(
        .expected("a value (a number, \"string\", name or [list])", found: token.kind.display),
        at: token.range)
    }
  }

  /// Consumes the closing bracket, or reports the opening one as never closed.
  private mutating func expectClosing(_ symbol: Symbol, opened: SourceRange) throws -> SourceRange {
    guard current.kind == .symbol(symbol) else {
      // Inside brackets line breaks do not end the statement, so a missing closer shows up
      // on a later line: blame the opener.
      if current.kind == .newline || current.kind == .end
        || current.range.start.line > opened.start.line
      {
        let open = symbol == .closeParen ? "(" : "["
        throw fail(.unclosedBracket(open), at: opened)
      }
      throw fail(
        .expected("',' or '\(symbol.rawValue)'", found: current.kind.display), at: current.range)
    }
    let range = current.range
    index += 1
    return range
  }

  // MARK: - Conditions

  /// The most comparisons one condition joins with `and`/`or`: a chain is a tree as deep as
  /// it is long, which every reader of it walks, so its length is bounded as nesting is.
  static let maximumTerms = 1000

  /// Parses `a or b`.
  mutating func parseCondition() throws -> Located<Condition> {
    var terms = 1
    var left = try parseConjunction(&terms)
    while isWord("or") {
      index += 1
      terms += 1
      guard terms <= Parser.maximumTerms else {
        throw fail(.conditionTooLong(limit: Parser.maximumTerms), at: left.range)
      }
      let right = try parseConjunction(&terms)
      left = Located(.or(left, right), left.range.union(right.range))
    }
    return left
  }

  /// Parses `a and b`, counting the terms of the condition in `terms`.
  private mutating func parseConjunction(_ terms: inout Int) throws -> Located<Condition> {
    var left = try parseUnary()
    while isWord("and") {
      index += 1
      terms += 1
      guard terms <= Parser.maximumTerms else {
        throw fail(.conditionTooLong(limit: Parser.maximumTerms), at: left.range)
      }
      let right = try parseUnary()
      left = Located(.and(left, right), left.range.union(right.range))
    }
    return left
  }

  /// Parses `not c`, `(c)`, `has column`, `field [not] in [...]` and `column op number`.
  private mutating func parseUnary() throws -> Located<Condition> {
    let start = current.range
    try enter(at: start)
    defer { depth -= 1 }
    if isWord("not") {
      index += 1
      let inner = try parseUnary()
      return Located(.not(inner), start.union(inner.range))
    }
    if current.kind == .symbol(.openParen) {
      index += 1
      let inner = try parseCondition()
      let close = try expectClosing(.closeParen, opened: start)
      return Located(inner.value, start.union(close))
    }
    if isWord("has") {
      index += 1
      let column = try parseName("a column name after 'has'")
      return Located(.has(column: column), start.union(column.range))
    }
    let subject = try parseName("a column, family or model in the condition")
    var negated = false
    if isWord("not"), peek(1).kind.word?.lowercased() == "in" {
      negated = true
      index += 1
    }
    if isWord("in") {
      index += 1
      let field = subject.value.lowercased()
      guard field == "family" || field == "model" else {
        throw fail(
          .expected("family or model before 'in'", found: "'\(subject.value)'"), at: subject.range)
      }
      let items = try parseExpression()
      return Located(
        .membership(field: Located(field, subject.range), negated: negated, items: items),
        start.union(items.range))
    }
    guard case .symbol(let symbol) = current.kind,
      let op = ComparisonOperator(rawValue: symbol.rawValue)
    else {
      throw fail(
        .expected(
          "a comparison (<, <=, >, >=, ==, !=) or 'in' after '\(subject.value)'",
          found: current.kind.display), at: current.range)
    }
    index += 1
    let value = try parseExpression()
    return Located(.comparison(column: subject, op, value: value), start.union(value.range))
  }

  /// Goes one level deeper, or refuses input nested beyond `maximumDepth`.
  mutating func enter(at range: SourceRange) throws {
    depth += 1
    if depth > Parser.maximumDepth {
      throw fail(.nestingTooDeep(limit: Parser.maximumDepth), at: range)
    }
  }

  // MARK: - Tokens

  /// Moves past the current token.
  mutating func advance() { index += 1 }

  /// The current token.
  var current: Token { tokens[index] }

  /// The token `ahead` places past the current one (the last token past the end).
  func peek(_ ahead: Int) -> Token {
    tokens[min(index + ahead, tokens.count - 1)]
  }

  /// Whether the current token is the word `word` (case-insensitive).
  func isWord(_ word: String) -> Bool {
    current.kind.word?.lowercased() == word
  }

  /// Parses a bare or backtick name.
  mutating func parseName(_ what: String) throws -> Located<String> {
    switch current.kind {
    case .word(let text), .quotedName(let text):
      let range = current.range
      index += 1
      return Located(text, range)
    case .string(let text):
      throw fail(
        .expected(what + " (names go in `backticks`, not quotes)", found: "the string \"\(text)\""),
        at: current.range)
    default:
      throw fail(.expected(what, found: current.kind.display), at: current.range)
    }
  }

  /// Consumes the word `word`, or fails.
  mutating func expectWord(_ word: String) throws {
    guard isWord(word) else {
      throw fail(.expected("'\(word)'", found: current.kind.display), at: current.range)
    }
    index += 1
  }

  /// Consumes `symbol`, or fails saying `what` was expected.
  mutating func expect(_ symbol: Symbol, _ what: String) throws {
    guard current.kind == .symbol(symbol) else {
      throw fail(.expected(what, found: current.kind.display), at: current.range)
    }
    index += 1
  }

  /// Consumes the statement's newline, or fails on the first extra token.
  private mutating func expectEndOfStatement() throws {
    switch current.kind {
    case .newline:
      index += 1
    case .end:
      break
    case .symbol(.closeBracket), .symbol(.closeParen):
      throw fail(
        .expected(
          "the end of the statement", found: "\(current.kind.display), which closes no bracket"),
        at: current.range)
    default:
      throw fail(
        .expected("the end of the statement", found: current.kind.display), at: current.range)
    }
  }

  /// Skips to just past the next statement boundary.
  private mutating func synchronize() {
    while current.kind != .end {
      let kind = current.kind
      index += 1
      if kind == .newline { return }
    }
  }

  /// Returns a failure for `error` at `range`.
  func fail(_ error: LanguageError, at range: SourceRange) -> Failure {
    Failure(diagnostic: Diagnostic(error, at: range))
  }
}
