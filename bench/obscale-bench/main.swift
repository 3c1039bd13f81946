// Times the engine's full pipeline: on the paper's data (through OBSCALE_PATH) and on a
// generated table of 100 000 models × 32 benchmarks. Prints a Markdown table of medians
// with min and max; docs/BENCHMARKS.md records the results and the command (`make bench`).
import Foundation
import ScalingLaws

/// Returns the wall-clock seconds `body` takes.
func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Runs `body` `runs` times and returns (median, min, max) in seconds.
func measure(runs: Int, _ body: () throws -> Void) rethrows -> (Double, Double, Double) {
  var times: [Double] = []
  for _ in 0..<runs { times.append(try seconds(body)) }
  times.sort()
  return (times[times.count / 2], times[0], times[times.count - 1])
}

/// Formats seconds as ms with three significant digits.
func ms(_ value: Double) -> String { String(format: "%.3g ms", value * 1000) }

/// Reads a CSV of the paper from the first OBSCALE_PATH folder that has it.
func paperCSV(_ name: String) -> [UInt8]? {
  for folder in (ProcessInfo.processInfo.environment["OBSCALE_PATH"] ?? "").split(separator: ":") {
    if let data = FileManager.default.contents(atPath: "\(folder)/\(name)") { return [UInt8](data) }
  }
  return nil
}

/// A generated table: rank-3 scores plus noise, 1% of cells missing, and a sigmoid target.
func generatedTable(models: Int, benchmarks: Int, seed: UInt64) throws -> ScoreTable {
  var generator = SplitMix64(seed: seed)
  let loadings = (0..<benchmarks).map { _ in (0..<3).map { _ in 0.02 + 0.06 * generator.nextUnit() }
  }
  var columns = [[Double]](repeating: [Double](repeating: 0, count: models), count: benchmarks)
  var flops = [Double](repeating: 0, count: models)
  var target = [Double](repeating: 0, count: models)
  for i in 0..<models {
    let logC = -1 + 5 * generator.nextUnit()
    flops[i] = pow(10, logC)
    let z = [
      logC - 1.5 + 0.3 * generator.nextGaussian(), 0.5 * generator.nextGaussian(),
      0.5 * generator.nextGaussian(),
    ]
    for t in 0..<benchmarks {
      var value = 0.5 + 0.003 * generator.nextGaussian()
      for c in 0..<3 { value += loadings[t][c] * z[c] }
      columns[t][i] = generator.nextUnit() < 0.01 ? .nan : min(max(value, 0), 1)
    }
    target[i] =
      0.9 / (1 + exp(-(-1 + 1.5 * z[0] + 0.5 * z[1]))) + 0.1 + 0.01 * generator.nextGaussian()
  }
  var table: [ScoreColumn] = [
    .text(ScoreTable.modelColumn, (0..<models).map { "gen/model-\($0)" }),
    .text(ScoreTable.familyColumn, (0..<models).map { "F\($0 % 50)" }),
    .numbers(ScoreTable.flopsColumn, flops), .numbers("target", target),
  ]
  for t in 0..<benchmarks { table.append(.numbers("B\(t)", columns[t])) }
  return try ScoreTable(columns: table, provenance: "generated benchmark table")
}

/// With --json: the pipelines that bench/compare.py sets beside the Python ones, as JSON.
/// The family-aware forecast as `forecast` fits it (guessing floors where known), with the
/// settings FORECAST_SKILLS=k, FORECAST_PRIOR=ρ and FORECAST_FLOORS=fitted change for the
/// ablations of docs/ENGINE.md.
func forecastFit(_ table: ScoreTable, rows: [Int]?, benchmarks: [String]) throws -> FamilyForecast {
  let env = ProcessInfo.processInfo.environment
  return try FamilyForecast.fit(
    table, rows: rows, benchmarks: benchmarks,
    prior: Double(env["FORECAST_PRIOR"] ?? "") ?? FamilyForecast.defaultPrior,
    skills: Int(env["FORECAST_SKILLS"] ?? "") ?? FamilyForecast.defaultSkills,
    chance: env["FORECAST_FLOORS"] == "fitted" ? [:] : ChanceLevel.known(for: benchmarks))
}

let jsonMode = CommandLine.arguments.contains("--json")

