internal import ScalingLaws

/// Completion candidates for the word before a cursor, from where the cursor is: statements
/// at a statement's start; the tables, fits or names a statement takes as its subject; after
/// `fit T:` the metric columns of `T`; after `~` the predictor forms; after `option =` only
/// that option's values (``OptionValues``); inside `[` after `families =` or `family in` only
/// families; file paths only inside strings; otherwise the statement's options.
public struct Completion: Equatable, Sendable {
  /// Where the word being completed starts, as a character offset into the text.
  public var start: Int
  /// The candidates, each a full replacement of the word, sorted.
  public var candidates: [String]

  /// Computes the candidates for the text before `cursor` (a character offset).
  public static func candidates(_ text: String, cursor: Int, session: Session) -> Completion {
    let before = Array(text.prefix(cursor))
    // Inside a string: complete a file path.
    let quotes = before.filter { $0 == "\"" }.count
    if quotes % 2 == 1, let open = before.lastIndex(of: "\"") {
      let typed = String(before[(open + 1)...])
      return Completion(start: open + 1, candidates: paths(typed, session: session))
    }
    // Inside backticks: the names the context takes, in backticks.
    let ticks = before.filter { $0 == "`" }.count
    if ticks % 2 == 1, let open = before.lastIndex(of: "`") {
      let typed = String(before[(open + 1)...])
      let pool = Context(statement: statementText(String(before[..<open])), session: session).pool
      let names = pool.filter { $0.isName && $0.text.hasPrefix(typed) }.map { "`\($0.text)`" }
      return Completion(start: open, candidates: Array(Set(names)).sorted())
    }
    var start = before.count
    while start > 0, Lexer.isWordCharacter(before[start - 1]) { start -= 1 }
    let typed = String(before[start...])
    let pool = Context(statement: statementText(String(before[..<start])), session: session).pool
    var matches: Set<String> = []
    for candidate in pool
    where candidate.text.hasPrefix(typed) && (candidate.text != typed || typed.isEmpty) {
      // A name that is not one word needs backticks, even when its first letters are one.
      let needsTicks = candidate.isName && candidate.text.contains { !Lexer.isWordCharacter($0) }
      matches.insert(needsTicks ? "`\(candidate.text)`" : candidate.text)
    }
    return Completion(start: start, candidates: matches.sorted())
  }

  /// The keyword of the statement the cursor (a character offset) is in, after any
  /// `name =`: what an option's help should be read against. Nil outside a statement.
  public static func statementKeyword(_ text: String, cursor: Int) -> String? {
    let rest = afterBinding(tokens(of: statementText(String(text.prefix(cursor)))))
    guard let keyword = rest.first?.kind.word?.lowercased(), StatementCatalog.info(keyword) != nil
    else { return nil }
    return keyword
  }

  /// The tokens of a statement's text, without line breaks and the end marker.
  fileprivate static func tokens(of text: String) -> [Token] {
    Lexer.tokenize(text).tokens.filter {
      switch $0.kind {
      case .newline, .end: return false
      default: return true
      }
    }
  }

  /// The tokens after a leading `name =` (which binds what follows), or all of them.
  fileprivate static func afterBinding(_ tokens: [Token]) -> ArraySlice<Token> {
    if tokens.count >= 2, tokens[0].kind.word != nil, tokens[1].kind == .symbol(.assign) {
      return tokens.dropFirst(2)
    }
    return tokens[...]
  }

  /// Model ids and their last part (`org/name` is matched by `name` too), as the filters do.
  fileprivate static func modelNames(_ models: [String]) -> Set<String> {
    Set(models).union(models.map { id in id.split(separator: "/").last.map(String.init) ?? id })
  }

  /// The statement the cursor is in: the last line of `text`, with the lines it continues.
  private static func statementText(_ text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var statement = lines.removeLast()
    while !lines.isEmpty, case .incomplete = InputCompleteness.check(lines.joined(separator: "\n"))
    {
      statement = lines.removeLast() + "\n" + statement
    }
    // `;` also ends a statement.
    if let semicolon = statement.lastIndex(of: ";") {
      statement = String(statement[statement.index(after: semicolon)...])
    }
    return statement
  }

