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
  private var index = 0
  /// How deeply brackets and `not`s nest at the current position.
  private var depth = 0
  /// The deepest nesting accepted: deeper input is refused rather than risking the stack.
  static let maximumDepth = 100

  /// A statement that cannot be parsed; it unwinds to `parseProgram`.
  private struct Failure: Error {
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

  /// Parses the command after any binding.
  private mutating func parseCommand() throws -> Command {
    guard case .word(let word) = current.kind, StatementCatalog.info(word) != nil else {
      // Not a keyword: a bare value (`x`, `[a, b]`, `3`), unless more words follow it.
      if case .word(let word) = current.kind, peek(1).kind != .newline, peek(1).kind != .end,
        peek(1).kind != .symbol(.openParen), peek(1).kind != .symbol(.closeBracket),
        peek(1).kind != .symbol(.closeParen)
      {
        let suggestion = Suggestion.closest(to: word, among: StatementCatalog.keywords)
        throw fail(.unknownStatement(word, suggestion: suggestion), at: current.range)
      }
      return .value(try parseExpression())
    }
    if peek(1).kind == .newline || peek(1).kind == .end, word != "help", word != "clear" {
      throw fail(
        .expected("a \(operandDescription(word)) after '\(word)'", found: peek(1).kind.display),
        at: peek(1).range)
    }
    let keyword = current
    index += 1
    switch word {
    case "load":
      return try parseLoad()
    case "join":
      return .join(try parseNameList(what: "a table name", minimum: 2))
    case "filter":
      let table = try parseName("a table name after 'filter'")
      try expectWord("where")
      return .filter(table, try parseCondition())
    case "rename":
      let table = try parseName("a table name after 'rename'")
      var renamings: [Renaming] = []
      repeat {
        if !renamings.isEmpty { index += 1 }
        let from = try parseName("a column name to rename")
        try expectWord("to")
        renamings.append(
          Renaming(from: from, to: try parseName("the column's new name after 'to'")))
      } while current.kind == .symbol(.comma)
      return .rename(table, renamings)
    case "drop":
      let table = try parseName("a table name after 'drop'")
      return .drop(table, try parseNameList(what: "a column name", minimum: 1))
    case "show":
      let subject = try parseName("a name after 'show'")
      return .show(subject, try parseOptions(for: "show"))
    case "describe":
      return .describe(try parseName("a table name after 'describe'"))
    case "impute":
      let table = try parseName("a table name after 'impute'")
      return .impute(table, try parseOptions(for: "impute"))
    case "efficiency":
      return .efficiency(try parseName("a pca name after 'efficiency'"))
    case "pca":
      let table = try parseName("a table name after 'pca'")
      return .pca(table, try parseOptions(for: "pca"))
    case "fit":
      return try parseFit()
    case "predict":
      let fit = try parseName("a fit name after 'predict'")
      var options: [OptionSetting] = []
      // `for [models]` and `on table`, in either order, each at most once.
      while case .word(let next) = current.kind, ["for", "on"].contains(next.lowercased()) {
        let clauseRange = current.range
        let option = next.lowercased() == "for" ? "models" : "table"
        if options.contains(where: { $0.name.value == option }) {
          throw fail(.duplicateOption(option), at: clauseRange)
        }
        index += 1
        if option == "models" {
          options.append(
            OptionSetting(name: Located(option, clauseRange), value: try parseExpression()))
        } else {
          let table = try parseName("a table name after 'on'")
          options.append(
            OptionSetting(
              name: Located(option, clauseRange),
              value: Located(.name(table.value, quoted: false), table.range)))
        }
      }
      let rest = try parseOptions(for: "predict")
      for clash in rest where options.contains(where: { $0.name.value == clash.name.value }) {
        throw fail(.duplicateOption(clash.name.value), at: clash.name.range)
      }
      return .predict(fit, options + rest)
    case "equiv":
      let fit = try parseName("a fit name after 'equiv'")
      return .equiv(fit, try parseOptions(for: "equiv"))
    case "plot":
      let subjects = try parseNameList(what: "a fit or pca name", minimum: 1)
      return .plot(subjects, try parseOptions(for: "plot"))
    case "weights":
      return .weights(try parseNameList(what: "a fit name", minimum: 1))
    case "gap":
      let fits = try parseNameList(what: "a fit name", minimum: 2)
      if fits.count > 2 {
        throw fail(
          .expected("two fits, the baseline first ('gap f, g')", found: "\(fits.count) names"),
          at: fits[2].range)
      }
      return .gap(fits, try parseOptions(for: "gap"))
    case "compare":
      return .compare(try parseNameList(what: "a fit name", minimum: 1))
    case "save":
      let subject = try parseName("a table or fit name after 'save'")
      try expectWord("to")
      let path = try parseExpression()
      guard case .string = path.value else {
        throw fail(
          .expected("a file name in quotes after 'to'", found: path.value.display), at: path.range)
      }
      return .save(subject, path: path)
    case "bootstrap":
      let fit = try parseName("a fit name after 'bootstrap'")
      return .bootstrap(fit, try parseOptions(for: "bootstrap"))
    case "select":
      let table = try parseName("a table name after 'select'")
      return .select(table, try parseOptions(for: "select"))
    case "print", "warn":
      var items = [try parseExpression()]
      while current.kind == .symbol(.comma) {
        index += 1
        items.append(try parseExpression())
      }
      return word == "print" ? .print(items) : .warn(items)
    case "clear":
      return .clear
    case "help":
      if current.kind == .newline { return .help(nil) }
      return .help(try parseName("a statement after 'help'"))
    default:
      preconditionFailure("keyword '\(word)' at \(keyword.range) has no parser")
    }
  }

  /// Describes what a statement operates on, for "expected …" messages.
  private func operandDescription(_ keyword: String) -> String {
    switch keyword {
    case "load": return "file name in quotes, or demo,"
    case "fit": return "table name, ':' and a formula"
    case "save": return "name, 'to' and a file name"
    case "join", "compare", "gap": return "list of names"
    case "print", "warn": return "string, number or name"
    case "filter": return "table name and a 'where' condition"
    case "rename": return "table name and 'column to name'"
    case "drop": return "table name and the columns to drop"
    default: return "name"
    }
  }

  /// Parses what follows `load`.
  private mutating func parseLoad() throws -> Command {
    let source = try parseExpression()
    switch source.value {
    case .string:
      return .load(source, part: nil, try parseOptions(for: "load"))
    case .name("demo", quoted: false):
      // `demo base`, `demo tasks`; a word before `=` is an option.
      if case .word(let part) = current.kind, peek(1).kind != .symbol(.assign) {
        let range = current.range
        guard part == "base" || part == "tasks" else {
          throw fail(
            .invalidValue(
              option: "demo part", value: part, expected: "base or tasks",
              suggestion: Suggestion.closest(to: part, among: ["base", "tasks"])),
            at: range)
        }
        index += 1
        return .load(source, part: Located(part, range), try parseOptions(for: "load"))
      }
      return .load(source, part: nil, try parseOptions(for: "load"))
    default:
      throw fail(
        .expected("a file name in quotes, or demo", found: source.value.display), at: source.range)
    }
  }

  /// Parses `table: target ~ term + term … options` after `fit`.
  private mutating func parseFit() throws -> Command {
    let table = try parseName("a table name after 'fit'")
    try expect(.colon, "':' between the table and the formula (fit table: target ~ predictors)")
    let target = try parseName("the target column after ':'")
    try expect(.tilde, "'~' between the target and the predictors")
    var terms = [try parseExpression()]
    while current.kind == .symbol(.plus) {
      index += 1
      terms.append(try parseExpression())
    }
    return .fit(table: table, target: target, predictors: terms, try parseOptions(for: "fit"))
  }

  /// Parses `name, name, …` with at least `minimum` names.
  private mutating func parseNameList(what: String, minimum: Int) throws -> [Located<String>] {
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

  /// Parses `name = value` options, checking each name against the statement's catalog entry.
  private mutating func parseOptions(for statement: String) throws -> [OptionSetting] {
    let allowed = StatementCatalog.info(statement)?.options.map(\.name) ?? []
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
  private mutating func parseExpression() throws -> Located<Expression> {
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

  /// Parses `a or b`.
  private mutating func parseCondition() throws -> Located<Condition> {
    var left = try parseConjunction()
    while isWord("or") {
      index += 1
      let right = try parseConjunction()
      left = Located(.or(left, right), left.range.union(right.range))
    }
    return left
  }

  /// Parses `a and b`.
  private mutating func parseConjunction() throws -> Located<Condition> {
    var left = try parseUnary()
    while isWord("and") {
      index += 1
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
  private mutating func enter(at range: SourceRange) throws {
    depth += 1
    if depth > Parser.maximumDepth {
      throw fail(.nestingTooDeep(limit: Parser.maximumDepth), at: range)
    }
  }

  // MARK: - Tokens

  /// The current token.
  private var current: Token { tokens[index] }

  /// The token `ahead` places past the current one (the last token past the end).
  private func peek(_ ahead: Int) -> Token {
    tokens[min(index + ahead, tokens.count - 1)]
  }

  /// Whether the current token is the word `word` (case-insensitive).
  private func isWord(_ word: String) -> Bool {
    current.kind.word?.lowercased() == word
  }

  /// Parses a bare or backtick name.
  private mutating func parseName(_ what: String) throws -> Located<String> {
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
  private mutating func expectWord(_ word: String) throws {
    guard isWord(word) else {
      throw fail(.expected("'\(word)'", found: current.kind.display), at: current.range)
    }
    index += 1
  }

  /// Consumes `symbol`, or fails saying `what` was expected.
  private mutating func expect(_ symbol: Symbol, _ what: String) throws {
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
  private func fail(_ error: LanguageError, at range: SourceRange) -> Failure {
    Failure(diagnostic: Diagnostic(error, at: range))
  }
}