/// The peak resident memory of this process so far, in KiB (getrusage's ru_maxrss).
func peakKiB() -> Int {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return usage.ru_maxrss
}

// --one N RUNS (a child of --scale): time the pipeline on a generated N × 32 table in a fresh
// process, so that its peak memory is its own; print one JSON object.
if let index = CommandLine.arguments.firstIndex(of: "--one"),
  CommandLine.arguments.count > index + 2,
  let models = Int(CommandLine.arguments[index + 1]),
  let runs = Int(CommandLine.arguments[index + 2])
{
  let table = try generatedTable(models: models, benchmarks: 32, seed: 7)
  let benchmarks = (0..<32).map { "B\($0)" }
  let columns = try benchmarks.map { try table.numbers($0) }
  // The floor: reading every benchmark cell once from memory.
  var floor: [Double] = []
  var sink = 0.0
  for _ in 0..<runs {
    floor.append(
      seconds { for column in columns { for value in column where !value.isNaN { sink += value } } }
    )
  }
  let before = peakKiB()
  let spec = FitSpecification(target: "target", benchmarks: benchmarks, referenceFamily: "F0")
  var times: [Double] = []
  var rounds = 0
  for _ in 0..<runs {
    times.append(
      try seconds { rounds = try ScalingLawFit.fit(table, spec).imputation?.train.rounds ?? 0 })
  }
  let report: [String: Any] = [
    "models": models, "times": times, "floor": floor, "peak_kib": peakKiB(), "table_kib": before,
    "rounds": rounds, "sink": sink.isFinite,
  ]
  print(
    String(
      decoding: try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]),
      as: UTF8.self))
  exit(0)
}

// --coverage [DATASETS]: the known-truth coverage study of the bootstrap's prediction
// intervals (CoverageStudy: docs/ENGINE.md, "Uncertainty"), as a Markdown table: the law
// right, the law wrong, far extrapolation, and the two interval methods side by side.
if let index = CommandLine.arguments.firstIndex(of: "--coverage") {
  let dataSets =
    CommandLine.arguments.count > index + 1 ? Int(CommandLine.arguments[index + 1]) ?? 200 : 200
  print(
    "| case | data sets | held-out models | 90% PI coverage | beyond 2 decades past the cutoff | inside the law's band | mean PI width | time |"
  )
  print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
  let cases: [(String, CoverageStudy)] = [
    ("law right (sigmoid), percentile PI", CoverageStudy(dataSets: dataSets)),
    ("law right (sigmoid), basic PI", CoverageStudy(dataSets: dataSets, method: .basic)),
    (
      "law wrong (Gompertz target), percentile PI",
      CoverageStudy(dataSets: dataSets, truth: .gompertz)
    ),
    (
      "law right, far extrapolation (train ≤ 3 × 1E21 FLOPs)",
      CoverageStudy(dataSets: dataSets, cutoff: 3)
    ),
    ("law right, noise σ = 0.05", CoverageStudy(dataSets: dataSets, noise: 0.05)),
  ]
  func percent(_ value: Double) -> String {
    value.isNaN ? "—" : String(format: "%.1f%%", value * 100)
  }
  for (name, study) in cases {
    var result: CoverageStudy.Result?
    let time = seconds { result = study.run() }
    guard let result else { continue }
    print(
      "| \(name) | \(dataSets - result.failedDataSets) | \(result.total) | \(percent(result.coverage)) | \(percent(result.farCoverage)) (\(result.farTotal)) | \(percent(result.lawCoverage)) | \(String(format: "%.3f", result.meanWidth)) | \(String(format: "%.1f s", time)) |"
    )
  }
  exit(0)
}

