/// A benchmark column, and where lm-evaluation-harness results and leaderboard tables keep it.
///
/// The paper's base table follows the Open LLM Leaderboard v1 protocol (its data README), whose
/// settings are documented with the archived leaderboard (huggingface/leaderboards,
/// `docs/source/en/open_llm_leaderboard/archive.md`): ARC 25-shot `acc_norm`, HellaSwag
/// 10-shot `acc_norm`, MMLU 5-shot `acc` (the unweighted mean over its 57 subjects),
/// TruthfulQA 0-shot `mc2`, Winogrande 5-shot `acc`, GSM8K 5-shot `acc` (strict exact match).
/// XWinograd (through the same harness) and HumanEval (EvalPlus pass@1) have no setting
/// recorded there, so their few-shot counts are not checked.
public struct PaperBenchmark: Equatable, Sendable {
  /// The column, e.g. `ARC-C`.
  public var column: String
  /// The lm-evaluation-harness (v0.4) task holding it.
  public var task: String
  /// The subtasks by name whose unweighted mean is the benchmark (MMLU's 57 subjects).
  public var subtasks: [String]
  /// Whether the subtasks' mean is read before the task's own row (MMLU, whose group row the
  /// harness weights by question count) or only when the row is absent (XWinograd).
  public var subtasksFirst: Bool
  /// The harness's metric keys (`metric,filter`), the protocol's first.
  public var metrics: [String]
  /// The protocol's few-shot count, if one is recorded.
  public var shots: Int?
  /// The column's name in a leaderboard table (lower case, before any parenthesis).
  public var leaderboardName: String?

  /// MMLU's 57 subjects (Hendrycks et al., 2021), as the harness names them after `mmlu_`
  /// (v0.4) or `hendrycksTest-` (v0.3).
  public static let mmluSubjects: [String] = [
    "abstract_algebra", "anatomy", "astronomy", "business_ethics", "clinical_knowledge",
    "college_biology", "college_chemistry", "college_computer_science", "college_mathematics",
    "college_medicine", "college_physics", "computer_security", "conceptual_physics",
    "econometrics", "electrical_engineering", "elementary_mathematics", "formal_logic",
    "global_facts", "high_school_biology", "high_school_chemistry",
    "high_school_computer_science", "high_school_european_history", "high_school_geography",
    "high_school_government_and_politics", "high_school_macroeconomics",
    "high_school_mathematics", "high_school_microeconomics", "high_school_physics",
    "high_school_psychology", "high_school_statistics", "high_school_us_history",
    "high_school_world_history", "human_aging", "human_sexuality", "international_law",
    "jurisprudence", "logical_fallacies", "machine_learning", "management", "marketing",
    "medical_genetics", "miscellaneous", "moral_disputes", "moral_scenarios", "nutrition",
    "philosophy", "prehistory", "professional_accounting", "professional_law",
    "professional_medicine", "professional_psychology", "public_relations",
    "security_studies", "sociology", "us_foreign_policy", "virology", "world_religions",
  ]