  /// Files and folders that start with `typed`, relative to the session's folders.
  private static func paths(_ typed: String, session: Session) -> [String] {
    let slash = typed.lastIndex(of: "/")
    let folderPart = slash.map { String(typed[...$0]) } ?? ""
    let namePart = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
    let roots = typed.hasPrefix("/") ? [""] : [session.directory ?? "."] + session.searchPath
    var found: Set<String> = []
    for root in roots {
      let subfolder = folderPart.count > 1 ? String(folderPart.dropLast()) : folderPart
      let folder =
        folderPart.isEmpty ? root : (root.isEmpty ? subfolder : joinPath(root, subfolder))
      for name in session.files.list(folder) where name.hasPrefix(namePart) && !name.hasPrefix(".")
      {
        let full = joinPath(folder, name)
        found.insert(folderPart + name + (session.files.isDirectory(full) ? "/" : ""))
      }
    }
    return found.sorted()
  }
}

/// One candidate: a word of the language, or a name from the session (a column, family or
/// model), which may need backticks.
private struct Candidate: Hashable {
  /// The text as it completes.
  var text: String
  /// Whether it is a name from the data rather than a word of the language.
  var isName: Bool
}

extension [Candidate] {
  /// Words of the language.
  fileprivate static func words(_ words: [String]) -> [Candidate] {
    words.map { Candidate(text: $0, isName: false) }
  }

  /// Names from the data.
  fileprivate static func names(_ names: [String]) -> [Candidate] {
    names.map { Candidate(text: $0, isName: true) }
  }
}

/// Where in a statement the cursor is, read from the tokens before the word being typed, and
/// what may come there.
private struct Context {
  /// The candidates for the word at the cursor.
  var pool: [Candidate] = []

  /// What the kinds of bound names are: tables, fits, pca results, selections, lists.
  private let session: Session

  /// Reads the statement `text` (everything before the word at the cursor).
  init(statement text: String, session: Session) {
    self.session = session
    pool = candidates(Completion.tokens(of: text))
  }

  /// The candidates after `tokens`.
  private func candidates(_ tokens: [Token]) -> [Candidate] {
    // `name =` binds what follows; the keyword comes after it.
    let rest = Completion.afterBinding(tokens)
    guard let first = rest.first else {
      return .words(StatementCatalog.keywords) + .words(Array(session.values.keys))
    }
    guard let keyword = first.kind.word?.lowercased(), let info = StatementCatalog.info(keyword)
    else {
      return .words(Array(session.values.keys))
    }
    let after = Array(rest.dropFirst())
    if let inner = innermost(after, info: info) { return inner }
    return top(after, info: info)
  }

  /// The candidates inside the innermost open `[` or `(`, if the cursor is inside one.
  private func innermost(_ tokens: [Token], info: StatementInfo) -> [Candidate]? {
    var open: [Int] = []
    for (index, token) in tokens.enumerated() {
      switch token.kind {
      case .symbol(.openBracket), .symbol(.openParen): open.append(index)
      case .symbol(.closeBracket), .symbol(.closeParen): _ = open.popLast()
      default: break
      }
    }
    guard let index = open.last else { return nil }
    let inside = Array(tokens[(index + 1)...])
    let before = tokens[..<index]
    if tokens[index].kind == .symbol(.openParen) {
      guard let call = before.last?.kind.word?.lowercased() else { return [] }
      return callArguments(call, inside: inside)
    }
    // A list: after `option =`, `family in`, `model in`, or a call's `label =`.
    if before.last?.kind == .symbol(.assign), let option = before.dropLast().last?.kind.word {
      if let accepts = info.options.first(where: { $0.name == option })?.accepts,
        let names = accepts.names
      {
        return self.names(names)
      }
      return labelNames(option) ?? []
    }
    // A connective's list: `predict f for [` models.
    if let word = before.last?.kind.word?.lowercased(),
      let slot = info.completion.connectives.first(where: { $0.word == word })?.then,
      slot.kind == .list
    {
      return slot.names == .subjectModels ? subjectModels(tokens) : names(slot.names)
    }
    if before.last?.kind == .symbol(.openParen), let call = before.dropLast().last?.kind.word,
      SplitValue.calls.first(where: { $0.name == call })?.operand == .models
    {
      return names(.models)
    }
    if before.last?.kind.word?.lowercased() == "in",
      let field = before.dropLast().last?.kind.word?.lowercased()
    {
      return field == "model" ? self.names(.models) : self.names(.families)
    }
    return []
  }

