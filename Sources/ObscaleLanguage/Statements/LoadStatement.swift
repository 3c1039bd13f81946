internal import ObscaleJSON
internal import ScalingLaws

extension StatementInfo {
  /// `load`: Reads a CSV table, the demo data, a saved fit, harness results or a leaderboard.
  static let load = StatementInfo(
    name: "load",
    summary:
      "Reads a CSV table, the embedded demo data, a fit saved as JSON, lm-evaluation-harness results or an Open LLM Leaderboard table.",
    syntax:
      "name = load \"file.csv\" [models = paper | preregistered | candidates | agentbench | agentboard] | load demo | load \"fit.json\" | load \"results.json\" | load \"folder/\" | load \"leaderboard.csv\" format = leaderboard",
    options: [
      LoadStatement.Options.format.info, LoadStatement.Options.family.info,
      LoadStatement.Options.models.info, LoadStatement.Options.size.info,
      LoadStatement.Options.tokens.info, LoadStatement.Options.tasks.info,
      LoadStatement.Options.id.info, LoadStatement.Options.scale.info,
      LoadStatement.Options.flops.info,
    ],
    examples: [
      "base = load demo", "base = load \"base_llm_benchmark_eval.csv\"",
      "paper = load \"base_llm_benchmark_eval.csv\" models = paper", "f = load \"fit.json\"",
      "mine = load \"results.json\" family = Mine",
      "board = load \"leaderboard.csv\" format = leaderboard",
      "ckpt = load \"runs/\" tasks = all", "mine = load \"results.json\" id = \"mine-7b\"",
    ],
    operand: "file name in quotes, or demo,",
    completion: StatementCompletion(
      subject: .words(["demo"]),
      afterWords: [.init(word: "demo", next: ["base", "tasks", "leaderboard"])]))
}

/// How another tool's results are read: the options of `load` that apply to them.
struct ExternalReading {
  /// The Model Family of every row, or the column holding it.
  var family: String?
  /// Every task's metrics as columns too (`tasks = all`).
  var allTasks = false
  /// The model id of the one run read (`id = "…"`).
  var id: String?
  /// Leaderboard scores already in [0, 1] (`scale = fraction`).
  var fraction = false
}

/// `load "file.csv"`, `load demo [base | tasks]`, `load "fit.json"`.
struct LoadStatement: StatementNode {
  static var info: StatementInfo { .load }

  /// The file, a string, or the word `demo`.
  var source: Located<Expression>
  /// `base` or `tasks` after `demo`.
  var part: Located<String>?
  /// Its options.
  var options: [OptionSetting]

  static func parse(_ parser: inout Parser) throws -> LoadStatement {
    let source = try parser.parseExpression()
    switch source.value {
    case .string:
      return LoadStatement(source: source, part: nil, options: try parser.parseOptions(for: info))
    case .name("demo", quoted: false):
      // `demo base`, `demo tasks`; a word before `=` is an option.
      var part: Located<String>?
      if case .word(let word) = parser.current.kind, parser.peek(1).kind != .symbol(.assign) {
        let range = parser.current.range
        guard ["base", "tasks", "leaderboard"].contains(word) else {
          throw parser.fail(
            .invalidValue(
              option: "demo part", value: word, expected: "base, tasks or leaderboard",
              suggestion: Suggestion.closest(to: word, among: ["base", "tasks", "leaderboard"])),
            at: range)
        }
        parser.advance()
        part = Located(word, range)
      }
      return LoadStatement(source: source, part: part, options: try parser.parseOptions(for: info))
    case .name(_, quoted: false):
      // A name bound to a file name (a notebook's parameter): resolved when it runs.
      return LoadStatement(source: source, part: nil, options: try parser.parseOptions(for: info))
    default:
      throw parser.fail(
        .expected("a file name in quotes, or demo", found: source.value.display), at: source.range)
    }
  }

}

