internal import ScalingLaws

extension StatementInfo {
  /// `show`: Shows any value: a table's rows, a fit's summary, a list.
  static let show = StatementInfo(
    name: "show",
    summary: "Shows any value: a table's rows, a fit's summary, a list.",
    syntax: "show name [rows = n] [columns = [...]]",
    options: [
      OptionInfo(
        name: "rows", values: "a count, or all", defaultValue: "20",
        summary: "how many rows of a table to show", accepts: .words(["all"])),
      OptionInfo(
        name: "columns", values: "a list of columns", defaultValue: "all",
        summary: "which columns of a table to show", accepts: .names(.columns)),
    ],
    examples: ["show base rows = 5 columns = [MMLU, GSM8K]"])
}

extension Session {
  /// Runs `show`.
  mutating func evaluateShow(
    _ name: Located<String>, options: [OptionSetting], statement: Statement, binding: String?,
    progress: (String) -> Void
  ) throws -> Evaluation {
    let value = try lookup(name)
    let settings = Options(options, .show)
    let output = try show(value, name: name.value, options: settings)
    // Bound, a table's show is the part shown: those rows and columns, not the whole.
    if binding != nil, case .table(let table) = value {
      let shown = try shownPart(of: table, name: name.value, options: settings)
      var note = output
      note.blocks.append(
        .text(
          "\(binding ?? "") holds the \(shown.rowCount) rows and \(shown.columnNames.count) columns shown"
        ))
      return Evaluation(.table(shown), note)
    }
    return Evaluation(value, output)
  }

  /// Shows a value, honouring `rows` and `columns` for tables.
  func show(_ value: Value, name: String, options: Options) throws -> Output {
    guard case .table(let table) = value else {
      // `show` asks for everything: the tables that text output folds away elsewhere (the
      // scores of a pca, the chosen models of a selection) are listed, `rows` of them.
      var output = presenter.present(value, name: name, brief: false)
      var limit = displayRows
      if let rows = options["rows"] {
        if case .name("all", false) = rows.value.value {
          limit = Int.max
        } else {
          limit = try count(rows.value, option: "rows", in: 1...Int.max)
        }
      }
      output.blocks = output.blocks.map { block in
        guard case .table(var table) = block, table.displayLimit != nil else { return block }
        table.displayLimit = min(limit, table.rows.count)
        return .table(table)
      }
      return output
    }
    var limit = displayRows
    if let rows = options["rows"] {
      if case .name("all", false) = rows.value.value {
        limit = Int.max
      } else {
        limit = try count(rows.value, option: "rows", in: 1...Int.max)
      }
    }
    var columns = table.columnNames
    if let chosen = options["columns"] {
      let list = try names(chosen.value, option: "columns")
      for (offset, column) in list.enumerated() {
        try requireColumn(column, in: table, tableName: name, at: itemRange(chosen.value, offset))
      }
      columns = [ScoreTable.modelColumn] + list.filter { $0 != ScoreTable.modelColumn }
    }
    return presenter.tableOutput(table, name: name, columns: columns, limit: limit)
  }

  /// The rows and columns `show` lists of `table` with `options`.
  func shownPart(of table: ScoreTable, name: String, options: Options) throws -> ScoreTable {
    var limit = displayRows
    if let rows = options["rows"] {
      if case .name("all", false) = rows.value.value {
        limit = Int.max
      } else {
        limit = try count(rows.value, option: "rows", in: 1...Int.max)
      }
    }
    let columns =
      try options["columns"].map { try names($0.value, option: "columns") } ?? table.columnNames
    do {
      return try table.head(min(limit, table.rowCount), columns: columns)
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(
        .engine(error), at: options["columns"]?.value.range ?? SourceRange.none)
    }
  }
}