// --forecast: the family-aware forecast (FamilyForecast) under leave-one-family-out on the
// paper's Open LLM Leaderboard v2 table, the held-out family's 0, 1 or 2 smallest models
// known: mean absolute error per benchmark (in points) beside the same model without family
// offsets and the compute-only law (a sigmoid in log FLOPs per benchmark), the forecast's
// interval coverage, and the time; then the joint fit's time on a generated table.
if CommandLine.arguments.contains("--forecast") {
  guard let baseCSV = paperCSV("base_llm_benchmark_eval.csv"),
    let v2CSV = paperCSV("base_llm_leaderboard_v2_eval.csv")
  else {
    FileHandle.standardError.write(
      Data("obscale-bench: the paper's CSVs are not in OBSCALE_PATH\n".utf8))
    exit(66)
  }
  let table = try ScoreTable(csv: baseCSV).innerJoined(with: ScoreTable(csv: v2CSV)).table
  let v2 = [
    "leaderboard_ifeval", "leaderboard_bbh", "leaderboard_math_hard", "leaderboard_gpqa",
    "leaderboard_musr", "leaderboard_mmlu_pro",
  ]
  func points(_ results: [Backtest.Result]) -> (Double, [Double], Int) {
    let per = results.map { $0.meanAbsoluteError * 100 }
    let all = results.flatMap(\.forecasts)
    let mean =
      all.map { abs($0.predicted - $0.actual) }.reduce(0, +) / Double(max(1, all.count)) * 100
    return (mean, per, all.count)
  }
  print(
    "| known | forecasts with FLOPs (the law's); all forecasts: family-aware MAE | family-aware | no family offsets | compute-only law (log FLOPs) | family-aware, per benchmark (IFEval, BBH, MATH, GPQA, MuSR, MMLU-PRO) | compute-only law, per benchmark | family-aware 90% coverage (per benchmark) | backtest time |"
  )
  print("| ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |")
  for known in [0, 1, 2] {
    let folds = try Backtest.folds(.families(known: known), of: table).folds
    var aware: [Backtest.Result] = []
    let time = try seconds {
      aware = try Backtest.run(
        try forecastFit(table, rows: nil, benchmarks: v2), folds: folds, level: 0.9)
    }
    let flat = try Backtest.run(
      try FamilyForecast.fit(table, benchmarks: v2, familyOffsets: false), folds: folds, level: 0.9)
    let compute = try v2.map { benchmark in
      try Backtest.run(
        FitSpecification(target: benchmark, predictors: .logFLOPs, referenceFamily: nil),
        folds: folds, samples: 0, seed: 0, level: 0.9)
    }
    // The compute-only law predicts only models with FLOPs: the others are compared on those.
    let withFLOPs = Set(compute.flatMap(\.forecasts).map { "\($0.fold)|\($0.model)" })
    let sameSet = aware.map { result in
      Backtest.Result(
        forecasts: result.forecasts.filter { withFLOPs.contains("\($0.fold)|\($0.model)") },
        failed: [])
    }
    let flatSame = flat.map { result in
      Backtest.Result(
        forecasts: result.forecasts.filter { withFLOPs.contains("\($0.fold)|\($0.model)") },
        failed: [])
    }
    let (a, aPer, count) = points(sameSet)
    let (all, _, allCount) = points(aware)
    let (f, _, _) = points(flatSame)
    let (c, cPer, cCount) = points(compute)
    let inside = aware.map(\.coverage.inside).reduce(0, +)
    let total = aware.map(\.coverage.total).reduce(0, +)
    func list(_ values: [Double]) -> String {
      values.map { String(format: "%.1f", $0) }.joined(separator: ", ")
    }
    let coverage: Double = Double(inside) / Double(max(1, total)) * 100
    var cells: [String] = [
      "\(known)",
      "\(count) with FLOPs (\(cCount)); all \(allCount): " + String(format: "%.2f", all),
    ]
    cells.append(String(format: "%.2f", a))
    cells.append(String(format: "%.2f", f))
    cells.append(String(format: "%.2f", c))
    cells.append(list(aPer))
    cells.append(list(cPer))
    cells.append(
      String(format: "%.1f%% (", coverage)
        + aware.map { "\($0.coverage.inside)/\($0.coverage.total)" }.joined(separator: ", ") + ")")
    cells.append(String(format: "%.2f s", time))
    print("| " + cells.joined(separator: " | ") + " |")
  }
  // The joint fit on a generated table of 300 models × 12 benchmarks in 40 families.
  var generator = SplitMix64(seed: 3)
  let models = 300
  let loads = (0..<12).map { _ in 0.5 + generator.nextUnit() }
  var columns: [ScoreColumn] = [
    .text(ScoreTable.modelColumn, (0..<models).map { "gen/m\($0)" }),
    .text(ScoreTable.familyColumn, (0..<models).map { "F\($0 % 40)" }),
  ]
  var sizes: [Double] = []
  var tokenCounts: [Double] = []
  var offsets = (0..<40).map { _ in 0.3 * generator.nextGaussian() }
  for i in 0..<models {
    sizes.append(pow(10, -1 + 3 * generator.nextUnit()))
    tokenCounts.append(pow(10, -0.5 + 1.5 * generator.nextUnit()))
    offsets[i % 40] += 0
  }
  columns.append(.numbers(ScoreTable.sizeColumn, sizes))
  columns.append(.numbers(ScoreTable.dataColumn, tokenCounts))
  for j in 0..<12 {
    columns.append(
      .numbers(
        "B\(j)",
        (0..<models).map { i in
          let theta = log10(sizes[i]) + 0.5 * log10(tokenCounts[i]) + offsets[i % 40]
          return 0.25 + 0.75 / (1 + exp(-(loads[j] * theta - 0.5))) + 0.01
            * generator.nextGaussian()
        }))
  }
  let generated = try ScoreTable(columns: columns)
  let names = (0..<12).map { "B\($0)" }
  let (median, low, high) = try measure(runs: 5) {
    _ = try FamilyForecast.fit(generated, benchmarks: names)
  }
  print("\n| joint fit | median | min | max | runs |\n| --- | ---: | ---: | ---: | ---: |")
  print(
    "| generated \(models) models × 12 benchmarks in 40 families | \(ms(median)) | \(ms(low)) | \(ms(high)) | 5 |"
  )
  exit(0)
}