  /// The eight columns in the paper's order.
  public static let all: [PaperBenchmark] = [
    PaperBenchmark(
      column: "MMLU", task: "mmlu", subtasks: mmluSubjects.map { "mmlu_" + $0 },
      subtasksFirst: true, metrics: ["acc,none"], shots: 5, leaderboardName: "mmlu"),
    PaperBenchmark(
      column: "ARC-C", task: "arc_challenge", subtasks: [], subtasksFirst: false,
      metrics: ["acc_norm,none", "acc,none"], shots: 25, leaderboardName: "arc"),
    PaperBenchmark(
      column: "HellaSwag", task: "hellaswag", subtasks: [], subtasksFirst: false,
      metrics: ["acc_norm,none", "acc,none"], shots: 10, leaderboardName: "hellaswag"),
    PaperBenchmark(
      column: "Winograd", task: "winogrande", subtasks: [], subtasksFirst: false,
      metrics: ["acc,none"], shots: 5, leaderboardName: "winogrande"),
    PaperBenchmark(
      column: "TruthfulQA", task: "truthfulqa_mc2", subtasks: [], subtasksFirst: false,
      metrics: ["acc,none"], shots: 0, leaderboardName: "truthfulqa"),
    PaperBenchmark(
      column: "GSM8K", task: "gsm8k", subtasks: [], subtasksFirst: false,
      metrics: ["exact_match,strict-match", "exact_match,flexible-extract"], shots: 5,
      leaderboardName: "gsm8k"),
    PaperBenchmark(
      column: "XWinograd", task: "xwinograd",
      subtasks: ["en", "fr", "jp", "pt", "ru", "zh"].map { "xwinograd_" + $0 },
      subtasksFirst: false, metrics: ["acc,none"], shots: nil, leaderboardName: nil),
    PaperBenchmark(
      column: "HumanEval", task: "humaneval", subtasks: [], subtasksFirst: false,
      metrics: ["pass@1,create_test", "pass_at_1,none"], shots: nil, leaderboardName: nil),
  ]

  /// The Open LLM Leaderboard v2 benchmarks, read from the harness's `leaderboard_*` group
  /// rows on their raw [0, 1] scale, in the columns and metrics of the paper's own v2 table
  /// (`base_llm_leaderboard_v2_eval.csv`): BBH, GPQA and MuSR `acc_norm`, IFEval
  /// instruction-level strict accuracy, MATH Lvl 5 exact match, MMLU-PRO `acc`. The few-shot
  /// counts are the leaderboard's (huggingface/leaderboards, `docs/source/en/
  /// open_llm_leaderboard/about.md`). The leaderboard's own 0–100 figures subtract each
  /// subtask's chance level first (its `normalization.md`); these columns do not.
  public static let leaderboardV2: [PaperBenchmark] = [
    ("leaderboard_bbh", "acc_norm,none", 3), ("leaderboard_gpqa", "acc_norm,none", 0),
    ("leaderboard_ifeval", "inst_level_strict_acc,none", 0),
    ("leaderboard_math_hard", "exact_match,none", 4), ("leaderboard_mmlu_pro", "acc,none", 5),
    ("leaderboard_musr", "acc_norm,none", 0),
  ].map { task, metric, shots in
    PaperBenchmark(
      column: task, task: task, subtasks: [], subtasksFirst: false, metrics: [metric],
      shots: shots, leaderboardName: nil)
  }
}

/// Which lm-evaluation-harness layout a results file has.
public enum HarnessLayout: String, Equatable, Sendable {
  /// v0.3 and earlier (2023 to early 2024): metrics `acc`, `acc_norm`, `mc2` without a filter,
  /// MMLU as `hendrycksTest-<subject>`, TruthfulQA as `truthfulqa_mc`, one few-shot count for
  /// the run (`config.num_fewshot`).
  case v03 = "v0.3"
  /// v0.4 and later: `metric,filter` keys, `mmlu_<subject>`, groups, `n-shot` per task.
  case v04 = "v0.4"
}

/// One lm-evaluation-harness results file, as its JSON says: the model run, and each task's
/// metrics and few-shot count in the v0.4 naming.
public struct HarnessRun: Equatable, Sendable {
  /// The run's model id: `pretrained=…`, with the arguments that change the model after it
  /// (see `ExternalResults.runID`).
  public var model: String
  /// Where the run was read from, for findings.
  public var source: String
  /// Each task's (and group's) metrics by their `metric,filter` key.
  public var results: [String: [String: Double]]
  /// Each task's few-shot count, where the file records it.
  public var shots: [String: Int]
  /// The layout the file was written in.
  public var layout: HarnessLayout

  /// Creates a run whose results are in the v0.4 naming.
  public init(
    model: String, source: String, results: [String: [String: Double]], shots: [String: Int],
    layout: HarnessLayout = .v04
  ) {
    self.model = model
    self.source = source
    self.results = results
    self.shots = shots
    self.layout = layout
  }

