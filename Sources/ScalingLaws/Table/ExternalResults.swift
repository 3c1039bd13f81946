/// A benchmark column of the paper's tables, and where other evaluations keep it.
///
/// The paper's base table follows the Open LLM Leaderboard v1 protocol (its data README), whose
/// settings are documented with the archived leaderboard (huggingface/leaderboards,
/// `docs/source/en/open_llm_leaderboard/archive.md`): ARC 25-shot `acc_norm`, HellaSwag
/// 10-shot `acc_norm`, MMLU 5-shot `acc` (the mean over its 57 subjects), TruthfulQA 0-shot
/// `mc2`, Winogrande 5-shot `acc`, GSM8K 5-shot `acc` (strict exact match). XWinograd (through
/// the same harness) and HumanEval (EvalPlus pass@1) have no setting recorded there, so their
/// few-shot counts are not checked.
public struct PaperBenchmark: Equatable, Sendable {
  /// The paper's column, e.g. `ARC-C`.
  public var column: String
  /// The lm-evaluation-harness (v0.4) task holding it.
  public var task: String
  /// The prefix of the task's subtasks, averaged when the task's own row is absent.
  public var subtaskPrefix: String?
  /// Subtask names under the prefix that are groups themselves, never averaged.
  public var groupSubtasks: [String]
  /// The harness's metric keys (`metric,filter`), the protocol's first.
  public var metrics: [String]
  /// The protocol's few-shot count, if one is recorded.
  public var shots: Int?
  /// The column's name in a leaderboard table (lower case, before any parenthesis).
  public var leaderboardName: String?

  /// The eight columns in the paper's order.
  public static let all: [PaperBenchmark] = [
    PaperBenchmark(
      column: "MMLU", task: "mmlu", subtaskPrefix: "mmlu_",
      groupSubtasks: ["mmlu_humanities", "mmlu_other", "mmlu_social_sciences", "mmlu_stem"],
      metrics: ["acc,none"], shots: 5, leaderboardName: "mmlu"),
    PaperBenchmark(
      column: "ARC-C", task: "arc_challenge", subtaskPrefix: nil, groupSubtasks: [],
      metrics: ["acc_norm,none", "acc,none"], shots: 25, leaderboardName: "arc"),
    PaperBenchmark(
      column: "HellaSwag", task: "hellaswag", subtaskPrefix: nil, groupSubtasks: [],
      metrics: ["acc_norm,none", "acc,none"], shots: 10, leaderboardName: "hellaswag"),
    PaperBenchmark(
      column: "Winograd", task: "winogrande", subtaskPrefix: nil, groupSubtasks: [],
      metrics: ["acc,none"], shots: 5, leaderboardName: "winogrande"),
    PaperBenchmark(
      column: "TruthfulQA", task: "truthfulqa_mc2", subtaskPrefix: nil, groupSubtasks: [],
      metrics: ["acc,none"], shots: 0, leaderboardName: "truthfulqa"),
    PaperBenchmark(
      column: "GSM8K", task: "gsm8k", subtaskPrefix: nil, groupSubtasks: [],
      metrics: ["exact_match,strict-match", "exact_match,flexible-extract"], shots: 5,
      leaderboardName: "gsm8k"),
    PaperBenchmark(
      column: "XWinograd", task: "xwinograd", subtaskPrefix: "xwinograd_", groupSubtasks: [],
      metrics: ["acc,none"], shots: nil, leaderboardName: nil),
    PaperBenchmark(
      column: "HumanEval", task: "humaneval", subtaskPrefix: nil, groupSubtasks: [],
      metrics: ["pass@1,create_test", "pass_at_1,none"], shots: nil, leaderboardName: nil),
  ]
}

/// One lm-evaluation-harness results file, as its JSON says: the model, and each task's
/// metrics and few-shot count.
public struct HarnessRun: Equatable, Sendable {
  /// The model id (`pretrained=…` of the run's model arguments).
  public var model: String
  /// Where the run was read from, for findings.
  public var source: String
  /// Each task's (and group's) metrics by their `metric,filter` key.
  public var results: [String: [String: Double]]
  /// Each task's few-shot count, where the file records it.
  public var shots: [String: Int]

  /// Creates a run.
  public init(
    model: String, source: String, results: [String: [String: Double]], shots: [String: Int]
  ) {
    self.model = model
    self.source = source
    self.results = results
    self.shots = shots
  }
}

/// What reading outside results found that the reader should know: the facts, worded by
/// `description`.
public enum ExternalFinding: Equatable, Sendable {
  /// No model has this column: it is left empty, for the fit's imputer to fill.
  case columnMissing(column: String, source: String)
  /// Some models lack this column.
  case cellsMissing(column: String, models: [String])
  /// A task was run with another few-shot count than the protocol's.
  case shotsDiffer(column: String, task: String, shots: Int, expected: Int, models: [String])
  /// The protocol's setting for this column is not recorded, so its few-shot count is unchecked.
  case shotsUnchecked(column: String, task: String, shots: [Int])
  /// The task lacks the protocol's metric; another one was used.
  case metricDiffers(column: String, task: String, used: String, expected: String, models: [String])
  /// The task has none of the metrics the column is read from.
  case metricAbsent(column: String, task: String, found: [String], models: [String])
  /// The group's own row is absent; the unweighted mean of its subtasks stands for it.
  case subtasksAveraged(column: String, task: String, subtasks: Int, models: [String])
  /// Several files hold runs of one model; their tasks are merged, later files winning.
  case runsMerged(model: String, files: Int, repeated: [String])
  /// A leaderboard table lists a model more than once; the first row is kept.
  case duplicateRows(model: String, kept: Int, dropped: [Int])
}

