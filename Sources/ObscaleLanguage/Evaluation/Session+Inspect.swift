internal import ScalingLaws

extension Session {
  /// The presenter for this session's display settings.
  var presenter: Presenter { Presenter(displayRows: displayRows) }

  /// What is known of `word`, for a front end's inspection (`fit?`, Shift-Tab): help for a
  /// statement, a value's summary (a table's description), a column's summary, or an
  /// option's description; nil when nothing. Nothing in the session changes.
  public func inspect(_ word: String) -> Output? {
    if StatementCatalog.info(word) != nil,
      let output = try? HelpStatement.help(Located(word, SourceRange.none))
    {
      return output
    }
    if let value = values[word] {
      if case .table(let table) = value { return presenter.describe(table, name: word) }
      return presenter.present(value, name: word, brief: false)
    }
    let tables = values.sorted { $0.key < $1.key }.compactMap { entry -> ScoreTable? in
      if case .table(let table) = entry.value { return table }
      return nil
    }
    if let table = tables.first(where: { $0.hasColumn(word) }) {
      return Output(kind: .value, title: ColumnSummary.text(table, column: word), blocks: [])
    }
    for statement in StatementCatalog.statements {
      if let option = statement.options.first(where: { $0.name == word }) {
        let text =
          "\(statement.name) option \(option.name) = \(option.values)\n  \(option.summary)\n  default: \(option.defaultValue)"
        return Output(kind: .help, title: text, blocks: [])
      }
    }
    return nil
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
    if case .table(let table) = value {
      return .success(
        presenter.tableOutput(table, name: name, columns: table.columnNames, limit: displayRows))
    }
    return .success(presenter.present(value, name: name, brief: false))
  }
}