extension Environment {
  /// Loads a CSV table, the demo data, a saved fit, harness results or a leaderboard table,
  /// with the notes on what reading found.
  fileprivate func load(
    _ source: Located<Expression>, part: Located<String>?, format: Located<String>?,
    reading: ExternalReading
  ) throws -> (Value, [String], external: Bool) {
    if case .name("demo", false) = source.value {
      // One meaning per word: `demo` is the embedded data, unless a name of the session says
      // otherwise, and then neither is guessed.
      if let bound = values["demo"] {
        throw EvaluationFailure(
          .invalidValue(
            option: "load", value: "demo",
            expected:
              "one meaning: 'demo' is the embedded demo data and also a name bound to \(bound.kindDescription); rename that name, or write the file name in quotes",
            suggestion: nil), at: source.range)
      }
      return (try demo(part: part, format: format), [], false)
    }
    let path: String
    switch source.value {
    case .string(let text):
      path = text
    case .name(let name, quoted: false):
      // A name bound to a string names the file.
      let value = try lookup(Located(name, source.range))
      guard case .text(let text) = value else {
        throw EvaluationFailure(
          .wrongKind(name: name, expected: "a file name (a string)", found: value.kindDescription),
          at: source.range)
      }
      path = text
    default:
      throw EvaluationFailure(
        .expected("a file name in quotes, or demo", found: source.value.display), at: source.range)
    }
    if let folder = locateFolder(path) {
      if let format, format.value != "harness" {
        throw EvaluationFailure(
          .invalidValue(
            option: "format", value: format.value,
            expected: "harness for a folder (of lm-evaluation-harness results)", suggestion: nil),
          at: format.range)
      }
      let (value, notes) = try loadHarnessFolder(
        folder, display: path, reading: reading, at: source.range)
      return (value, notes, true)
    }
    let lower = path.lowercased()
    // A name without an extension that names nothing is a folder not found, not a file type.
    if !(path.split(separator: "/").last ?? "").contains(".") {
      _ = try readFile(path, at: source.range)
    }
    guard lower.hasSuffix(".csv") || lower.hasSuffix(".json") else {
      throw EvaluationFailure(
        .unsupportedFileType(
          path,
          allowed: [
            ".csv (a table)", ".json (a saved fit, or lm-evaluation-harness results)",
            "a folder of harness results",
          ]),
        at: source.range)
    }
    let (resolved, bytes) = try readFile(path, at: source.range)
    if lower.hasSuffix(".json") {
      return try loadJSON(
        bytes, path: path, resolved: resolved, format: format, reading: reading, at: source.range)
    }
    return try loadCSV(
      bytes, path: path, resolved: resolved, format: format, reading: reading, at: source.range)
  }

  /// The demo data: both parts joined, or `base` or `tasks`.
  private func demo(part: Located<String>?, format: Located<String>?) throws -> Value {
    if let format {
      throw EvaluationFailure(
        .invalidValue(
          option: "format", value: format.value,
          expected: "no format for the demo data, which is a table", suggestion: nil),
        at: format.range)
    }
    let demo = DemoData.generate()
    switch part?.value {
    case "base": return .table(demo.base)
    case "tasks": return .table(demo.tasks)
    case "leaderboard":
      // The base table's families, sizes and tokens with the leaderboard-like benchmarks.
      var joined = try demo.base.innerJoined(with: demo.leaderboard).table
      joined.provenance = DemoData.provenance
      return .table(joined)
    default:
      var joined = try demo.base.innerJoined(with: demo.tasks).table
      joined.provenance = DemoData.provenance
      return .table(joined)
    }
  }

  /// A `.json` file: harness results, or a fit saved by obscale.
  private func loadJSON(
    _ bytes: [UInt8], path: String, resolved: String, format: Located<String>?,
    reading: ExternalReading, at range: SourceRange
  ) throws -> (Value, [String], external: Bool) {
    if let format, format.value != "harness" {
      throw EvaluationFailure(
        .invalidValue(
          option: "format", value: format.value,
          expected: "harness for a .json file (or no format: a saved fit)", suggestion: nil),
        at: format.range)
    }
    // Harness results are written by Python's json module (NaN, Infinity); saved fits are
    // strict JSON.
    let json: JSON
    do {
      json = try JSONParser.parse(bytes, dialect: .python)
    } catch {
      throw EvaluationFailure(
        .fileUnreadable(resolved, reason: "it is not JSON: \(error)"), at: range)
    }
    if format != nil || HarnessFile.isHarness(json) {
      let run = try HarnessFile.run(json, path: path, id: reading.id, at: range)
      let (value, notes) = try harnessTable(
        [run], files: 1, skipped: [], reading: reading, at: range)
      return (value, notes, true)
    }
    return (.fit(try SavedFit.decode(bytes, path: path, at: range)), [], false)
  }

