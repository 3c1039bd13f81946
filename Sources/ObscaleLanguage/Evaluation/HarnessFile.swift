internal import ObscaleJSON
internal import ScalingLaws

/// An lm-evaluation-harness results file: the JSON it writes after a run, in its v0.4 layout
/// or its v0.3 one (LANGUAGE.md has the table of layouts).
///
/// Read: `results` (and `groups`), each task's metrics (`metric,filter` keys such as
/// `acc,none` in v0.4, plain `acc`, `acc_norm`, `mc2` in v0.3; strings such as `alias` and
/// `N/A` are skipped); the few-shot count of each task from `n-shot`, else
/// `configs.<task>.num_fewshot`, else (v0.3) the run's `config.num_fewshot`; the model from
/// `config.model_args` (`pretrained=org/name,revision=…`, or an object), else `model_name`.
/// The file may hold Python's `NaN` and `Infinity` (perplexities, standard errors) and start
/// with a byte order mark.
enum HarnessFile {
  /// Whether `json` is harness results rather than a saved fit: an object with a `results`
  /// object and no `format`.
  static func isHarness(_ json: JSON) -> Bool {
    json["format"] == nil && json["results"]?.objectValue != nil
  }

  /// The run in `json`, its id replaced by `id` when one is given.
  ///
  /// - Throws: `.invalidHarnessResults` naming what is missing or malformed.
  static func run(_ json: JSON, path: String, id: String? = nil, at range: SourceRange) throws
    -> HarnessRun
  {
    func fail(_ reason: String) -> EvaluationFailure {
      EvaluationFailure(.invalidHarnessResults(path, reason: reason), at: range)
    }
    guard let results = json["results"]?.objectValue else {
      throw fail("it has no \"results\" object")
    }
    var tasks: [String: [String: Double]] = [:]
    var keyed = 0
    var plain = 0
    for (task, value) in (json["groups"]?.objectValue ?? []) + results {
      guard let metrics = value.objectValue else {
        throw fail("\"results\".\"\(task)\" is not an object of metrics")
      }
      var numbers: [String: Double] = [:]
      for (key, metric) in metrics {
        switch metric {
        case .integer(let number): numbers[key] = Double(number)
        case .double(let number): numbers[key] = number
        default: continue
        }
        if key.contains(",") { keyed += 1 } else { plain += 1 }
      }
      tasks[task] = numbers
    }
    guard keyed + plain > 0 || results.isEmpty else {
      throw fail(
        "none of its \(results.count) tasks holds a number: not a results layout obscale reads (lm-evaluation-harness v0.3 or v0.4)"
      )
    }
    let model: String
    if let id {
      model = id
    } else if let (pretrained, arguments) = modelArguments(json) {
      model = ExternalResults.runID(pretrained: pretrained, arguments: arguments)
    } else {
      throw fail(
        "it names no model: \"config\".\"model_args\" has no pretrained=… and there is no \"model_name\"; give it one with id = \"name\""
      )
    }
    // v0.4 keys every metric as `metric,filter`; v0.3 never does.
    if plain > 0, keyed == 0 {
      let shots = json["config"]?["num_fewshot"]?.intValue
      return HarnessRun(v03: model, source: path, results: tasks, shots: shots)
    }
    var shots: [String: Int] = [:]
    for (task, config) in json["configs"]?.objectValue ?? [] {
      if let count = config["num_fewshot"]?.intValue { shots[task] = count }
    }
    for (task, count) in json["n-shot"]?.objectValue ?? [] {
      if let count = count.intValue { shots[task] = count }
    }
    return HarnessRun(model: model, source: path, results: tasks, shots: shots)
  }

  /// The model of a run and its other model arguments, in their order: from
  /// `config.model_args` (a `name=value,…` string or an object), else `model_name`.
  static func modelArguments(_ json: JSON) -> (String, [(String, String)])? {
    let arguments = json["config"]?["model_args"]
    var pairs: [(String, String)] = []
    if let text = arguments?.stringValue {
      for pair in text.split(separator: ",") {
        let parts = pair.split(separator: "=", maxSplits: 1)
        guard parts.count == 2 else { continue }
        pairs.append((parts[0].trimmed(), String(parts[1]).trimmed()))
      }
    } else if let object = arguments?.objectValue {
      for (name, value) in object {
        switch value {
        case .string(let text): pairs.append((name, text))
        case .integer(let number): pairs.append((name, String(number)))
        case .double(let number): pairs.append((name, "\(number)"))
        case .bool(let flag): pairs.append((name, flag ? "True" : "False"))
        default: continue
        }
      }
    }
    if let id = pairs.first(where: { $0.0 == "pretrained" })?.1, !id.isEmpty {
      return (id, pairs)
    }
    if let id = json["model_name"]?.stringValue, !id.isEmpty { return (id, pairs) }
    return nil
  }
}
