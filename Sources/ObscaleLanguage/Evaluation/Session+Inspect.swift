internal import ScalingLaws

extension Session {
  /// The presenter for this session's display settings.
  var presenter: Presenter { Presenter(displayRows: displayRows) }

  /// What is known of `word`, for a front end's inspection (`fit?`, Shift-Tab): help for a
  /// statement, a value's summary (a table's description), a column's summary, or an
  /// option's description; nil when nothing. Nothing in the session changes.
  /// An option's help is the one of `statement` when that statement has the option (the
  /// statement under the cursor: `seed` in `bootstrap f seed = 3` is bootstrap's).
  public func inspect(_ word: String, in statement: String? = nil) -> Output? {
    if StatementCatalog.info(word) != nil,
      let output = try? HelpStatement.help(Located(word, SourceRange.none))
    {
      return output
    }
    if let value = values[word] {
      if let table = value.rows { return presenter.describe(table, name: word) }
      return presenter.present(value, name: word, brief: false)
    }
    let tables = values.sorted { $0.key < $1.key }.compactMap { entry -> ScoreTable? in
      entry.value.rows
    }
    if let table = tables.first(where: { $0.hasColumn(word) }) {
      // The summary's first line is the title; the figures under it a line of their own, in
      // HTML as in text (a title holding both would run together in a notebook's heading).
      let lines = ColumnSummary.text(table, column: word).split(
        separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
      return Output(
        kind: .value, title: String(lines[0]),
        blocks: lines.dropFirst().map { .text(String($0.drop(while: { $0 == " " }))) })
    }
    var owners = StatementCatalog.statements.filter { $0.options.contains { $0.name == word } }
    if let index = owners.firstIndex(where: { $0.name == statement }) {
      owners.insert(owners.remove(at: index), at: 0)
    }
    if let statement = owners.first,
      let option = statement.options.first(where: { $0.name == word })
    {
      return optionHelp(option, of: statement, alsoOf: owners.dropFirst().map(\.name))
    }
    return nil
  }

  /// An option's help, as fields (values, meaning, default) that a notebook shows as the same
  /// aligned list the terminal does, whether asked for by `split?` or by Shift-Tab.
  private func optionHelp(
    _ option: OptionInfo, of statement: StatementInfo, alsoOf others: [String]
  ) -> Output {
    var fields = [
      Field("values", .text(option.values)), Field("meaning", .text(option.summary)),
      Field("default", .text(option.defaultValue)),
    ]
    if !others.isEmpty {
      fields.append(Field("also an option of", .text(others.joined(separator: ", "))))
    }
    return Output(
      kind: .help, title: "\(statement.name) option \(option.name)", blocks: [.fields(fields)])
  }

  /// The language's help: the list of statements (`topic` nil) or one statement's syntax,
  /// options and examples; nil for a topic that is no statement.
  public func help(on topic: String?) -> Output? {
    try? HelpStatement.help(topic.map { Located($0, SourceRange.none) })
  }

  /// The summary of the value bound to `name`, as `show name` prints it, for a front end's
  /// user expressions; an `undefined-name` diagnostic when nothing is bound to it.
  public func summary(of name: String) -> Result<Output, Diagnostic> {
    guard let value = values[name] else {
      let error = LanguageError.undefinedName(
        name, suggestion: Suggestion.closest(to: name, among: Array(values.keys)))
      return .failure(Diagnostic(error, at: SourceRange.none))
    }
    if let table = value.rows {
      return .success(
        presenter.tableOutput(table, name: name, columns: table.columnNames, limit: displayRows))
    }
    return .success(presenter.present(value, name: name, brief: false))
  }
}