  /// A `.csv` file: a table, or a leaderboard table.
  private func loadCSV(
    _ bytes: [UInt8], path: String, resolved: String, format: Located<String>?,
    reading: ExternalReading, at range: SourceRange
  ) throws -> (Value, [String], external: Bool) {
    if format?.value == "harness" {
      throw EvaluationFailure(
        .invalidValue(
          option: "format", value: "harness",
          expected: "a .json file or a folder for harness results (this is a .csv)",
          suggestion: nil),
        at: format!.range)
    }
    do {
      if format?.value == "leaderboard" {
        let read = try ExternalResults.table(
          leaderboard: bytes, family: reading.family, provenance: path, fraction: reading.fraction)
        return (
          .table(read.table),
          [
            reading.fraction
              ? "read as an Open LLM Leaderboard (v1) table with scores in [0, 1] (scale = fraction) into the paper's columns"
              : "read as an Open LLM Leaderboard (v1) table: scores ÷ 100 into the paper's columns"
          ]
            + read.findings.map(\.description), true
        )
      }
      let table = try ScoreTable(csv: bytes, provenance: path)
      let index = ScoreTable.indexColumnHeader(csv: bytes).map { header in
        header.isEmpty
          ? "the first column has no header and numbers its rows, as pandas' DataFrame.to_csv writes its index: left out"
          : "the first column, '\(header)', numbers its rows: pandas' index, read back and written again (to_csv without index = False): left out"
      }
      let hint =
        ExternalResults.looksLikeLeaderboard(columnNames: table.columnNames) && format == nil
        ? [
          "this looks like a leaderboard table: load it with format = leaderboard to read its scores into the paper's columns and scale"
        ] : []
      return (.table(table), (index.map { [$0] } ?? []) + hint, false)
    } catch let error as ScalingLawsError {
      var notes = ["in the file '\(resolved)'"]
      if format == nil, ExternalResults.looksLikeLeaderboard(csv: bytes) {
        notes.append(
          "this looks like a leaderboard table: load it with format = leaderboard (a model listed twice keeps its first row)"
        )
      }
      throw EvaluationFailure(.engine(error), at: range, notes: notes)
    }
  }

  /// The folder `path` names (as given when absolute, else in the session's folder, then the
  /// search path), if it names one.
  fileprivate func locateFolder(_ path: String) -> String? {
    let candidates =
      path.hasPrefix("/")
      ? [path] : [joinPath(directory ?? ".", path)] + searchPath.map { joinPath($0, path) }
    return candidates.first { files.isDirectory($0) }
  }