  /// Inside `call(`: the labels it takes, or after `label =` that label's names.
  private func callArguments(_ call: String, inside: [Token]) -> [Candidate] {
    if inside.last?.kind == .symbol(.assign), let label = inside.dropLast().last?.kind.word {
      return labelNames(label) ?? []
    }
    let expectsItem = inside.isEmpty || inside.last?.kind == .symbol(.comma)
    let labels = [Candidate].words((Vocabulary.splitLabels[call] ?? []).map { $0 + " =" })
    if call == "log", inside.isEmpty { return .words(["flops", "size"]) }
    guard let split = SplitValue.calls.first(where: { $0.name == call }) else { return [] }
    switch split.operand {
    // The threshold or test size comes first, then the labels.
    case .number: return expectsItem && !inside.isEmpty ? labels : []
    case .models: return expectsItem ? labels + (inside.isEmpty ? names(.models) : []) : []
    case .selection:
      if inside.isEmpty {
        return .words(bound { if case .selection = $0 { return true } else { return false } })
      }
      return expectsItem ? labels : []
    }
  }

  /// The names a call's label takes: `column =` a column, `families =` families, `models =`
  /// models; nil for labels that take numbers.
  private func labelNames(_ label: String) -> [Candidate]? {
    switch label {
    case "column": return names(.columns)
    case "families": return names(.families)
    case "models": return names(.models)
    default: return nil
    }
  }

  /// The candidates outside brackets: the statement's subject, the parts that follow it and
  /// its options.
  private func top(_ tokens: [Token], info: StatementInfo) -> [Candidate] {
    let options = [Candidate].words(info.options.map { $0.name + " =" })
    // After `option =`: that option's values.
    if tokens.last?.kind == .symbol(.assign), let option = tokens.dropLast().last?.kind.word,
      let accepts = info.options.first(where: { $0.name == option })?.accepts
    {
      var pool = [Candidate].words(accepts.words)
      if let names = accepts.names { pool += self.names(names) }
      // A bound list of columns or families serves as well as a literal.
      if accepts.names == .columns || accepts.names == .families {
        pool += .words(bound { if case .list = $0 { return true } else { return false } })
      }
      return pool
    }
    // The subject: the first operand, or the next one after a comma in a list of them.
    let spec = info.completion
    let inSubjectList =
      spec.listsSubjects && tokens.last?.kind == .symbol(.comma)
      && tokens.allSatisfy { $0.kind.word != nil || $0.kind == .symbol(.comma) }
    if tokens.isEmpty || inSubjectList { return slot(spec.subject) }
    if tokens.count == 1, let word = tokens[0].kind.word,
      let after = spec.afterWords.first(where: { $0.word == word })
    {
      return .words(after.next)
    }
    // A connective and what follows it (`predict f on` a table, `place p on a,` another).
    let words = tokens.map { $0.kind.word?.lowercased() }
    if let last = words.last, let connective = spec.connectives.first(where: { $0.word == last }) {
      return slot(connective.then)
    }
    if tokens.last?.kind == .symbol(.comma),
      let connective = spec.connectives.last(where: { $0.repeats && words.contains($0.word) })
    {
      return slot(connective.then)
    }
    let required = spec.connectives.filter(\.required)
    if !required.isEmpty, !required.contains(where: { words.contains($0.word) }) {
      return .words(required.map(\.word))
    }
    switch spec.form {
    case .formula: return fitFormula(tokens) ?? options
    case .condition: return condition(tokens)
    case .columns: return names(.columns)
    case .renaming:
      // table column to name, column to name
      if words.last == "to" { return [] }
      if tokens.count == 1 || tokens.last?.kind == .symbol(.comma) { return names(.columns) }
      return .words(["to"])
    case nil:
      let optional = spec.connectives.filter { !$0.required && !words.contains($0.word) }
      return options + .words(optional.map(\.word))
    }
  }