  /// A run read from a v0.3 file: its tasks and metrics renamed to v0.4's
  /// (`hendrycksTest-x` → `mmlu_x`; `truthfulqa_mc`'s `mc2` → `truthfulqa_mc2` `acc,none` and
  /// `mc1` → `truthfulqa_mc1`; GSM8K's `acc`, the exact match of the answer after `####`, →
  /// `exact_match,strict-match`; every other metric `m` → `m,none`), and the run's one
  /// few-shot count given to each task.
  public init(
    v03 model: String, source: String, results: [String: [String: Double]], shots: Int?
  ) {
    var renamed: [String: [String: Double]] = [:]
    for (task, metrics) in results {
      if task == "truthfulqa_mc" {
        for (metric, target) in [("mc1", "truthfulqa_mc1"), ("mc2", "truthfulqa_mc2")] {
          if let value = metrics[metric] { renamed[target] = ["acc,none": value] }
        }
        continue
      }
      let name =
        task.hasPrefix("hendrycksTest-")
        ? "mmlu_" + task.dropFirst("hendrycksTest-".count) : task
      var keyed: [String: Double] = [:]
      for (metric, value) in metrics {
        keyed[name == "gsm8k" && metric == "acc" ? "exact_match,strict-match" : metric + ",none"] =
          value
      }
      renamed[name] = keyed
    }
    var counts: [String: Int] = [:]
    if let shots { for task in renamed.keys { counts[task] = shots } }
    self.init(model: model, source: source, results: renamed, shots: counts, layout: .v03)
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
  /// The task's own row is absent; the unweighted mean of its named subtasks stands for it.
  case subtasksAveraged(column: String, task: String, subtasks: Int, models: [String])
  /// The subtasks are absent (or incomplete); the task's own row, which the harness weights
  /// by question count, stands for their unweighted mean.
  case groupRowUsed(column: String, task: String, subtasks: Int, expected: Int, models: [String])
  /// Only some of the subtasks are there and no group row: the column is left empty.
  case subtasksIncomplete(column: String, found: Int, expected: Int, models: [String])
  /// The subtasks ran with different few-shot counts.
  case subtaskShotsVary(column: String, shots: [Int], models: [String])
  /// Files were read in a layout other than v0.4.
  case layoutRead(layout: String, files: Int)
  /// Several files hold runs of one model: their values are merged, none erased by a file
  /// lacking it.
  case runsMerged(model: String, files: Int)
  /// Two files hold a value of one model's column: which one was kept and why.
  case valuesDiffer(
    model: String, column: String, kept: String, keptValue: Double, keptShots: Int?,
    other: String, otherValue: Double, otherShots: Int?, reason: String)
  /// Tasks in the files that no column reads.
  case tasksNotRead(count: Int, examples: [String])
  /// A leaderboard table lists a model more than once; the first row is kept.
  case duplicateRows(model: String, kept: Int, dropped: [Int])
}

/// The result of reading another tool's results: the table in the paper's columns and scale,
/// and what was found on the way.
public struct ExternalTable: Equatable, Sendable {
  /// One row per model run: `Model`, `Model Family` when one was given, `Model Size (B)` when
  /// known, then the paper's eight benchmark columns in [0, 1] (empty where unknown), the
  /// Open LLM Leaderboard v2 columns any run has, and with every task read, each task's
  /// metrics.
  public var table: ScoreTable
  /// What the reader should know, in the order found.
  public var findings: [ExternalFinding]
}

/// Readers of lm-evaluation-harness results and leaderboard tables into the paper's columns.
public enum ExternalResults {
  /// The most runs (files) read into one table: a bound independent of the input.
  public static let maximumRuns = 10_000
  /// The most columns `tasks = all` makes: a bound independent of the input.
  public static let maximumTaskColumns = 5_000