// --sloth FILE.csv: the family-aware forecast under Sloth's own leave-one-family-out protocol
// (Maia Polo et al. 2024; github.com/felipemaiapolo/sloth at 6dc6bb3, MIT: its
// data/data_v2.csv is FILE, its sloth/experiment.py the protocol): models with FLOPs, tokens,
// size and the six v2 benchmarks; families (its Family2) with at least n + 1 such models; each
// group of its held-out families (sloth/definitions.py, test_families[n][1]) out together,
// each family's n smallest models training with the rest. Mean absolute error over the
// forecasts (and, in parentheses, the mean of the groups' own means: Sloth's figure) per
// benchmark beside the compute-only law (a sigmoid in log FLOPs per benchmark, ours).
// The forecast's settings come from forecastFit, as in --forecast.
if let index = CommandLine.arguments.firstIndex(of: "--sloth"),
  CommandLine.arguments.count > index + 1
{
  let path = CommandLine.arguments[index + 1]
  guard let data = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write(Data("obscale-bench: cannot read \(path)\n".utf8))
    exit(66)
  }
  let names = ["IFEval", "BBH", "MATH Lvl 5", "GPQA", "MUSR", "MMLU-PRO"]
  var raw = try ScoreTable(csv: [UInt8](data))
  raw = try raw.dropping(raw.columnNames.filter { $0 == ScoreTable.familyColumn || $0 == "Family" })
  raw = try raw.renaming([
    (from: "Family2", to: ScoreTable.familyColumn),
    (from: "#Params (B)", to: ScoreTable.sizeColumn),
  ])
  // The held-out groups of its v2 experiment, as its definitions list them.
  let groups: [Int: [[String]]] = [
    1: [
      ["bloom"], ["pythia", "dolly-v2"], ["falcon", "falcon-instruct"], ["gemma-2", "gemma-2-it"],
      ["gpt-j-neo-neox"],
      ["meta-llama-3", "meta-llama-3-instruct", "llama-3-sauerkrautlm-instruct"],
      ["olmo"], ["opt"], ["qwen2", "qwen2-instruct", "dolphin-2.9.2-qwen2"], ["starcoder2"],
      ["smollm", "smollm-instruct"], ["yi-1.5", "yi-1.5-chat", "dolphin-2.9.1-yi-1.5"],
    ],
    2: [
      ["bloom"], ["llama-2", "llama-2-chat"], ["orca_mini_v3_"], ["pythia", "dolly-v2"],
      ["qwen1.5", "qwen1.5-chat"], ["qwen2", "qwen2-instruct"], ["smollm", "smollm-instruct"],
      ["starcoder2"], ["yi-1.5", "yi-1.5-chat"],
    ],
  ]
  print(
    "| known | groups | forecasts | family-aware MAE (points; mean of groups) | compute-only law | per benchmark (IFEval, BBH, MATH, GPQA, MuSR, MMLU-PRO): family-aware / compute-only | paired difference per benchmark, family-aware − compute-only (± its standard error) |"
  )
  print("| ---: | ---: | ---: | ---: | ---: | --- | --- |")
  for known in [1, 2] {
    let flops = try raw.numbers(ScoreTable.flopsColumn)
    let tokens = try raw.numbers(ScoreTable.dataColumn)
    let sizes = try raw.numbers(ScoreTable.sizeColumn)
    let scores = try names.map { try raw.numbers($0) }
    let families = raw.families ?? []
    var rows = (0..<raw.rowCount).filter { i in
      flops[i] > 0 && tokens[i] > 0 && sizes[i] > 0 && scores.allSatisfy { !$0[i].isNaN }
    }
    var counts: [String: Int] = [:]
    for i in rows { counts[families[i], default: 0] += 1 }
    rows = rows.filter { counts[families[$0], default: 0] >= known + 1 }
    let table = raw.selecting(rows: rows)
    let fam = table.families ?? []
    let size = try table.numbers(ScoreTable.sizeColumn)
    let models = table.models
    var errors = [[Double]](repeating: [], count: names.count)
    var baseErrors = [[Double]](repeating: [], count: names.count)
    // Each forecast's error by model, for paired differences with the compute-only law.
    var awareByModel = [[String: Double]](repeating: [:], count: names.count)
    var paired = [[Double]](repeating: [], count: names.count)
    var used = 0
    var groupMeans: [Double] = []
    for group in groups[known] ?? [] {
      var held: [Int] = []
      for family in group {
        let members = fam.indices.filter { fam[$0] == family }.sorted {
          size[$0] == size[$1] ? $0 < $1 : size[$0] < size[$1]
        }
        held += members.dropFirst(known)
      }
      guard !held.isEmpty else { continue }
      used += 1
      let heldSet = Set(held)
      let train = fam.indices.filter { !heldSet.contains($0) }
      let forecast = try forecastFit(table, rows: train, benchmarks: names)
      let tok = try table.numbers(ScoreTable.dataColumn)
      let y = try names.map { try table.numbers($0) }
      var groupErrors: [Double] = []
      for i in held {
        let p = forecast.predict(family: fam[i], size: size[i], tokens: tok[i])
        for j in names.indices {
          errors[j].append(abs(p.scores[j] - y[j][i]))
          awareByModel[j][models[i]] = abs(p.scores[j] - y[j][i])
          groupErrors.append(abs(p.scores[j] - y[j][i]))
        }
      }
      groupMeans.append(groupErrors.reduce(0, +) / Double(groupErrors.count))
      for (j, name) in names.enumerated() {
        var spec = FitSpecification(target: name, predictors: .logFLOPs, referenceFamily: nil)
        spec.split = .holdOut(.modelIn(held.map { models[$0] }))
        if let fit = try? ScalingLawFit.fit(table, spec) {
          for row in fit.rows where row.side == .test {
            baseErrors[j].append(abs(row.predicted - row.actual))
            if let a = awareByModel[j][row.model] {
              paired[j].append(a - abs(row.predicted - row.actual))
            }
          }
        }
      }
    }
    func mean(_ values: [Double]) -> Double {
      values.reduce(0, +) / Double(max(1, values.count)) * 100
    }
    let aware = mean(errors.flatMap { $0 })
    let base = mean(baseErrors.flatMap { $0 })
    var per: [String] = []
    var differences: [String] = []
    for j in names.indices {
      let a: Double = mean(errors[j])
      let b: Double = mean(baseErrors[j])
      per.append(String(format: "%.2f / %.2f", a, b))
      // The paired difference's mean and standard error, in points.
      let d = paired[j]
      let dm = d.reduce(0, +) / Double(max(1, d.count))
      let sd = (d.map { ($0 - dm) * ($0 - dm) }.reduce(0, +) / Double(max(1, d.count - 1)))
        .squareRoot()
      differences.append(
        String(format: "%+.2f ± %.2f", dm * 100, sd / Double(max(1, d.count)).squareRoot() * 100))
    }
    var cells = ["\(known)", "\(used)", "\(errors[0].count)"]
    cells.append(String(format: "%.2f (%.2f)", aware, mean(groupMeans)))
    cells.append(String(format: "%.2f", base))
    cells.append(per.joined(separator: "; "))
    cells.append(differences.joined(separator: "; "))
    print("| " + cells.joined(separator: " | ") + " |")
  }
  exit(0)
}

