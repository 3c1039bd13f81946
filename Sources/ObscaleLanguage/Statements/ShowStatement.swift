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
  fileprivate func show(_ value: Value, name: String, settings: ShowStatement.Settings) throws
    -> Output
  {
    guard let table = value.rows else {
      // `show` asks for everything: the tables that text output folds away elsewhere (the
      // scores of a pca, the chosen models of a selection) are listed, `rows` of them.
      var output = presenter.present(value, name: name, brief: false)
      let limit = settings.rows
      output.blocks = output.blocks.map { block in
        guard case .table(var table) = block, table.displayLimit != nil else { return block }
        table.displayLimit = min(limit, table.rows.count)
        return .table(table)
      }
      return output
    }
    return presenter.tableOutput(
      table, name: name, columns: try shownColumns(of: table, name: name, settings),
      limit: settings.rows)
  }

  /// The rows and columns `show` lists of `table` with `settings`.
  fileprivate func shownPart(
    of table: ScoreTable, name: String, settings: ShowStatement.Settings
  ) throws -> ScoreTable {
    let columns = try shownColumns(of: table, name: name, settings)
    do {
      return try table.head(min(settings.rows, table.rowCount), columns: columns)
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: settings.columns?.written.range ?? .none)
    }
  }

  /// The `columns` asked for checked against `table` (each unknown column named at its item),
  /// `Model` first; every column by default.
  fileprivate func shownColumns(
    of table: ScoreTable, name: String, _ settings: ShowStatement.Settings
  ) throws -> [String] {
    guard let (list, written) = settings.columns else { return table.columnNames }
    for (offset, column) in list.enumerated() {
      try requireColumn(column, in: table, tableName: name, at: itemRange(written, offset))
    }
    return [table.key] + list.filter { $0 != table.key }
  }
}

extension ShowStatement {
  /// The options of one `show`, decoded before the value is shown.
  struct Settings {
    /// How many rows: a count, `all` (Int.max), or the session's display rows.
    var rows: Int
    /// The columns asked for, with where the list was written (checked against the table).
    var columns: (names: [String], written: Located<Expression>)?

    /// Decodes `options`.
    init(decoding options: OptionSettings, in environment: Environment) throws {
      if let rows = options[Options.rows] {
        if case .name("all", false) = rows.value.value {
          self.rows = Int.max
        } else {
          self.rows = try environment.count(rows.value, option: "rows", in: 1...Int.max)
        }
      } else {
        rows = environment.displayRows
      }
      columns = try options[Options.columns].map {
        (try environment.names($0.value, option: "columns"), $0.value)
      }
    }
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
    let settings = try Settings(decoding: OptionSettings(options, .show), in: environment)
    let output = try environment.show(value, name: name.value, settings: settings)
    // Bound, a table's show is the part shown: those rows and columns, not the whole.
    if binding != nil, let table = value.rows {
      let shown = try environment.shownPart(of: table, name: name.value, settings: settings)
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