  /// Reads every harness results file in `folder` and in its subfolders down to
  /// `harnessFolderDepth` (the harness writes `<output>/<model>/results_<time>.json`, and
  /// collections keep a folder per model and setting), in name order. Every other file is
  /// named with the reason it was skipped; results deeper down are pointed at.
  fileprivate func loadHarnessFolder(
    _ folder: String, display: String, reading: ExternalReading, at range: SourceRange
  ) throws -> (Value, [String]) {
    let (paths, deeper) = harnessFiles(in: folder)
    guard paths.count <= ExternalResults.maximumRuns else {
      throw EvaluationFailure(
        .engine(.tooManyRuns(count: paths.count, limit: ExternalResults.maximumRuns)), at: range)
    }
    let (runs, skipped) = try readRuns(
      paths, folder: folder, display: display, reading: reading, at: range)
    var notes: [String] = []
    if !deeper.isEmpty {
      notes.append(
        "results also sit deeper than \(Self.harnessFolderDepth) folders down, not read: "
          + deeper.map { relativePath($0, below: folder, display: display) }.joined(
            separator: ", ") + "; load that folder itself")
    }
    guard !runs.isEmpty else {
      throw EvaluationFailure(
        .invalidHarnessResults(
          display,
          reason: paths.isEmpty
            ? "the folder holds no .json file\(deeper.isEmpty ? "" : " within \(Self.harnessFolderDepth) folders down")"
            : "the folder holds no results file (\(paths.count) .json file\(paths.count == 1 ? "" : "s") read): "
              + Self.describeSkipped(skipped)),
        at: range, notes: notes)
    }
    if reading.id != nil, Set(runs.map(\.model)).count > 1 {
      throw EvaluationFailure(
        .invalidHarnessResults(
          display,
          reason:
            "id names one model run, but the folder holds runs of \(Set(runs.map(\.model)).count) (\(elide(runs.map(\.model))))"
        ), at: range)
    }
    let (value, more) = try harnessTable(
      runs, files: runs.count, skipped: skipped, reading: reading, at: range)
    return (value, more + notes)
  }

  /// The `.json` files in `folder` and its subfolders down to `harnessFolderDepth`, in name
  /// order, and the first few folders further down that hold some.
  private func harnessFiles(in folder: String) -> (paths: [String], deeper: [String]) {
    var paths: [String] = []
    var deeper: [String] = []
    var visited = 0
    func walk(_ directory: String, depth: Int) {
      for name in files.list(directory).sorted() {
        visited += 1
        guard visited <= Self.harnessFolderEntries, paths.count <= ExternalResults.maximumRuns
        else { return }
        let path = joinPath(directory, name)
        if files.isDirectory(path) {
          if depth < Self.harnessFolderDepth {
            walk(path, depth: depth + 1)
          } else if deeper.count < 3,
            files.list(path).contains(where: { $0.lowercased().hasSuffix(".json") })
          {
            deeper.append(path)
          }
        } else if name.lowercased().hasSuffix(".json") {
          paths.append(path)
        }
      }
    }
    walk(folder, depth: 0)
    return (paths, deeper)
  }

  /// The runs in `paths`, and every file skipped with the reason.
  private func readRuns(
    _ paths: [String], folder: String, display: String, reading: ExternalReading,
    at range: SourceRange
  ) throws -> (runs: [HarnessRun], skipped: [(String, String)]) {
    var runs: [HarnessRun] = []
    var skipped: [(String, String)] = []
    for path in paths {
      let shown = relativePath(path, below: folder, display: display)
      let bytes: [UInt8]
      do {
        guard let read = try files.read(path) else {
          skipped.append((shown, "a link to nothing, or gone"))
          continue
        }
        bytes = read
      } catch {
        skipped.append((shown, "unreadable: \(error)"))
        continue
      }
      let json: JSON
      do {
        json = try JSONParser.parse(bytes, dialect: .python)
      } catch {
        skipped.append((shown, "not JSON: \(error)"))
        continue
      }
      guard HarnessFile.isHarness(json) else {
        skipped.append(
          (
            shown,
            json["format"]?.stringValue == SavedFit.formatName
              ? "a fit saved by obscale" : "no \"results\" object: not harness results"
          ))
        continue
      }
      do {
        runs.append(try HarnessFile.run(json, path: shown, id: reading.id, at: range))
      } catch let failure as EvaluationFailure {
        if case .invalidHarnessResults(_, let reason) = failure.diagnostic.error {
          skipped.append((shown, reason))
          continue
        }
        throw failure
      }
    }
    return (runs, skipped)
  }

  /// How deep below a folder harness results are looked for.
  fileprivate static let harnessFolderDepth = 2
  /// The most folder entries looked at below one folder: a bound independent of the input.
  fileprivate static let harnessFolderEntries = 100_000

  /// `path` shown as the folder's name as the user wrote it, then the path below it.
  fileprivate func relativePath(_ path: String, below folder: String, display: String) -> String {
    guard path.hasPrefix(folder) else { return path }
    var rest = String(path.dropFirst(folder.count))
    while rest.hasPrefix("/") { rest.removeFirst() }
    return joinPath(display, rest)
  }