// --scale FILE.csv: the pipeline from 10² to 10⁶ models × 32 benchmarks, each size in its own
// process; prints a Markdown table and writes the medians as CSV for the chart.
if let index = CommandLine.arguments.firstIndex(of: "--scale"),
  CommandLine.arguments.count > index + 1
{
  let output = CommandLine.arguments[index + 1]
  print(
    "| models × 32 | impute + PCA + fit, median (min–max) | runs | per model | peak memory (process) | floor: read the cells once | time / floor |"
  )
  print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
  var csv = "Model,models,seconds,log10 models,log10 seconds\n"
  for models in [100, 1_000, 10_000, 100_000, 1_000_000] {
    let runs = models >= 1_000_000 ? 3 : models >= 100_000 ? 5 : 11
    let child = Process()
    child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    child.arguments = ["--one", String(models), String(runs)]
    let pipe = Pipe()
    child.standardOutput = pipe
    try child.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    child.waitUntilExit()
    guard let report = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let times = report["times"] as? [Double],
      let floor = report["floor"] as? [Double], let peak = report["peak_kib"] as? Int
    else { throw CocoaError(.fileReadCorruptFile) }
    let sorted = times.sorted()
    let median = sorted[sorted.count / 2]
    let floorMedian = floor.sorted()[floor.count / 2]
    let perModel = String(format: "%.3g µs", median / Double(models) * 1e6)
    print(
      "| \(models) | \(ms(median)) (\(ms(sorted[0]))–\(ms(sorted[sorted.count - 1]))) | \(runs) | \(perModel) | "
        + String(format: "%.0f MiB", Double(peak) / 1024) + " | \(ms(floorMedian)) | "
        + String(format: "%.0f×", median / floorMedian) + " |")
    csv += "n\(models),\(models),\(median),\(log10(Double(models))),\(log10(median))\n"
  }
  try Data(csv.utf8).write(to: URL(fileURLWithPath: output))
  exit(0)
}