/// The result of reading another tool's results: the table in the paper's columns and scale,
/// and what was found on the way.
public struct ExternalTable: Equatable, Sendable {
  /// One row per model: `Model`, `Model Family` when one was given, `Model Size (B)` when
  /// known, then the paper's eight benchmark columns in [0, 1] (empty where unknown).
  public var table: ScoreTable
  /// What the reader should know, in the order found.
  public var findings: [ExternalFinding]
}

/// Readers of lm-evaluation-harness results and leaderboard tables into the paper's columns.
public enum ExternalResults {
  /// The most runs (files) read into one table: a bound independent of the input.
  public static let maximumRuns = 10_000

  /// The table of `runs`, one row per model (runs of one model merged, later ones winning),
  /// with each paper column read from its harness task and metric.
  ///
  /// - Throws: `.noRowsLeft` without runs; `.scoreOutOfRange` for a metric outside [0, 1].
  public static func table(harness runs: [HarnessRun], family: String?) throws -> ExternalTable {
    guard !runs.isEmpty else {
      throw ScalingLawsError.noRowsLeft(operation: "reading harness results")
    }
    guard runs.count <= maximumRuns else {
      throw ScalingLawsError.tooManyRuns(count: runs.count, limit: maximumRuns)
    }
    var findings: [ExternalFinding] = []
    // Merge runs by model, in order of first appearance.
    var order: [String] = []
    var merged: [String: HarnessRun] = [:]
    var files: [String: Int] = [:]
    var repeated: [String: [String]] = [:]
    for run in runs {
      if var existing = merged[run.model] {
        for (task, metrics) in run.results {
          if existing.results[task] != nil, !(repeated[run.model] ?? []).contains(task) {
            repeated[run.model, default: []].append(task)
          }
          existing.results[task] = metrics
        }
        existing.shots.merge(run.shots) { _, later in later }
        merged[run.model] = existing
        files[run.model, default: 1] += 1
      } else {
        order.append(run.model)
        merged[run.model] = run
      }
    }
    for model in order where (files[model] ?? 1) > 1 {
      findings.append(
        .runsMerged(
          model: model, files: files[model] ?? 1, repeated: (repeated[model] ?? []).sorted()))
    }
    let models = order.compactMap { merged[$0] }
    var columns: [ScoreColumn] = [.text(ScoreTable.modelColumn, order)]
    if let family { columns.append(.text(ScoreTable.familyColumn, order.map { _ in family })) }
    for benchmark in PaperBenchmark.all {
      var values = [Double](repeating: .nan, count: models.count)
      var shotsSeen: [Int: [String]] = [:]
      var fallbacks: [String: [String]] = [:]
      var absent: [[String]: [String]] = [:]
      var averaged: [Int: [String]] = [:]
      var lacking: [String] = []
      for (row, run) in models.enumerated() {
        guard let (metrics, found, subtasks) = locate(benchmark, in: run) else {
          lacking.append(run.model)
          continue
        }
        guard let (metric, value) = read(benchmark, metrics) else {
          absent[found, default: []].append(run.model)
          lacking.append(run.model)
          continue
        }
        guard (0...1).contains(value) else {
          throw ScalingLawsError.scoreOutOfRange(
            column: benchmark.column, model: run.model, value: value, limit: 0...1)
        }
        values[row] = value
        if metric != benchmark.metrics[0] { fallbacks[metric, default: []].append(run.model) }
        if subtasks > 0 { averaged[subtasks, default: []].append(run.model) }
        if let shots = self.shots(of: benchmark, in: run) {
          shotsSeen[shots, default: []].append(run.model)
        }
      }
      columns.append(.numbers(benchmark.column, values))
      if lacking.count == models.count {
        findings.append(.columnMissing(column: benchmark.column, source: "harness results"))
      } else if !lacking.isEmpty {
        findings.append(.cellsMissing(column: benchmark.column, models: lacking))
      }
      for (metric, names) in fallbacks.sorted(by: { $0.key < $1.key }) {
        findings.append(
          .metricDiffers(
            column: benchmark.column, task: benchmark.task, used: metric,
            expected: benchmark.metrics[0], models: names))
      }
      for (found, names) in absent.sorted(by: { $0.key.joined() < $1.key.joined() }) {
        findings.append(
          .metricAbsent(
            column: benchmark.column, task: benchmark.task, found: found, models: names))
      }
      for (count, names) in averaged.sorted(by: { $0.key < $1.key }) {
        findings.append(
          .subtasksAveraged(
            column: benchmark.column, task: benchmark.task, subtasks: count, models: names))
      }
      if let expected = benchmark.shots {
        for (shots, names) in shotsSeen.sorted(by: { $0.key < $1.key }) where shots != expected {
          findings.append(
            .shotsDiffer(
              column: benchmark.column, task: benchmark.task, shots: shots, expected: expected,
              models: names))
        }
      } else if !shotsSeen.isEmpty {
        findings.append(
          .shotsUnchecked(
            column: benchmark.column, task: benchmark.task, shots: shotsSeen.keys.sorted()))
      }
    }
    return ExternalTable(
      table: try ScoreTable(columns: columns, provenance: "lm-evaluation-harness results"),
      findings: findings)
  }