  /// The skipped files with their reasons, the first five, then how many more.
  fileprivate static func describeSkipped(_ skipped: [(String, String)]) -> String {
    let shown = skipped.prefix(5).map { "\($0.0) (\($0.1))" }.joined(separator: "; ")
    return skipped.count > 5 ? shown + "; and \(skipped.count - 5) more" : shown
  }

  /// The table of harness runs, with the notes on what was found.
  fileprivate func harnessTable(
    _ runs: [HarnessRun], files: Int, skipped: [(String, String)], reading: ExternalReading,
    at range: SourceRange
  ) throws -> (Value, [String]) {
    do {
      let read = try ExternalResults.table(
        harness: runs, family: reading.family, allTasks: reading.allTasks)
      let models = read.table.rowCount
      var notes = [
        "read \(files) lm-evaluation-harness results file\(files == 1 ? "" : "s") into \(models) model run\(models == 1 ? "" : "s")"
          + (reading.allTasks ? ", every task's metrics as columns" : "")
      ]
      if !skipped.isEmpty {
        notes.append(
          "skipped \(skipped.count) file\(skipped.count == 1 ? "" : "s"): "
            + Self.describeSkipped(skipped))
      }
      notes += read.findings.map(\.description)
      return (.table(read.table), notes)
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: range)
    }
  }

  /// Finds and reads `path`: as given when absolute, else in the session's folder and then in
  /// each folder of the search path.
  fileprivate func readFile(_ path: String, at range: SourceRange) throws -> (String, [UInt8]) {
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
}

extension LoadStatement {
  /// The options of `load`, declared once: help, completion and evaluation read them.
  enum Options {
    static let format = Option(
      "format",
      WordValue(["table", "harness", "leaderboard"], syntax: "table, harness or leaderboard"),
      default:
        "table for .csv; for .json and folders, harness results or a saved fit by their content",
      summary:
        "how to read the file: a table in the paper's columns; lm-evaluation-harness results (a results JSON, or a folder of them, one row per model); an Open LLM Leaderboard (v1) table on its 0–100 scale",
      answersFor: [
        .kind(.leaderboardCellOutOfRange), .kind(.leaderboardLooksFractional),
        .kind(.scoreOutOfRange), .kind(.tooManyRuns), .kind(.leaderboardColumnsRepeat),
        .kind(.leaderboardColumnEmpty), .kind(.harnessValueNotFinite), .kind(.harnessNoBenchmarks),
      ])
    static let family = Option(
      "family", FreeValue(syntax: "a family name, or a column"), default: "as the table gives it",
      summary:
        "the Model Family of every row (a word or string), or the column holding it (a column's name)"
    )
    static let models = Option(
      "models",
      WordValue(
        PaperSelection.allCases.map(\.rawValue),
        syntax: "paper, preregistered, candidates, agentbench or agentboard"), default: "all",
      summary:
        "one of the paper's selections: of a base table its 28 evaluated families without its 20 pre-registered models (77 of 148), those 20 models, or the subset-selection candidates (the 77 at or below 84 × 1E21 FLOPs with all 8 benchmarks: 45); of the agent table the AgentBench (22) or AgentBoard (11) models"
    )
    static let size = Option(
      "size", FreeValue(syntax: "a number > 0"), default: "as the table gives it",
      summary:
        "the Model Size (B), in billions of parameters, of a table of one model (your own, from a results file)"
    )
    static let tokens = Option(
      "tokens", FreeValue(syntax: "a number > 0"), default: "as the table gives it",
      summary:
        "the Pretraining Data Size (T), in trillions of tokens, of a table of one model; with size and flops = estimate it gives the model's FLOPs"
    )
    static let tasks = Option(
      "tasks", WordValue(["benchmarks", "all"], syntax: "benchmarks or all"), default: "benchmarks",
      summary:
        "of harness results: the paper's eight benchmarks and the Open LLM Leaderboard v2's six (benchmarks), or every task's metrics as columns of their own too (all), named <task>_<metric>[_<filter>]"
    )
    static let id = Option(
      "id", FreeValue(syntax: "a model id in quotes"), default: "the run's pretrained=…",
      summary:
        "the Model id of the one model run a results file (or folder) holds: your own name for it, in place of a local path"
    )
    static let scale = Option(
      "scale", WordValue(["percent", "fraction"], syntax: "percent or fraction"),
      default: "percent",
      summary:
        "of a leaderboard table: its scores on the leaderboard's 0–100 scale (divided by 100), or already in [0, 1]"
    )
    static let flops = Option(
      "flops", WordValue(["estimate"], syntax: "estimate"), default: "as the table gives it",
      summary:
        "fill missing FLOPs (1E21) with 6 × Model Size (B) × Pretraining Data Size (T) (C ≈ 6ND), naming the models"
    )
  }
}