  /// Model arguments of a harness run that do not change the model: how it is loaded, batched,
  /// placed and at which floating-point precision it computes (`dtype`). Every other argument
  /// (`revision`, `peft`, `delta`, quantization such as `load_in_4bit` or `gptq`, a
  /// `tokenizer`, …) makes a run of another model, with its own row.
  public static let settingArguments: Set<String> = [
    "dtype", "batch_size", "max_batch_size", "device", "device_map", "parallelize",
    "trust_remote_code",
    "use_accelerate", "low_cpu_mem_usage", "offload_folder", "max_memory_per_gpu",
    "max_cpu_memory", "gpu_memory_utilization", "tensor_parallel_size", "data_parallel_size",
    "enforce_eager", "use_fast_tokenizer", "cache_dir", "max_length", "max_model_len",
    "seed", "swap_space",
  ]

  /// The id of a run of `pretrained` with these model arguments: the id, then `@revision`
  /// (unless `main`), then `+name=value` for each other argument that changes the model, in
  /// name order: `EleutherAI/pythia-1b@step1000`, `meta-llama/Llama-2-7b-hf+peft=org/lora`.
  public static func runID(pretrained: String, arguments: [(String, String)]) -> String {
    var id = pretrained
    var others: [(String, String)] = []
    for (name, value) in arguments where name != "pretrained" {
      guard !settingArguments.contains(name), !value.isEmpty else { continue }
      if name == "revision" {
        if value != "main" { id += "@" + value }
      } else {
        others.append((name, value))
      }
    }
    for (name, value) in others.sorted(by: { $0.0 < $1.0 }) { id += "+\(name)=\(value)" }
    return id
  }

  /// One benchmark's value in one run, and how it was read.
  struct Cell {
    var value: Double
    var metric: String
    var shots: Int?
    var subtasksAveraged: Int
    var groupRow: (found: Int, expected: Int)?
    var run: Int
    var shotsVary: [Int] = []
  }

  /// The table of `runs`, one row per model run (runs with one id merged value by value,
  /// never erasing a value with a missing one), each column read from its harness task and
  /// metric; with `allTasks`, every task's metrics as columns of their own too.
  ///
  /// - Throws: `.noRowsLeft` without runs; `.harnessValueNotFinite` for a metric read that is
  ///   NaN or infinite; `.scoreOutOfRange` for one outside [0, 1]; `.harnessNoBenchmarks` when
  ///   no run holds any benchmark read (and not every task is read).
  public static func table(harness runs: [HarnessRun], family: String?, allTasks: Bool = false)
    throws -> ExternalTable
  {
    guard !runs.isEmpty else {
      throw ScalingLawsError.noRowsLeft(operation: "reading harness results")
    }
    guard runs.count <= maximumRuns else {
      throw ScalingLawsError.tooManyRuns(count: runs.count, limit: maximumRuns)
    }
    var findings: [ExternalFinding] = []
    let older = runs.filter { $0.layout == .v03 }.count
    if older > 0 { findings.append(.layoutRead(layout: HarnessLayout.v03.rawValue, files: older)) }
    // Rows: one per model id, in order of first appearance.
    var order: [String] = []
    var runsOf: [String: [Int]] = [:]
    for (index, run) in runs.enumerated() {
      if runsOf[run.model] == nil { order.append(run.model) }
      runsOf[run.model, default: []].append(index)
    }
    for model in order where (runsOf[model]?.count ?? 0) > 1 {
      findings.append(.runsMerged(model: model, files: runsOf[model]?.count ?? 0))
    }
    var columns: [ScoreColumn] = [.text(ScoreTable.modelColumn, order)]
    if let family { columns.append(.text(ScoreTable.familyColumn, order.map { _ in family })) }
    var consumed: Set<String> = []
    var anyRead = false
    let v2Present = PaperBenchmark.leaderboardV2.filter { benchmark in
      runs.contains { $0.results[benchmark.task] != nil }
    }
    for benchmark in PaperBenchmark.all + v2Present {
      let isV2 = benchmark.task.hasPrefix("leaderboard_")
      var values = [Double](repeating: .nan, count: order.count)
      var chosen: [Cell?] = []
      var absent: [[String]: [String]] = [:]
      var incomplete: [Int: [String]] = [:]
      for (row, model) in order.enumerated() {
        var cells: [Cell] = []
        for index in runsOf[model] ?? [] {
          let run = runs[index]
          consumed.insert(benchmark.task)
          consumed.formUnion(benchmark.subtasks)
          switch try read(benchmark, in: run, index: index) {
          case .value(let cell): cells.append(cell)
          case .noMetric(let found): absent[found, default: []].append(model)
          case .incomplete(let found): incomplete[found, default: []].append(model)
          case .none: break
          }
        }
        guard let cell = choose(cells, benchmark: benchmark, model: model, runs: runs, &findings)
        else {
          chosen.append(nil)
          continue
        }
        guard (0...1).contains(cell.value) else {
          throw ScalingLawsError.scoreOutOfRange(
            column: benchmark.column, model: model, value: cell.value, limit: 0...1)
        }
        values[row] = cell.value
        chosen.append(cell)
        anyRead = true
      }
      columns.append(.numbers(benchmark.column, values))
      findings += describe(
        benchmark, chosen: chosen, models: order, absent: absent, incomplete: incomplete,
        reportMissing: !isV2)
    }
    // Group rows of the benchmarks read, and the v2 benchmarks' subtasks, are read with them.
    if !v2Present.isEmpty { consumed.insert("leaderboard") }
    for run in runs {
      for task in run.results.keys
      where task.hasPrefix("mmlu_") && PaperBenchmark.mmluGroups.contains(task)
        || v2Present.contains(where: { task.hasPrefix($0.task + "_") })
      {
        consumed.insert(task)
      }
    }
    let others = Set(runs.flatMap { $0.results.keys }).subtracting(consumed).sorted()
    if allTasks {
      columns += try taskColumns(runs: runs, rows: order, runsOf: runsOf)
    } else {
      guard anyRead else {
        throw ScalingLawsError.harnessNoBenchmarks(sources: runs.map(\.source), tasks: others)
      }
      if !others.isEmpty {
        findings.append(.tasksNotRead(count: others.count, examples: Array(others.prefix(6))))
      }
    }
    return ExternalTable(
      table: try ScoreTable(columns: columns, provenance: "lm-evaluation-harness results"),
      findings: findings)
  }