var rows: [[String]] = []
let families = [
  "Llama-2", "Llama", "Llama-3", "Llama-3.1", "Qwen2", "Qwen1.5", "Qwen", "Mistral", "Mixtral",
  "Yi",
  "Yi-1.5", "Gemma", "Gemma-2", "Falcon", "Phi", "Pythia", "BLOOM", "GPT-Neo/J", "OPT", "MPT",
  "XGLM",
  "CodeLlama", "StarCoder", "StarCoder2", "DeepSeek-Coder", "DeepSeek-V2", "DeepSeek-Coder-V2",
  "Jamba",
]
let preregistered = [
  "Meta-Llama-3.1-405B-FP8", "Meta-Llama-3.1-70B", "Meta-Llama-3.1-8B", "Qwen1.5-110B", "Qwen2-72B",
  "Qwen2-57B-A14B", "Qwen2-7B", "Qwen2-1.5B", "Qwen2-0.5B", "DeepSeek-V2", "DeepSeek-Coder-V2-Base",
  "gemma-2-27b", "gemma-2-9b", "gemma-2-2b", "Mixtral-8x22B-v0.1", "Mistral-Nemo-Base-2407",
  "Yi-1.5-34B", "Yi-1.5-9B", "Yi-1.5-6B", "Jamba-v0.1",
]
if jsonMode {
  guard let baseCSV = paperCSV("base_llm_benchmark_eval.csv"),
    let emergentCSV = paperCSV("base_llm_emergent_capability_eval.csv"),
    let postCSV = paperCSV("base_llm_post_training_eval.csv")
  else {
    FileHandle.standardError.write(
      Data("obscale-bench: the paper's CSVs are not in OBSCALE_PATH\n".utf8))
    exit(66)
  }
  let selection = RowFilter.all([.familyIn(families), .modelNotIn(preregistered)])
  let noGSM = FitSpecification.paperBenchmarks.filter { $0 != "GSM8K" }
  let pipelines: [(String, [UInt8], FitSpecification)] = [
    ("emergent", emergentCSV, FitSpecification(target: "word_unscrambling_2_exact_match")),
    (
      "post-training", postCSV,
      FitSpecification(
        target: "gsm8k_cot_8_exact_match,flexible-extract", benchmarks: noGSM,
        computedComponents: 3, law: LawOptions(loss: .huber(delta: 1)))
    ),
  ]
  var report: [String: Any] = [:]
  for (name, csv, spec) in pipelines {
    var times: [Double] = []
    var fit: ScalingLawFit?
    for _ in 0..<51 {
      times.append(
        try seconds {
          let base = try ScoreTable(csv: baseCSV).filtered(by: selection)
          let table = try base.innerJoined(with: ScoreTable(csv: csv)).table
          fit = try ScalingLawFit.fit(table, spec)
        })
    }
    guard let fit else { continue }
    report[name] = [
      "times": times, "train_loss": fit.law.solver.cost,
      "predictions": Dictionary(uniqueKeysWithValues: fit.rows.map { ($0.model, $0.predicted) }),
    ]
  }
  // Subset search: every combination of up to 10 families of the default selection with
  // Llama-2 forced, the budget large enough that none is pruned.
  let base = try ScoreTable(csv: baseCSV).filtered(by: selection)
  let x = Matrix(columns: try FitSpecification.paperBenchmarks.map { try base.numbers($0) })
  let (_, filled) = try PCAImputer.fit(x, columnNames: FitSpecification.paperBenchmarks)
  let scores = try PrincipalComponents.fit(
    filled, components: 3, columnNames: FitSpecification.paperBenchmarks
  ).transform(filled)
  var selectionTimes: [Double] = []
  var scored = 0
  for _ in 0..<11 {
    selectionTimes.append(
      try seconds {
        scored = try SubsetSelection.select(
          scores: scores, models: base.models, families: base.families ?? [], forced: ["Llama-2"],
          budgets: [base.rowCount], maxFamilies: 10
        ).subsetsScored
      })
  }
  report["subsets"] = ["times": selectionTimes, "combinations": scored]
  let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
  print(String(decoding: data, as: UTF8.self))
  exit(0)
}