extension LoadStatement: EvaluatedStatement {
  /// Runs `load`: reads the file (or the demo data), then applies the options that complete a
  /// table (its family, one model's size and tokens, estimated FLOPs) and the paper's selection.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let settings = try Settings(decoding: OptionSettings(options, .load), in: environment)
    var (value, notes, external) = try environment.load(
      source, part: part, format: settings.format, reading: settings.reading)
    try refuseExternalOptions(settings.options, external: external)
    try nameFamily(
      &value, &notes, family: settings.reading.family, settings.options, external: external)
    try setSizeAndTokens(&value, &notes, settings)
    try estimateFLOPs(&value, &notes, settings)
    guard let (selection, written) = settings.selection else {
      var output = environment.presenter.present(value, name: environment.binding, brief: true)
      output.blocks += notes.map(Block.text)
      return Evaluation(value, output)
    }
    return try select(value, notes, selection, at: written, in: environment)
  }

  /// The options of one `load`, decoded and checked before the file is read; those that
  /// depend on what was read (a table or harness results, how many models) are checked as
  /// they are applied.
  struct Settings {
    /// How harness results and leaderboard tables are read: `family`, `tasks`, `scale`, `id`.
    var reading: ExternalReading
    /// `format`, as written.
    var format: Located<String>?
    /// `size` and `tokens` (each > 0), with where they were written.
    var size: (Double, SourceRange)?
    /// See `size`.
    var tokens: (Double, SourceRange)?
    /// `flops = estimate`, where it was written.
    var estimateFLOPs: Located<Expression>?
    /// `models =`: one of the paper's selections, with where it was written.
    var selection: (PaperSelection, Located<Expression>)?
    /// The options as written, for the checks against what was read.
    var options: OptionSettings

    /// Decodes `options`.
    init(decoding options: OptionSettings, in environment: Environment) throws {
      self.options = options
      reading = try LoadStatement.externalReading(options, in: environment)
      format = try options[Options.format].map { setting in
        Located(try environment.given(Options.format, of: options) ?? "", setting.value.range)
      }
      // A positive number, with where it was written.
      func positive(_ row: Option<FreeValue>, in unit: String) throws -> (Double, SourceRange)? {
        guard let setting = options[row] else { return nil }
        let number = try environment.number(setting.value, option: row.name)
        guard number > 0 else {
          throw EvaluationFailure.invalid(setting, expected: "a number > 0, in \(unit)")
        }
        return (number, setting.value.range)
      }
      size = try positive(Options.size, in: "billions of parameters")
      tokens = try positive(Options.tokens, in: "trillions of tokens")
      if let setting = options[Options.flops] {
        _ = try environment.given(Options.flops, of: options)
        estimateFLOPs = setting.value
      }
      if let setting = options[Options.models] {
        let word = try Options.models.value.read(setting.value, option: "models", in: environment)
        guard let selection = PaperSelection(rawValue: word) else {
          throw EvaluationFailure.invalid(setting, expected: "one of the paper's selections")
        }
        self.selection = (selection, setting.value)
      }
    }
  }

  /// How harness results and leaderboard tables are read: `family`, `tasks`, `scale`, `id`.
  fileprivate static func externalReading(
    _ settings: OptionSettings, in environment: Environment
  ) throws -> ExternalReading {
    var family: String?
    if let setting = settings[LoadStatement.Options.family] {
      switch setting.value.value {
      case .string(let text) where !text.allSatisfy(\.isWhitespace): family = text
      case .name(let text, quoted: true):
        // A name in backticks is a column's.
        family = text
      case .name(let text, quoted: false):
        // A name bound to a string (a notebook's parameter) gives that string.
        if case .text(let bound)? = environment.values[text] {
          guard !bound.allSatisfy(\.isWhitespace) else {
            throw EvaluationFailure(
              .invalidValue(
                option: "family", value: "\(text) (= \"\(bound)\")",
                expected: "a family name, not a blank string", suggestion: nil),
              at: setting.value.range)
          }
          family = bound
        } else {
          family = text
        }
      default:
        throw EvaluationFailure.invalid(
          setting, expected: "a family name, or the column holding the families")
      }
    }
    var reading = ExternalReading(family: family)
    reading.allTasks = try environment.given(Options.tasks, of: settings) == "all"
    reading.fraction = try environment.given(Options.scale, of: settings) == "fraction"
    if let setting = settings[LoadStatement.Options.id] {
      guard case .string(let text) = setting.value.value,
        !text.allSatisfy(\.isWhitespace)
      else {
        throw EvaluationFailure.invalid(setting, expected: "a model id in quotes, not blank")
      }
      reading.id = text
    }
    return reading
  }

  /// `id`, `tasks` and `scale` apply to other tools' results only.
  private func refuseExternalOptions(_ settings: OptionSettings, external: Bool) throws {
    if let setting = settings[LoadStatement.Options.id], !external {
      throw EvaluationFailure.invalid(
        setting, expected: "harness results to name the run of (a table names its own models)")
    }
    for (option, expected) in [
      (LoadStatement.Options.tasks.name, "harness results"),
      (LoadStatement.Options.scale.name, "a leaderboard table (format = leaderboard)"),
    ] where !external {
      if let setting = settings.all.first(where: { $0.name.value == option }) {
        throw EvaluationFailure.invalid(setting, expected: expected)
      }
    }
  }

  /// `family`: the family of every row, or the column holding it (tables read as they are; other
  /// tools' results take it while they are read).
  private func nameFamily(
    _ value: inout Value, _ notes: inout [String], family: String?, _ settings: OptionSettings,
    external: Bool
  ) throws {
    if let setting = settings[LoadStatement.Options.family], !external,
      case .table(let table) = value,
      let name = family
    {
      // A column's name takes its column; anything else names the family of every row.
      if case .name(_, quoted: true) = setting.value.value, !table.hasColumn(name) {
        throw EvaluationFailure(
          .unknownColumn(
            name, table: "the table read",
            suggestion: Suggestion.closest(to: name, among: table.columnNames)),
          at: setting.value.range)
      }
      if name == ScoreTable.familyColumn {
        // `family = `Model Family``: the families the table has, as they are.
        notes.append("Model Family as the table gives it")
        return
      }
      let fromColumn = table.hasColumn(name)
      if fromColumn {
        guard case .text(let families) = try table.column(named: name).values else {
          throw EvaluationFailure(
            .invalidValue(
              option: "family", value: name, expected: "a column of text (it holds numbers)",
              suggestion: nil), at: setting.value.range)
        }
        value = .table(try table.setting(.text(ScoreTable.familyColumn, families)))
      } else {
        value = .table(
          try table.setting(.text(ScoreTable.familyColumn, table.models.map { _ in name })))
      }
      notes.append(
        fromColumn
          ? "Model Family from the column '\(name)'" : "Model Family '\(name)' for every row")
    } else if let setting = settings[LoadStatement.Options.family], case .fit = value {
      throw EvaluationFailure.invalid(
        setting, expected: "a table to name the family in (a fit has its own)")
    }
  }

  /// `size` and `tokens`: a table of one model (a results file) takes its size and token count.
  private func setSizeAndTokens(
    _ value: inout Value, _ notes: inout [String], _ settings: Settings
  ) throws {
    for (option, given, column) in [
      (Options.size.name, settings.size, ScoreTable.sizeColumn),
      (Options.tokens.name, settings.tokens, ScoreTable.dataColumn),
    ] {
      guard let (number, range) = given else { continue }
      guard case .table(let table) = value, table.rowCount == 1 else {
        var found = "a fit"
        if case .table(let table) = value { found = "\(table.rowCount) models" }
        throw EvaluationFailure(
          .invalidValue(
            option: option, value: formatNumber(number),
            expected:
              "a table of one model (this has \(found)); give several models' \(column) in a column of their table, or join one",
            suggestion: nil), at: range)
      }
      value = .table(try table.setting(.numbers(column, [number])))
      notes.append("\(column) \(formatNumber(number)) for \(table.models[0])")
    }
  }

  /// `flops = estimate`: missing FLOPs from size and tokens (C ≈ 6ND).
  private func estimateFLOPs(_ value: inout Value, _ notes: inout [String], _ settings: Settings)
    throws
  {
    if let written = settings.estimateFLOPs {
      guard case .table(let table) = value else {
        throw EvaluationFailure(
          .invalidValue(
            option: "flops", value: written.value.display,
            expected: "a table to estimate FLOPs in (a fit has none)", suggestion: nil),
          at: written.range)
      }
      do {
        let (filled, estimated, lacking) = try table.estimatingFLOPs()
        value = .table(filled)
        notes.append(
          estimated.isEmpty
            ? "no FLOPs to estimate: every model with a size and a token count has them"
            : "estimated FLOPs (1E21) = 6 × size (B) × tokens (T) for \(estimated.count) model\(estimated.count == 1 ? "" : "s"): "
              + elide(estimated))
        if !lacking.isEmpty {
          notes.append(
            "\(lacking.count) model\(lacking.count == 1 ? " has" : "s have") no FLOPs and lack\(lacking.count == 1 ? "s" : "") a size or a token count to estimate them from: "
              + elide(lacking))
        }
      } catch let error as ScalingLawsError {
        throw EvaluationFailure(.engine(error), at: written.range)
      }
    }
  }

  /// `models =`: one of the paper's named selections of the table just read.
  private func select(
    _ value: Value, _ notes: [String], _ selection: PaperSelection,
    at written: Located<Expression>, in environment: Environment
  ) throws -> Evaluation {
    let binding = environment.binding
    guard case .table(let table) = value else {
      throw EvaluationFailure(
        .invalidValue(
          option: "models", value: written.value.display,
          expected: "a selection of a table (a fit has no models to select)", suggestion: nil),
        at: written.range)
    }
    let selected: ScoreTable
    do {
      selected = table.selecting(rows: try selection.rows(of: table))
    } catch ScalingLawsError.noRowsLeft {
      // The selections name the paper's models: say so rather than "no rows left".
      throw EvaluationFailure(
        .invalidValue(
          option: "models", value: selection.rawValue,
          expected:
            "a table of the paper's models (base_llm_benchmark_eval.csv); none of the \(table.rowCount) models here is in the selection",
          suggestion: nil),
        at: written.range)
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: written.range)
    }
    var output = environment.presenter.present(.table(selected), name: binding, brief: true)
    output.blocks += notes.map(Block.text)
    output.blocks.append(
      .text("kept \(selected.rowCount) of \(table.rowCount) models: \(selection.summary)"))
    // The paper's 28 families, of which some hold only pre-registered models: say how many
    // have models here, so that "28" beside the table's own count does not puzzle.
    let families = Set(selected.families ?? [])
    if selection == .paper, families.count < PaperSelection.families.count {
      let empty = PaperSelection.families.filter { !families.contains($0) }
      output.blocks.append(
        .text(
          "\(families.count) of the \(PaperSelection.families.count) families have models here; \(empty.count) (\(empty.joined(separator: ", "))) hold only pre-registered models or none in this table"
        ))
    }
    return Evaluation(.table(selected), output)
  }
}