  /// Where `run` keeps `benchmark`: the task's own metrics, or the unweighted mean of its
  /// subtasks' (each metric all of them have), with the metric keys found.
  private static func locate(_ benchmark: PaperBenchmark, in run: HarnessRun) -> (
    metrics: [String: Double], found: [String], subtasks: Int
  )? {
    if let metrics = run.results[benchmark.task] {
      return (metrics, metrics.keys.filter { !$0.contains("stderr") }.sorted(), 0)
    }
    guard let prefix = benchmark.subtaskPrefix else { return nil }
    let subtasks = run.results.keys.filter {
      $0.hasPrefix(prefix) && !benchmark.groupSubtasks.contains($0)
    }.sorted()
    guard !subtasks.isEmpty else { return nil }
    var means: [String: Double] = [:]
    for metric in benchmark.metrics {
      let values = subtasks.compactMap { run.results[$0]?[metric] }
      if values.count == subtasks.count {
        means[metric] = values.reduce(0, +) / Double(values.count)
      }
    }
    let found = Set(subtasks.flatMap { Array(run.results[$0]?.keys ?? [:].keys) })
    return (means, found.filter { !$0.contains("stderr") }.sorted(), subtasks.count)
  }

  /// The first of the benchmark's metrics that `metrics` has, with its value.
  private static func read(_ benchmark: PaperBenchmark, _ metrics: [String: Double]) -> (
    String, Double
  )? {
    for metric in benchmark.metrics {
      if let value = metrics[metric], !value.isNaN { return (metric, value) }
    }
    return nil
  }

  /// The few-shot count of the benchmark's task in `run`, or the one count its subtasks share.
  private static func shots(of benchmark: PaperBenchmark, in run: HarnessRun) -> Int? {
    if let shots = run.shots[benchmark.task] { return shots }
    guard let prefix = benchmark.subtaskPrefix else { return nil }
    let counts = Set(
      run.shots.filter { $0.key.hasPrefix(prefix) && !benchmark.groupSubtasks.contains($0.key) }
        .map(\.value))
    return counts.count == 1 ? counts.first : nil
  }
}

extension ExternalFinding: CustomStringConvertible {
  /// The finding in words, models elided after six.
  public var description: String {
    switch self {
    case .columnMissing(let column, let source):
      return
        "\(column): not in \(source); left empty, for the fit's own imputer to fill (an imputed value, not a measurement)"
    case .cellsMissing(let column, let models):
      return "\(column): missing for \(Self.elide(models)); left empty"
    case .shotsDiffer(let column, let task, let shots, let expected, let models):
      return
        "warning: \(column) (\(task)) was run \(shots)-shot, the protocol \(expected)-shot, for \(Self.elide(models)): the score is not comparable with the paper's"
    case .shotsUnchecked(let column, let task, let shots):
      return
        "\(column) (\(task)): run \(shots.map(String.init).joined(separator: ", "))-shot; the paper's setting for it is not recorded here, so it is unchecked"
    case .metricDiffers(let column, let task, let used, let expected, let models):
      return
        "warning: \(column) (\(task)) has no '\(expected)' for \(Self.elide(models)); '\(used)' is used instead"
    case .metricAbsent(let column, let task, let found, let models):
      return
        "warning: \(column) (\(task)) has none of the metrics it is read from for \(Self.elide(models)) (it has \(found.isEmpty ? "none" : found.joined(separator: ", "))); left empty"
    case .subtasksAveraged(let column, let task, let subtasks, let models):
      return
        "\(column): no '\(task)' row, so the unweighted mean of its \(subtasks) subtasks stands for it, for \(Self.elide(models))"
    case .runsMerged(let model, let files, let repeated):
      return
        "\(model): \(files) files merged"
        + (repeated.isEmpty
          ? ""
          : "; \(repeated.joined(separator: ", ")) appear in more than one, the later file kept")
    case .duplicateRows(let model, let kept, let dropped):
      return
        "\(model) is listed more than once: line \(kept) kept, line\(dropped.count == 1 ? "" : "s") \(dropped.map(String.init).joined(separator: ", ")) left out"
    }
  }

  /// The first six names and how many more.
  static func elide(_ names: [String]) -> String {
    let shown = names.prefix(6).joined(separator: ", ")
    return names.count > 6 ? shown + " and \(names.count - 6) more" : shown
  }
}