  /// What one run holds of one benchmark.
  enum Reading {
    case value(Cell)
    case noMetric([String])
    case incomplete(Int)
    case none
  }

  /// Reads `benchmark` from `run`: the named subtasks' unweighted mean or the task's own row,
  /// in the benchmark's order of preference.
  static func read(_ benchmark: PaperBenchmark, in run: HarnessRun, index: Int) throws -> Reading {
    let present = benchmark.subtasks.filter { run.results[$0] != nil }
    let complete = !benchmark.subtasks.isEmpty && present.count == benchmark.subtasks.count
    func fromRow() throws -> Reading? {
      guard let metrics = run.results[benchmark.task] else { return nil }
      guard let (metric, value) = try first(benchmark, of: metrics, task: benchmark.task, run)
      else { return .noMetric(metrics.keys.filter { !$0.contains("stderr") }.sorted()) }
      var cell = Cell(
        value: value, metric: metric, shots: shots(of: benchmark, in: run), subtasksAveraged: 0,
        run: index)
      if benchmark.subtasksFirst { cell.groupRow = (present.count, benchmark.subtasks.count) }
      return .value(cell)
    }
    func fromSubtasks() throws -> Reading? {
      guard complete else { return nil }
      for metric in benchmark.metrics {
        var sum = 0.0
        var all = true
        for task in benchmark.subtasks {
          guard let value = run.results[task]?[metric] else {
            all = false
            break
          }
          guard value.isFinite else {
            throw ScalingLawsError.harnessValueNotFinite(
              source: run.source, task: task, metric: metric, value: value)
          }
          sum += value
        }
        if all {
          let counts = Set(benchmark.subtasks.compactMap { run.shots[$0] })
          return .value(
            Cell(
              value: sum / Double(benchmark.subtasks.count), metric: metric,
              shots: subtaskShots(benchmark, in: run),
              subtasksAveraged: benchmark.subtasksFirst ? 0 : benchmark.subtasks.count,
              run: index, shotsVary: counts.count > 1 ? counts.sorted() : []))
        }
      }
      let found = Set(benchmark.subtasks.flatMap { Array(run.results[$0]?.keys ?? [:].keys) })
      return .noMetric(found.filter { !$0.contains("stderr") }.sorted())
    }
    let reading =
      benchmark.subtasksFirst
      ? try fromSubtasks() ?? fromRow() : try fromRow() ?? fromSubtasks()
    if let reading { return reading }
    return present.isEmpty ? .none : .incomplete(present.count)
  }

