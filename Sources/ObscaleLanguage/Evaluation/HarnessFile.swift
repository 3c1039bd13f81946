internal import ObscaleJSON
internal import ScalingLaws

/// An lm-evaluation-harness (v0.4) results file: the JSON it writes after a run.
///
/// Read: `results` (and `groups`), each task's metrics by `metric,filter` keys such as
/// `acc,none` (strings such as `alias` and `N/A` are skipped); `n-shot`, each task's few-shot
/// count, and where it lacks a task, `configs.<task>.num_fewshot`; the model id from
/// `config.model_args` (`pretrained=org/name,dtype=…`, or an object with `pretrained`), else
/// `model_name`. `versions` and the rest are not needed.
enum HarnessFile {
  /// Whether `json` is harness results rather than a saved fit: an object with a `results`
  /// object and no `format`.
  static func isHarness(_ json: JSON) -> Bool {
    json["format"] == nil && json["results"]?.objectValue != nil
  }

  /// The run in `json`.
  ///
  /// - Throws: `.invalidHarnessResults` naming what is missing or malformed.
  static func run(_ json: JSON, path: String, at range: SourceRange) throws -> HarnessRun {
    func fail(_ reason: String) -> EvaluationFailure {
      EvaluationFailure(.invalidHarnessResults(path, reason: reason), at: range)
    }
    guard let results = json["results"]?.objectValue else {
      throw fail("it has no \"results\" object")
    }
    var tasks: [String: [String: Double]] = [:]
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
      }
      tasks[task] = numbers
    }
    var shots: [String: Int] = [:]
    for (task, config) in json["configs"]?.objectValue ?? [] {
      if let count = config["num_fewshot"]?.intValue { shots[task] = count }
    }
    for (task, count) in json["n-shot"]?.objectValue ?? [] {
      if let count = count.intValue { shots[task] = count }
    }
    guard let model = modelID(json) else {
      throw fail(
        "it names no model: \"config\".\"model_args\" has no pretrained=… and there is no \"model_name\""
      )
    }
    return HarnessRun(model: model, source: path, results: tasks, shots: shots)
  }

  /// The model id of a run.
  static func modelID(_ json: JSON) -> String? {
    let arguments = json["config"]?["model_args"]
    if let text = arguments?.stringValue {
      for pair in text.split(separator: ",") {
        let parts = pair.split(separator: "=", maxSplits: 1)
        if parts.count == 2, parts[0].trimmed() == "pretrained" {
          let id = String(parts[1]).trimmed()
          if !id.isEmpty { return id }
        }
      }
    }
    if let id = arguments?["pretrained"]?.stringValue, !id.isEmpty { return id }
    if let id = json["model_name"]?.stringValue, !id.isEmpty { return id }
    return nil
  }
}