if let baseCSV = paperCSV("base_llm_benchmark_eval.csv"),
  let emergentCSV = paperCSV("base_llm_emergent_capability_eval.csv")
{
  var fit: ScalingLawFit?
  let (median, low, high) = try measure(runs: 51) {
    let base = try ScoreTable(csv: baseCSV).filtered(
      by: .all([.familyIn(families), .modelNotIn(preregistered)]))
    let table = try base.innerJoined(with: ScoreTable(csv: emergentCSV)).table
    fit = try ScalingLawFit.fit(table, FitSpecification(target: "word_unscrambling_2_exact_match"))
  }
  rows.append([
    "paper: parse 2 CSVs + join + impute + PCA + sigmoid fit + f-equivalent FLOPs (\(fit?.rows.count ?? 0) models)",
    ms(median), ms(low), ms(high), "51",
  ])
  // Intervals: the same law bootstrapped with 2000 resamples (the default), each refit read
  // through its own reference regression for the curve; goal: under 0.2 s.
  if let fit {
    var bands: BootstrapBands?
    let (median, low, high) = try measure(runs: 11) {
      bands = try fit.bootstrap(samples: 2000, seed: 0)
    }
    rows.append([
      "paper: bootstrap the law above, 2000 resamples (band of the law + prediction intervals, \(bands?.succeeded ?? 0) refits)",
      ms(median), ms(low), ms(high), "11",
    ])
  }
} else {
  FileHandle.standardError.write(
    Data("obscale-bench: the paper's CSVs are not in OBSCALE_PATH; skipping that row\n".utf8))
}
for models in [1_000, 10_000, 100_000] {
  let table = try generatedTable(models: models, benchmarks: 32, seed: 7)
  let spec = FitSpecification(
    target: "target", benchmarks: (0..<32).map { "B\($0)" }, referenceFamily: "F0")
  var fit: ScalingLawFit?
  let runs = models >= 100_000 ? 5 : 11
  let (median, low, high) = try measure(runs: runs) { fit = try ScalingLawFit.fit(table, spec) }
  let rounds = fit?.imputation?.train.rounds ?? 0
  rows.append([
    "generated \(models) × 32: impute (\(rounds) rounds) + PCA + sigmoid fit + f-equivalent FLOPs",
    ms(median), ms(low), ms(high), "\(runs)",
  ])
}
print("| pipeline | median | min | max | runs |")
print("| --- | ---: | ---: | ---: | ---: |")
for row in rows { print("| " + row.joined(separator: " | ") + " |") }