  /// The first of the benchmark's metrics that `metrics` has, with its value.
  ///
  /// - Throws: `.harnessValueNotFinite` when that value is NaN or infinite.
  static func first(
    _ benchmark: PaperBenchmark, of metrics: [String: Double], task: String, _ run: HarnessRun
  ) throws -> (String, Double)? {
    for metric in benchmark.metrics {
      guard let value = metrics[metric] else { continue }
      guard value.isFinite else {
        throw ScalingLawsError.harnessValueNotFinite(
          source: run.source, task: task, metric: metric, value: value)
      }
      return (metric, value)
    }
    return nil
  }

  /// One cell of several runs of one model: the one read with the protocol's metric and run
  /// with its few-shot count, else with its metric, else with its count, else the last; of
  /// equals, the last. A note names both files and values where another one differs.
  static func choose(
    _ cells: [Cell], benchmark: PaperBenchmark, model: String, runs: [HarnessRun],
    _ findings: inout [ExternalFinding]
  ) -> Cell? {
    guard !cells.isEmpty else { return nil }
    func rank(_ cell: Cell) -> Int {
      (cell.metric == benchmark.metrics[0] ? 2 : 0) + (cell.shots == benchmark.shots ? 1 : 0)
    }
    let best = cells.map(rank).max() ?? 0
    guard let kept = cells.last(where: { rank($0) == best }) else { return nil }
    for cell in cells where cell.run != kept.run && cell.value != kept.value {
      var reasons: [String] = []
      if rank(kept) & 2 > rank(cell) & 2 { reasons.append("read with the protocol's metric") }
      if rank(kept) & 1 > rank(cell) & 1, let shots = benchmark.shots {
        reasons.append("run \(shots)-shot as the protocol")
      }
      findings.append(
        .valuesDiffer(
          model: model, column: benchmark.column, kept: runs[kept.run].source,
          keptValue: kept.value, keptShots: kept.shots, other: runs[cell.run].source,
          otherValue: cell.value, otherShots: cell.shots,
          reason: reasons.isEmpty
            ? (kept.run > cell.run ? "the later file" : "the protocol's setting")
            : reasons.joined(separator: " and ")))
    }
    return kept
  }

