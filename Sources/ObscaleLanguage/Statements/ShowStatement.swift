internal import ScalingLaws

extension StatementInfo {
  /// `show`: Shows any value: a table's rows, a fit's summary, a list.
  static let show = StatementInfo(
    name: "show",
    summary: "Shows any value: a table's rows, a fit's summary, a list.",
    syntax: "show name [rows = n] [columns = [...]]",
    options: [ShowStatement.Options.rows.info, ShowStatement.Options.columns.info],
    examples: ["show base rows = 5 columns = [MMLU, GSM8K]"])
}

/// `show value [rows = n] [columns = [...]]`.
struct ShowStatement: StatementNode {
  static var info: StatementInfo { .show }

  /// What is shown.
  var subject: Located<String>
  /// Its options.
  var options: [OptionSetting]

  static func parse(_ parser: inout Parser) throws -> ShowStatement {
    let subject = try parser.parseName("a name after 'show'")
    return ShowStatement(subject: subject, options: try parser.parseOptions(for: info))
  }

}

extension Environment {
  /// Shows a value, honouring `rows` and `columns` for tables.
  fileprivate func show(_ value: Value, name: String, options: OptionSettings) throws -> Output {
    guard let table = value.rows else {
      // `show` asks for everything: the tables that text output folds away elsewhere (the
      // scores of a pca, the chosen models of a selection) are listed, `rows` of them.
      var output = presenter.present(value, name: name, brief: false)
      let limit = try rowLimit(options)
      output.blocks = output.blocks.map { block in
        guard case .table(var table) = block, table.displayLimit != nil else { return block }
        table.displayLimit = min(limit, table.rows.count)
        return .table(table)
      }
      return output
    }
    return presenter.tableOutput(
      table, name: name, columns: try shownColumns(of: table, name: name, options: options),
      limit: try rowLimit(options))
  }

  /// The rows and columns `show` lists of `table` with `options`.
  fileprivate func shownPart(of table: ScoreTable, name: String, options: OptionSettings) throws
    -> ScoreTable
  {
    let columns = try shownColumns(of: table, name: name, options: options)
    do {
      return try table.head(min(try rowLimit(options), table.rowCount), columns: columns)
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(
        .engine(error), at: options[ShowStatement.Options.columns]?.value.range ?? SourceRange.none)
    }
  }

  /// The `rows` option: a count, or `all`; the session's display rows by default.
  fileprivate func rowLimit(_ options: OptionSettings) throws -> Int {
    guard let rows = options[ShowStatement.Options.rows] else { return displayRows }
    if case .name("all", false) = rows.value.value { return Int.max }
    return try count(rows.value, option: "rows", in: 1...Int.max)
  }

  /// The `columns` option checked against `table` (each unknown column named at its item),
  /// `Model` first; every column by default.
  fileprivate func shownColumns(of table: ScoreTable, name: String, options: OptionSettings) throws
    -> [String]
  {
    guard let chosen = options[ShowStatement.Options.columns] else { return table.columnNames }
    let list = try names(chosen.value, option: "columns")
    for (offset, column) in list.enumerated() {
      try requireColumn(column, in: table, tableName: name, at: itemRange(chosen.value, offset))
    }
    return [table.key] + list.filter { $0 != table.key }
  }
}

extension ShowStatement {
  /// The options of `show`, declared once: help, completion and evaluation read them.
  enum Options {
    static let rows = Option(
      "rows", WordValue(["all"], syntax: "a count, or all"), default: "20",
      summary: "how many rows of a table to show")
    static let columns = Option(
      "columns", NamesValue(names: .columns, syntax: "a list of columns"), default: "all",
      summary: "which columns of a table to show")
  }
}

extension ShowStatement: EvaluatedStatement {
  /// Runs `show`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let name = subject
    let binding = environment.binding
    let value = try environment.lookup(name)
    let settings = OptionSettings(options, .show)
    let output = try environment.show(value, name: name.value, options: settings)
    // Bound, a table's show is the part shown: those rows and columns, not the whole.
    if binding != nil, let table = value.rows {
      let shown = try environment.shownPart(of: table, name: name.value, options: settings)
      var note = output
      note.blocks.append(
        .text(
          "\(binding ?? "") holds the \(shown.rowCount) rows and \(shown.columnNames.count) columns shown"
        ))
      return Evaluation(.table(shown), note)
    }
    return Evaluation(value, output)
  }
}