  /// What a slot of a statement takes.
  private func slot(_ slot: StatementCompletion.Slot) -> [Candidate] {
    switch slot.kind {
    case .keywords: return .words(StatementCatalog.keywords)
    case .words: return .words(slot.words)
    case .columns: return names(.columns)
    case .list: return .words(["["])
    case .anyName: return .words(bound { _ in true })
    case .bound: return .words(bound { Self.kind(of: $0).map(slot.bound.contains) ?? false })
    }
  }

  /// The kind of a bound value, as statements declare their subjects.
  private static func kind(of value: Value) -> StatementCompletion.BoundKind? {
    switch value {
    case .table, .result: return .table
    case .fit: return .fit
    case .capabilities: return .capabilities
    case .selection: return .selection
    case .forecast: return .forecast
    case .text: return .text
    case .list, .number: return nil
    }
  }

  /// Inside `fit T: target ~ predictors`: the target's columns after `:`, the predictor
  /// forms after `~` or `+`; nil once the formula is complete (options follow).
  private func fitFormula(_ tokens: [Token]) -> [Candidate]? {
    guard let colon = tokens.firstIndex(where: { $0.kind == .symbol(.colon) }) else {
      return tokens.count == 1 ? .words([":"]) : nil
    }
    let table = tokens[..<colon].last?.kind.word.flatMap { name -> ScoreTable? in
      session.values[name]?.rows
    }
    let metrics = [Candidate].names(table?.metricNames ?? [])
    let formula = tokens[(colon + 1)...]
    guard let tilde = formula.firstIndex(where: { $0.kind == .symbol(.tilde) }) else {
      return formula.isEmpty
        ? metrics + .words(bound { if case .text = $0 { return true } else { return false } })
        : .words(["~"])
    }
    let last = tokens.last?.kind
    if tilde == tokens.count - 1 || last == .symbol(.plus) {
      return .words(["pc(", "log(flops)", "log(size)"]) + metrics
    }
    return nil
  }

  /// Inside `filter T where …`: columns and the condition forms.
  private func condition(_ tokens: [Token]) -> [Candidate] {
    guard let whereIndex = tokens.firstIndex(where: { $0.kind.word?.lowercased() == "where" })
    else {
      return .words(["where"])
    }
    let last = tokens.last?.kind.word?.lowercased()
    if whereIndex == tokens.count - 1 || ["and", "or", "not"].contains(last ?? "") {
      return names(.columns) + .words(["family in [", "model in [", "has", "not"])
    }
    if last == "has" { return names(.columns) }
    if last == "family" || last == "model" { return .words(["in [", "not"]) }
    return .words(["and", "or"])
  }

  /// The names of `kind` in the session's tables.
  private func names(_ kind: SessionNames) -> [Candidate] {
    var found: Set<String> = []
    for table in session.values.values.compactMap(\.rows) {
      switch kind {
      case .columns: found.formUnion(table.columnNames)
      case .families: found.formUnion(table.familyNames)
      case .models, .subjectModels: found.formUnion(Completion.modelNames(table.models))
      case .tables: break
      }
    }
    if kind == .tables {
      return .words(bound { if case .table = $0 { return true } else { return false } })
    }
    return .names(found.sorted())
  }

  /// The models a statement's subject holds: `predict f for [` offers the models of f (the
  /// ones predict accepts), or of the table after `on` when the statement names one; every
  /// table's models when the subject is not bound.
  private func subjectModels(_ tokens: [Token]) -> [Candidate] {
    var models: [String]?
    if let on = tokens.firstIndex(where: { $0.kind.word?.lowercased() == "on" }),
      on + 1 < tokens.count, let name = tokens[on + 1].kind.word,
      let table = session.values[name]?.rows
    {
      models = table.models
    } else if let name = tokens.first?.kind.word, case .fit(let fit) = session.values[name] {
      models = fit.rows.map(\.model)
    }
    guard let models else { return names(.models) }
    return .names(Completion.modelNames(models).sorted())
  }

  /// The bound names whose values satisfy `test`.
  private func bound(_ test: (Value) -> Bool) -> [String] {
    session.values.filter { test($0.value) }.map(\.key).sorted()
  }
}