  /// The findings on one column's cells.
  static func describe(
    _ benchmark: PaperBenchmark, chosen: [Cell?], models: [String], absent: [[String]: [String]],
    incomplete: [Int: [String]], reportMissing: Bool
  ) -> [ExternalFinding] {
    var findings: [ExternalFinding] = []
    var lacking: [String] = []
    var fallbacks: [String: [String]] = [:]
    var averaged: [Int: [String]] = [:]
    var groupRows: [Int: [String]] = [:]
    var shotsSeen: [Int: [String]] = [:]
    var vary: [[Int]: [String]] = [:]
    for (model, cell) in zip(models, chosen) {
      guard let cell else {
        lacking.append(model)
        continue
      }
      if cell.metric != benchmark.metrics[0] { fallbacks[cell.metric, default: []].append(model) }
      if cell.subtasksAveraged > 0 { averaged[cell.subtasksAveraged, default: []].append(model) }
      if let (found, _) = cell.groupRow { groupRows[found, default: []].append(model) }
      if let shots = cell.shots { shotsSeen[shots, default: []].append(model) }
      if !cell.shotsVary.isEmpty { vary[cell.shotsVary, default: []].append(model) }
    }
    for (counts, names) in vary.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
      findings.append(.subtaskShotsVary(column: benchmark.column, shots: counts, models: names))
    }
    // Models whose cell a finding below explains are not listed again as merely missing.
    let explained = Set(absent.values.joined()).union(incomplete.values.joined())
    let unexplained = lacking.filter { !explained.contains($0) }
    if reportMissing {
      if lacking.count == models.count, unexplained.count == lacking.count {
        findings.append(.columnMissing(column: benchmark.column, source: "harness results"))
      } else if !unexplained.isEmpty {
        findings.append(.cellsMissing(column: benchmark.column, models: unexplained))
      }
    }
    for (metric, names) in fallbacks.sorted(by: { $0.key < $1.key }) {
      findings.append(
        .metricDiffers(
          column: benchmark.column, task: benchmark.task, used: metric,
          expected: benchmark.metrics[0], models: names))
    }
    for (found, names) in absent.sorted(by: { $0.key.joined() < $1.key.joined() }) {
      let stillLacking = names.filter(lacking.contains)
      guard !stillLacking.isEmpty else { continue }
      findings.append(
        .metricAbsent(
          column: benchmark.column, task: benchmark.task, found: found, models: stillLacking))
    }
    for (found, names) in incomplete.sorted(by: { $0.key < $1.key }) {
      let stillLacking = names.filter(lacking.contains)
      guard !stillLacking.isEmpty else { continue }
      findings.append(
        .subtasksIncomplete(
          column: benchmark.column, found: found, expected: benchmark.subtasks.count,
          models: stillLacking))
    }
    for (count, names) in averaged.sorted(by: { $0.key < $1.key }) {
      findings.append(
        .subtasksAveraged(
          column: benchmark.column, task: benchmark.task, subtasks: count, models: names))
    }
    for (found, names) in groupRows.sorted(by: { $0.key < $1.key }) {
      findings.append(
        .groupRowUsed(
          column: benchmark.column, task: benchmark.task, subtasks: found,
          expected: benchmark.subtasks.count, models: names))
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
    return findings
  }

  /// The few-shot count of the benchmark's own row in `run`. A group row's count is the one
  /// its subtasks share where they share one: harness 0.4.0–0.4.2 record 0 for a group such as
  /// `mmlu` whose subjects all ran 5-shot.
  static func shots(of benchmark: PaperBenchmark, in run: HarnessRun) -> Int? {
    if let shared = subtaskShots(benchmark, in: run) { return shared }
    if let shots = run.shots[benchmark.task] {
      if shots == 0, let expected = benchmark.shots, expected > 0 {
        // A v2 group's subtasks are named after it.
        let counts = Set(
          run.shots.filter { $0.key.hasPrefix(benchmark.task + "_") }.map(\.value))
        if counts.count == 1, let shared = counts.first { return shared }
      }
      return shots
    }
    return nil
  }

  /// The one few-shot count the benchmark's named subtasks share in `run`, if they share one.
  static func subtaskShots(_ benchmark: PaperBenchmark, in run: HarnessRun) -> Int? {
    let counts = Set(benchmark.subtasks.compactMap { run.shots[$0] })
    return counts.count == 1 ? counts.first : nil
  }

