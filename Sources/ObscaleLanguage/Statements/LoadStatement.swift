internal import ScalingLaws

extension StatementInfo {
  /// `load`: Reads a CSV table, the embedded demo data, or a fit saved as JSON.
  static let load = StatementInfo(
    name: "load",
    summary: "Reads a CSV table, the embedded demo data, or a fit saved as JSON.",
    syntax:
      "name = load \"file.csv\" [models = paper | preregistered] | load demo | load \"fit.json\"",
    options: [
      OptionInfo(
        name: "models", values: "paper or preregistered", defaultValue: "all",
        summary:
          "the paper's selection of a base table: its 28 evaluated families without its 20 pre-registered models (77 of 148), or those 20 models",
        accepts: .words(PaperSelection.allCases.map(\.rawValue))),
      OptionInfo(
        name: "flops", values: "estimate", defaultValue: "as the table gives it",
        summary:
          "fill missing FLOPs (1E21) with 6 × Model Size (B) × Pretraining Data Size (T) (C ≈ 6ND), naming the models",
        accepts: .words(["estimate"])),
    ],
    examples: [
      "base = load demo", "base = load \"base_llm_benchmark_eval.csv\"",
      "paper = load \"base_llm_benchmark_eval.csv\" models = paper", "f = load \"fit.json\"",
    ],
    operand: "file name in quotes, or demo,")
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
        guard word == "base" || word == "tasks" else {
          throw parser.fail(
            .invalidValue(
              option: "demo part", value: word, expected: "base or tasks",
              suggestion: Suggestion.closest(to: word, among: ["base", "tasks"])),
            at: range)
        }
        parser.advance()
        part = Located(word, range)
      }
      return LoadStatement(source: source, part: part, options: try parser.parseOptions(for: info))
    default:
      throw parser.fail(
        .expected("a file name in quotes, or demo", found: source.value.display), at: source.range)
    }
  }

  func evaluate(
    in session: inout Session, statement: Statement, binding: String?,
    progress: (String) -> Void
  ) throws -> Evaluation {
    try session.evaluateLoad(
      options: options, source: source, part: part, statement: statement, binding: binding,
      progress: progress)
  }
}

extension Session {
  /// Runs `load`.
  mutating func evaluateLoad(
    options: [OptionSetting], source: Located<Expression>, part: Located<String>?,
    statement: Statement, binding: String?, progress: (String) -> Void
  ) throws -> Evaluation {
    var value = try load(source, part: part)
    let settings = Options(options, .load)
    var notes: [String] = []
    if let setting = settings["flops"] {
      _ = try choice(setting.value, option: "flops", among: ["estimate"])
      guard case .table(let table) = value else {
        throw EvaluationFailure(
          .invalidValue(
            option: "flops", value: setting.value.value.display,
            expected: "a table to estimate FLOPs in (a fit has none)", suggestion: nil),
          at: setting.value.range)
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
        throw EvaluationFailure(.engine(error), at: setting.value.range)
      }
    }
    guard let setting = settings["models"] else {
      var output = presenter.present(value, name: binding, brief: true)
      output.blocks += notes.map(Block.text)
      return Evaluation(value, output)
    }
    // One of the paper's named selections of the table just read.
    let names = PaperSelection.allCases.map(\.rawValue)
    let selection = PaperSelection(
      rawValue: try choice(setting.value, option: "models", among: names))
    guard let selection, case .table(let table) = value else {
      throw EvaluationFailure(
        .invalidValue(
          option: "models", value: setting.value.value.display,
          expected: "a selection of a table (a fit has no models to select)", suggestion: nil),
        at: setting.value.range)
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
        at: setting.value.range)
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: setting.value.range)
    }
    var output = presenter.present(.table(selected), name: binding, brief: true)
    output.blocks += notes.map(Block.text)
    output.blocks.append(
      .text("kept \(selected.rowCount) of \(table.rowCount) models: \(selection.summary)"))
    return Evaluation(.table(selected), output)
  }

  /// Loads a CSV table, the demo data or a saved fit.
  func load(_ source: Located<Expression>, part: Located<String>?) throws -> Value {
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
}
