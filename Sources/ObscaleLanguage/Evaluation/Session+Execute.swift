internal import ScalingLaws

extension Session {
  /// Runs one statement on this session and returns its output.
  ///
  /// - Throws: `EvaluationFailure` with the diagnostic at the part of the statement at fault.
  mutating func execute(_ statement: Statement, progress: (String) -> Void) throws -> Output {
    let binding = statement.binding?.value
    let range = statement.range
    func bound(_ value: Value, _ output: Output) -> Output {
      var output = output
      if let binding {
        values[binding] = value
        output.name = binding
      }
      return output
    }
    do {
      switch statement.command {
      case .load(let source, let part):
        let value = try load(source, part: part)
        return bound(value, presenter.present(value, name: binding, brief: true))
      case .join(let names):
        let (table, notes) = try join(names)
        var output = presenter.present(.table(table), name: binding, brief: true)
        output.blocks += notes.map(Block.text)
        return bound(.table(table), output)
      case .filter(let name, let condition):
        let table = try self.table(name)
        let filter = try rowFilter(condition, table: table, tableName: name.value)
        let filtered: ScoreTable
        do {
          filtered = try table.filtered(by: filter)
        } catch let error as ScalingLawsError {
          throw EvaluationFailure(.engine(error), at: condition.range)
        }
        var output = presenter.present(.table(filtered), name: binding, brief: true)
        output.blocks.append(.text("kept \(filtered.rowCount) of \(table.rowCount) models"))
        return bound(.table(filtered), output)
      case .rename(let name, let renamings):
        let table = try self.table(name)
        let renamed = try rename(table, tableName: name.value, renamings)
        var output = presenter.present(.table(renamed), name: binding, brief: true)
        output.blocks.append(
          .text(
            "renamed "
              + renamings.map { "\($0.from.value) → \($0.to.value)" }.joined(separator: ", ")))
        return bound(.table(renamed), output)
      case .drop(let name, let columns):
        let table = try self.table(name)
        for column in columns {
          try requireColumn(column.value, in: table, tableName: name.value, at: column.range)
          guard column.value != ScoreTable.modelColumn else {
            throw EvaluationFailure(
              .invalidValue(
                option: "drop", value: column.value,
                expected: "a column other than Model, which every table keeps", suggestion: nil),
              at: column.range)
          }
        }
        let dropped: ScoreTable
        do {
          dropped = try table.dropping(columns.map(\.value))
        } catch let error as ScalingLawsError {
          throw EvaluationFailure(.engine(error), at: name.range)
        }
        var output = presenter.present(.table(dropped), name: binding, brief: true)
        output.blocks.append(.text("dropped " + columns.map(\.value).joined(separator: ", ")))
        return bound(.table(dropped), output)
      case .show(let name, let options):
        let value = try lookup(name)
        let settings = Options(options)
        let output = try show(value, name: name.value, options: settings)
        // Bound, a table's show is the part shown: those rows and columns, not the whole.
        if binding != nil, case .table(let table) = value {
          let shown = try shownPart(of: table, name: name.value, options: settings)
          var note = output
          note.blocks.append(
            .text(
              "\(binding ?? "") holds the \(shown.rowCount) rows and \(shown.columnNames.count) columns shown"
            ))
          return bound(.table(shown), note)
        }
        return bound(value, output)
      case .describe(let name):
        let table = try self.table(name)
        return bound(.table(table), presenter.describe(table, name: name.value))
      case .impute(let name, let options):
        let (table, output) = try impute(
          try self.table(name), tableName: name.value, Options(options), progress: progress)
        return bound(.table(table), output)
      case .pca(let name, let options):
        let analysis = try capabilities(
          try self.table(name), tableName: name.value, Options(options), progress: progress)
        return bound(
          .capabilities(analysis),
          presenter.present(.capabilities(analysis), name: binding, brief: false))
      case .bootstrap(let name, let options):
        var fit = try self.fit(name)
        let options = Options(options)
        let samples =
          try options["samples"].map { try count($0.value, option: "samples", in: 2...100_000) }
          ?? 200
        let seed =
          try options["seed"].map { UInt64(try count($0.value, option: "seed", in: 0...Int.max)) }
          ?? 0
        var level = 0.9
        if let value = options["level"] {
          level = try number(value.value, option: "level")
          guard level > 0, level < 1 else {
            throw EvaluationFailure(
              .invalidValue(
                option: "level", value: value.value.value.display,
                expected: "a coverage between 0 and 100%, such as 90%", suggestion: nil),
              at: value.value.range)
          }
        }
        if samples >= 1000 { progress("bootstrapping: \(samples) refits on all cores") }
        fit.uncertainty = try fit.bootstrap(samples: samples, seed: seed, level: level)
        return bound(.fit(fit), presenter.bootstrapOutput(fit, name: binding ?? name.value))
      case .select(let name, let options):
        let analysis = try select(
          try self.table(name), tableName: name.value, Options(options), progress: progress)
        return bound(
          .selection(analysis), presenter.present(.selection(analysis), name: binding, brief: false)
        )
      case .fit(let tableName, let target, let predictors, let options):
        let fit = try fit(
          tableName, target: target, predictors: predictors, Options(options), progress: progress)
        var output = presenter.present(.fit(fit), name: binding, brief: false)
        if let note = unsplitNote(fit, table: try self.table(tableName)) {
          output.blocks.append(.text(note))
        }
        return bound(.fit(fit), output)
      case .predict(let name, let options):
        let fit = try self.fit(name)
        return bound(.fit(fit), try predictions(fit, name: name.value, Options(options)))
      case .equiv(let name, let options):
        var fit = try self.fit(name)
        if let reference = Options(options)["reference"] {
          let family = try names(reference.value, option: "reference").first ?? ""
          do {
            fit = try fit.referenced(to: family)
          } catch let error as ScalingLawsError {
            throw EvaluationFailure(.engine(error), at: reference.value.range)
          }
        }
        return bound(.fit(fit), try equivalence(fit, name: name.value, at: name.range))
      case .plot(let names, let options):
        let settings = Options(options)
        if names.count == 1 {
          let value = try lookup(names[0])
          return bound(value, try savingChart(try plot(value, name: names[0], settings), settings))
        }
        return try savingChart(
          try plotFits(try names.map { (name: $0, fit: try self.fit($0)) }, settings), settings)
      case .weights(let names):
        if names.count == 1 {
          let fit = try self.fit(names[0])
          return bound(.fit(fit), try weights(fit, name: names[0].value, at: names[0].range))
        }
        return try weights(try names.map { (name: $0, fit: try self.fit($0)) })
      case .gap(let names, let options):
        return try gap(try names.map { (name: $0, fit: try self.fit($0)) }, Options(options))
      case .compare(let names):
        let fits = try names.map { (name: $0.value, fit: try self.fit($0)) }
        return compare(fits)
      case .save(let name, let path):
        let value = try lookup(name)
        return try save(value, name: name.value, path: path)
      case .help(let topic):
        return try help(topic)
      case .print(let items), .warn(let items):
        let text = try items.map { try displayText(resolve($0), expression: $0) }.joined(
          separator: " ")
        return Output(
          kind: statement.command.keyword == "warn" ? .warn : .print, title: text, blocks: [])
      case .clear:
        return Output(kind: .clear, title: "", blocks: [])
      case .value(let expression):
        let value = try resolve(expression)
        if case .name(let text, false) = expression.value, values[text] == nil {
          throw EvaluationFailure(
            .undefinedName(
              text, suggestion: Suggestion.closest(to: text, among: Array(values.keys))),
            at: expression.range)
        }
        let label: String?
        if case .name(let text, _) = expression.value { label = text } else { label = nil }
        return bound(value, presenter.present(value, name: binding ?? label, brief: binding != nil))
      }
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: range)
    }
  }

  // MARK: - Names

  /// Returns the value bound to `name`.
  func lookup(_ name: Located<String>) throws -> Value {
    guard let value = values[name.value] else {
      throw EvaluationFailure(
        .undefinedName(
          name.value, suggestion: Suggestion.closest(to: name.value, among: Array(values.keys))),
        at: name.range)
    }
    return value
  }

  /// Returns the table bound to `name`.
  func table(_ name: Located<String>) throws -> ScoreTable {
    let value = try lookup(name)
    guard case .table(let table) = value else {
      throw EvaluationFailure(
        .wrongKind(name: name.value, expected: "a table", found: value.kindDescription),
        at: name.range)
    }
    return table
  }

  /// Returns the fit bound to `name`.
  func fit(_ name: Located<String>) throws -> ScalingLawFit {
    let value = try lookup(name)
    guard case .fit(let fit) = value else {
      throw EvaluationFailure(
        .wrongKind(name: name.value, expected: "a fit", found: value.kindDescription),
        at: name.range)
    }
    return fit
  }

  /// Checks that `table` has the column `name`, suggesting the closest one when not.
  func requireColumn(_ name: String, in table: ScoreTable, tableName: String, at range: SourceRange)
    throws
  {
    guard table.hasColumn(name) else {
      throw EvaluationFailure(
        .unknownColumn(
          name, table: "'\(tableName)'",
          suggestion: Suggestion.closest(to: name, among: table.columnNames)), at: range)
    }
  }

  // MARK: - Tables

  /// Loads a CSV table, the demo data or a saved fit.
  private func load(_ source: Located<Expression>, part: Located<String>?) throws -> Value {
    if case .name("demo", false) = source.value {
      let demo = DemoData.generate()
      switch part?.value {
      case "base": return .table(demo.base)
      case "tasks": return .table(demo.tasks)
      default:
        var joined = try demo.base.innerJoined(with: demo.tasks).table
        joined.provenance = DemoData.provenance
        return .table(joined)
      }
    }
    guard case .string(let path) = source.value else {
      throw EvaluationFailure(
        .expected("a file name in quotes, or demo", found: source.value.display), at: source.range)
    }
    let lower = path.lowercased()
    guard lower.hasSuffix(".csv") || lower.hasSuffix(".json") else {
      throw EvaluationFailure(
        .unsupportedFileType(path, allowed: [".csv (a table)", ".json (a saved fit)"]),
        at: source.range)
    }
    let (resolved, bytes) = try readFile(path, at: source.range)
    if lower.hasSuffix(".json") {
      return .fit(try SavedFit.decode(bytes, path: path, at: source.range))
    }
    do {
      return .table(try ScoreTable(csv: bytes, provenance: path))
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(
        .engine(error), at: source.range, notes: ["in the file '\(resolved)'"])
    }
  }

  /// Finds and reads `path`: as given when absolute, else in the session's folder and then in
  /// each folder of the search path.
  func readFile(_ path: String, at range: SourceRange) throws -> (String, [UInt8]) {
    let candidates: [String]
    if path.hasPrefix("/") {
      candidates = [path]
    } else {
      candidates = [joinPath(directory ?? ".", path)] + searchPath.map { joinPath($0, path) }
    }
    for candidate in candidates {
      do {
        if let bytes = try files.read(candidate) { return (candidate, bytes) }
      } catch {
        throw EvaluationFailure(.fileUnreadable(candidate, reason: "\(error)"), at: range)
      }
    }
    let searched = path.hasPrefix("/") ? candidates : [directory ?? "."] + searchPath
    var notes: [String] = []
    if searchPath.isEmpty, !path.hasPrefix("/") {
      notes.append(
        "set OBSCALE_PATH to the folders holding your CSV files (separated by ':') to search them too"
      )
    }
    throw EvaluationFailure(.fileNotFound(path, searched: searched), at: range, notes: notes)
  }

  /// Joins tables in order, returning the result and notes on models left out.
  private func join(_ names: [Located<String>]) throws -> (ScoreTable, [String]) {
    var table = try self.table(names[0])
    var notes: [String] = []
    for name in names.dropFirst() {
      let other = try self.table(name)
      do {
        let result = try table.innerJoined(with: other)
        table = result.table
        if !result.unmatchedLeft.isEmpty {
          notes.append(
            "\(result.unmatchedLeft.count) models have no row in '\(name.value)': "
              + elide(result.unmatchedLeft))
        }
        if !result.unmatchedRight.isEmpty {
          notes.append(
            "\(result.unmatchedRight.count) models of '\(name.value)' match no earlier row: "
              + elide(result.unmatchedRight))
        }
      } catch let error as ScalingLawsError {
        throw EvaluationFailure(.engine(error), at: name.range)
      }
    }
    return (table, notes)
  }

  /// Converts a condition into a row filter, checking each leaf against the table so that an
  /// error points at the leaf that caused it.
  private func rowFilter(_ condition: Located<Condition>, table: ScoreTable, tableName: String)
    throws -> RowFilter
  {
    let filter: RowFilter
    switch condition.value {
    case .and(let left, let right):
      return .all([
        try rowFilter(left, table: table, tableName: tableName),
        try rowFilter(right, table: table, tableName: tableName),
      ])
    case .or(let left, let right):
      return .any([
        try rowFilter(left, table: table, tableName: tableName),
        try rowFilter(right, table: table, tableName: tableName),
      ])
    case .not(let inner):
      return .not(try rowFilter(inner, table: table, tableName: tableName))
    case .has(let column):
      try requireColumn(column.value, in: table, tableName: tableName, at: column.range)
      filter = .hasValue(column: column.value)
    case .comparison(let written, let op, let value):
      // `family` and `model` name their columns here as they do before `in`.
      var column = written
      if !table.hasColumn(column.value) {
        if column.value.lowercased() == "family" { column.value = ScoreTable.familyColumn }
        if column.value.lowercased() == "model" { column.value = ScoreTable.modelColumn }
      }
      try requireColumn(column.value, in: table, tableName: tableName, at: column.range)
      if (try? table.column(named: column.value).isNumeric) == false {
        // A text column compares with == and != against a string or a word.
        guard op == .equal || op == .notEqual else {
          throw EvaluationFailure(
            .invalidValue(
              option: "comparison", value: op.rawValue,
              expected: "== or != ('\(column.value)' holds text)", suggestion: nil),
            at: condition.range)
        }
        let text: String
        switch value.value {
        case .string(let string): text = string
        case .name(let name, _): text = name
        case .number: text = value.value.display
        default:
          throw EvaluationFailure(
            .invalidValue(
              option: "comparison value", value: value.value.display,
              expected: "a string ('\(column.value)' holds text)", suggestion: nil), at: value.range
          )
        }
        filter = .compareText(column: column.value, equal: op == .equal, text)
      } else {
        if case .string(let text) = value.value {
          throw EvaluationFailure(
            .invalidValue(
              option: "comparison value", value: text,
              expected: "a number ('\(column.value)' is a numeric column)", suggestion: nil),
            at: value.range)
        }
        filter = .compare(column: column.value, op, try number(value, option: "comparison value"))
      }
    case .membership(let field, let negated, let items):
      let list = try names(items, option: field.value == "family" ? "families" : "models")
      if field.value == "family" {
        let known = table.familyNames
        for (offset, family) in list.enumerated() where !known.contains(family) {
          throw EvaluationFailure(
            .unknownFamily(family, suggestion: Suggestion.closest(to: family, among: known)),
            at: itemRange(items, offset))
        }
        filter = negated ? .familyNotIn(list) : .familyIn(list)
      } else {
        for (offset, model) in list.enumerated() {
          do {
            _ = try table.rowIndices(ofModels: [model])
          } catch ScalingLawsError.unknownModel(let name, let suggestion) {
            throw EvaluationFailure(
              .unknownModel(name, suggestion: suggestion), at: itemRange(items, offset))
          }
        }
        filter = negated ? .modelNotIn(list) : .modelIn(list)
      }
    }
    do {
      _ = try table.mask(filter)
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: condition.range)
    }
    return filter
  }

  /// The range of item `offset` of a list literal, or the whole expression otherwise.
  func itemRange(_ expression: Located<Expression>, _ offset: Int) -> SourceRange {
    if case .list(let items) = expression.value, offset < items.count { return items[offset].range }
    return expression.range
  }

  /// Shows a value, honouring `rows` and `columns` for tables.
  private func show(_ value: Value, name: String, options: Options) throws -> Output {
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
  private func shownPart(of table: ScoreTable, name: String, options: Options) throws -> ScoreTable
  {
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

  /// Renames columns, checking each against the table first so that an error points at it.
  private func rename(_ table: ScoreTable, tableName: String, _ renamings: [Renaming]) throws
    -> ScoreTable
  {
    var names = table.columnNames
    for renaming in renamings {
      try requireColumn(
        renaming.from.value, in: table, tableName: tableName, at: renaming.from.range)
      guard renaming.from.value != ScoreTable.modelColumn else {
        throw EvaluationFailure(
          .invalidValue(
            option: "rename", value: renaming.from.value,
            expected: "a column other than Model, which every table needs", suggestion: nil),
          at: renaming.from.range)
      }
      guard let index = names.firstIndex(of: renaming.from.value) else {
        throw EvaluationFailure(
          .invalidValue(
            option: "rename", value: renaming.from.value,
            expected: "a column not renamed already in this statement", suggestion: nil),
          at: renaming.from.range)
      }
      names[index] = renaming.to.value
      if names.filter({ $0 == renaming.to.value }).count > 1 {
        throw EvaluationFailure(
          .engine(.duplicateColumnName(name: renaming.to.value)), at: renaming.to.range)
      }
    }
    do {
      return try table.renaming(renamings.map { (from: $0.from.value, to: $0.to.value) })
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: renamings[0].from.range)
    }
  }

  // MARK: - Saving

  /// Writes a table as CSV or a fit as JSON.
  /// Where a file named in a statement is written: as given when absolute, else in the
  /// script's or notebook's folder.
  private func outputPath(_ file: String) -> String {
    file.hasPrefix("/") ? file : joinPath(directory ?? ".", file)
  }

  /// Writes the chart of a plot output as SVG when `save = "file.svg"` is given, and notes
  /// where in the output.
  private func savingChart(_ output: Output, _ options: Options) throws -> Output {
    guard let setting = options["save"] else { return output }
    guard case .string(let file) = setting.value.value else {
      throw EvaluationFailure(
        .expected("a file name in quotes", found: setting.value.value.display),
        at: setting.value.range)
    }
    guard file.lowercased().hasSuffix(".svg") else {
      throw EvaluationFailure(
        .unsupportedFileType(file, allowed: [".svg for a chart"]), at: setting.value.range)
    }
    guard
      let plot = output.blocks.lazy.compactMap({ block -> Plot? in
        if case .plot(let plot) = block { return plot }
        return nil
      }).first
    else { return output }
    let target = outputPath(file)
    do {
      try files.write(Array(SVGRenderer.render(plot).utf8), to: target)
    } catch {
      throw EvaluationFailure(.fileNotWritten(target, reason: "\(error)"), at: setting.value.range)
    }
    var saved = output
    saved.blocks.append(.text("chart saved to '\(file)'"))
    return saved
  }

  private func save(_ value: Value, name: String, path: Located<Expression>) throws -> Output {
    guard case .string(let file) = path.value else {
      throw EvaluationFailure(
        .expected("a file name in quotes", found: path.value.display), at: path.range)
    }
    let lower = file.lowercased()
    let bytes: [UInt8]
    let what: String
    switch value {
    case .table(let table):
      guard lower.hasSuffix(".csv") else {
        throw EvaluationFailure(
          .unsupportedFileType(file, allowed: [".csv for a table"]), at: path.range)
      }
      bytes = CSVWriter.write(table)
      what = "table of \(table.rowCount) models"
    case .fit(let fit):
      guard lower.hasSuffix(".json") else {
        throw EvaluationFailure(
          .unsupportedFileType(file, allowed: [".json for a fit"]), at: path.range)
      }
      bytes = try SavedFit.encode(fit)
      what = "fit of \(fit.specification.target)"
    default:
      throw EvaluationFailure(
        .wrongKind(name: name, expected: "a table or a fit", found: value.kindDescription),
        at: path.range)
    }
    let target = outputPath(file)
    do {
      try files.write(bytes, to: target)
    } catch {
      throw EvaluationFailure(.fileNotWritten(target, reason: "\(error)"), at: path.range)
    }
    return Output(
      kind: .saved, title: "saved \(name) to '\(file)'",
      blocks: [
        .fields([
          Field("file", .text(target)), Field("content", .text(what)),
          Field("bytes", .number(Double(bytes.count))),
        ])
      ])
  }
}

/// Returns the first few names and how many more, for notes.
func elide(_ names: [String], limit: Int = 6) -> String {
  let shown = names.prefix(limit).map { "'\($0)'" }.joined(separator: ", ")
  return names.count > limit ? shown + " and \(names.count - limit) more" : shown
}

extension Session {
  /// How `print` and `warn` write a value: strings as they are, numbers in the display
  /// format, lists in brackets, and a table, fit or pca by its one-line summary. A bare word
  /// that names nothing is an error here, not text: `print x` with no `x` is a typo.
  func displayText(_ value: Value, expression: Located<Expression>) throws -> String {
    if case .name(let text, false) = expression.value, values[text] == nil {
      throw EvaluationFailure(
        .undefinedName(text, suggestion: Suggestion.closest(to: text, among: Array(values.keys))),
        at: expression.range)
    }
    switch value {
    case .text(let text): return text
    case .number(let number): return formatNumber(number)
    case .list(let items): return "[" + items.map(\.display).joined(separator: ", ") + "]"
    case .table, .fit, .capabilities, .selection:
      var label: String?
      if case .name(let text, _) = expression.value { label = text }
      return presenter.present(value, name: label, brief: true).title
    }
  }
}