  /// Every task's metrics as columns named `<task>_<metric>[_<filter>]` (a filter of `none`
  /// left out, other characters than letters, digits and `_` as `_`), later runs of a model
  /// winning where both have a value.
  static func taskColumns(runs: [HarnessRun], rows: [String], runsOf: [String: [Int]]) throws
    -> [ScoreColumn]
  {
    var names: [String: String] = [:]
    var keys: [(task: String, metric: String)] = []
    for run in runs {
      for task in run.results.keys.sorted() {
        for metric in (run.results[task] ?? [:]).keys.sorted() where !metric.contains("stderr") {
          let key = task + "\u{1F}" + metric
          guard names[key] == nil else { continue }
          let parts = metric.split(separator: ",", maxSplits: 1).map(String.init)
          let suffix = parts.count == 2 && parts[1] != "none" ? "_" + parts[1] : ""
          let raw = task + "_" + parts[0] + suffix
          names[key] = String(raw.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
          keys.append((task, metric))
        }
      }
    }
    guard keys.count <= maximumTaskColumns else {
      throw ScalingLawsError.tooManyRuns(count: keys.count, limit: maximumTaskColumns)
    }
    keys.sort { ($0.task, $0.metric) < ($1.task, $1.metric) }
    var seen: Set<String> = Set(PaperBenchmark.all.map(\.column))
    seen.formUnion(PaperBenchmark.leaderboardV2.map(\.column))
    var columns: [ScoreColumn] = []
    for (task, metric) in keys {
      var name = names[task + "\u{1F}" + metric] ?? task
      while seen.contains(name) { name += "_" }
      seen.insert(name)
      let values = rows.map { model -> Double in
        for index in (runsOf[model] ?? []).reversed() {
          if let value = runs[index].results[task]?[metric] { return value.isFinite ? value : .nan }
        }
        return .nan
      }
      columns.append(.numbers(name, values))
    }
    return columns
  }
}

extension PaperBenchmark {
  /// MMLU's category group rows (v0.4), read neither as subjects nor as tasks of their own.
  static let mmluGroups: Set<String> = [
    "mmlu_humanities", "mmlu_other", "mmlu_social_sciences", "mmlu_stem",
  ]
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
    case .groupRowUsed(let column, let task, let subtasks, let expected, let models):
      return
        "warning: \(column): \(subtasks == 0 ? "no subject rows" : "only \(subtasks) of the \(expected) subject rows"), so the harness's '\(task)' row (weighted by question count, not the protocol's unweighted mean of \(expected) subjects; it runs about 0.01 lower) stands for it, for \(Self.elide(models))"
    case .subtasksIncomplete(let column, let found, let expected, let models):
      return
        "warning: \(column): only \(found) of its \(expected) subtasks and no group row, for \(Self.elide(models)); left empty (a mean of some subjects is another benchmark)"
    case .subtaskShotsVary(let column, let shots, let models):
      return
        "warning: \(column): its subtasks ran \(shots.map(String.init).joined(separator: ", "))-shot, for \(Self.elide(models))"
    case .layoutRead(let layout, let files):
      return
        "\(files) file\(files == 1 ? "" : "s") in the harness's \(layout) layout (hendrycksTest-*, truthfulqa_mc mc2, one few-shot count per run) read into the v0.4 names"
    case .runsMerged(let model, let files):
      return "\(model): \(files) files merged, value by value (none erased by a file lacking it)"
    case .valuesDiffer(
      let model, let column, let kept, let keptValue, let keptShots, let other, let otherValue,
      let otherShots, let reason):
      func shots(_ count: Int?) -> String { count.map { " (\($0)-shot)" } ?? "" }
      func number(_ value: Double) -> String { formatNumber((value * 1e6).rounded() / 1e6) }
      return
        "\(model): \(column) is \(number(keptValue)) in \(kept)\(shots(keptShots)) and \(number(otherValue)) in \(other)\(shots(otherShots)); kept \(number(keptValue)), \(reason)"
    case .tasksNotRead(let count, let examples):
      return
        "\(count) other task\(count == 1 ? "" : "s") not read (\(examples.joined(separator: ", "))\(count > examples.count ? ", …" : "")); load with tasks = all to keep every task's metrics as columns"
    case .duplicateRows(let model, let kept, let dropped):
      return
        "\(model) is listed more than once: line \(kept) kept, line\(dropped.count == 1 ? "" : "s") \(dropped.map(String.init).joined(separator: ", ")) left out"
    }
  }

  /// The first six names and how many more.
  static func elide(_ names: [String]) -> String {
    let shown = names.prefix(6).map(\.visibleInline).joined(separator: ", ")
    return names.count > 6 ? shown + " and \(names.count - 6) more" : shown
  }
}
