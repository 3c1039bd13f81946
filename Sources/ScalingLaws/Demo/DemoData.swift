/// The embedded demo data set: synthetic models drawn from a known low-rank truth.
///
/// It is shaped like the paper's base table (algorithm.md §1) — 20 families and 95 models of
/// different compute efficiency, the eight base benchmarks with a few missing cells, FLOPs
/// spanning more than four orders of magnitude, two families without published compute —
/// and comes with downstream tasks: an emergent-looking one, a GSM-like task with and without
/// chain-of-thought, and an agent score on a 0–10 scale.
///
/// The truth: each model has latent capabilities z = (g, r, q) — general, reasoning, code —
/// with g = 0.9·(log10 C − 1.5) + e_f, r = r_f + 0.1·(log10 C − 1.5), q = q_f, plus N(0, 0.05²)
/// jitter each, where C is FLOPs in units of 1e21 (or what it would be, for the families that
/// hide it) and e_f, r_f, q_f are the family's offsets. Benchmark t scores μ_t + Λ_t·z +
/// N(0, 0.004²): exactly rank 3 plus noise. Task y = h·σ(P(z)) + b + N(0, 0.01²), clipped to
/// [0, 1], with P linear in z. Every number is deterministic for a given seed (`SplitMix64`).
///
/// Every table it returns carries the provenance "synthetic demo data", so no output can be
/// mistaken for real model scores.
public struct DemoData: Sendable {
  /// The seed used by default.
  public static let defaultSeed: UInt64 = 20_240_515

  /// The base table: metadata and the eight benchmarks, with a few cells missing.
  public var base: ScoreTable
  /// The downstream tasks, joined to `base` on `Model`.
  public var tasks: ScoreTable
  /// Six Open LLM Leaderboard v2-like benchmarks (named as the paper's v2 table names them),
  /// each a floored sigmoid of the latent capabilities: for `forecast`.
  public var leaderboard: ScoreTable
  /// The truth the data was drawn from.
  public var truth: DemoTruth

  /// The benchmark means μ_t.
  static let benchmarkMeans: [Double] = [0.50, 0.50, 0.68, 0.66, 0.40, 0.32, 0.74, 0.30]
  /// The benchmark loadings Λ_t on (g, r, q).
  static let loadings: [[Double]] = [
    [0.100, 0.030, 0.010],  // MMLU
    [0.090, 0.010, 0.000],  // ARC-C
    [0.070, -0.010, -0.010],  // HellaSwag
    [0.050, 0.000, 0.000],  // Winograd
    [0.020, 0.020, 0.000],  // TruthfulQA
    [0.070, 0.120, 0.020],  // GSM8K
    [0.040, 0.000, 0.000],  // XWinograd
    [0.060, 0.030, 0.100],  // HumanEval
  ]

  /// The downstream tasks: name, floor b, height h, and P = c + (g, r, q)·w.
  static let taskLaws: [DemoTaskLaw] = [
    DemoTaskLaw(
      name: "emergent_task", floor: 0.1, height: 0.9, intercept: -2.5, weights: [2.0, 0.6, 0.0]),
    DemoTaskLaw(
      name: "gsm_fewshot", floor: 0, height: 1, intercept: -1.8, weights: [0.8, 1.2, 0.1]),
    DemoTaskLaw(name: "gsm_cot", floor: 0, height: 1, intercept: -1.6, weights: [1.1, 1.6, 0.1]),
    DemoTaskLaw(
      name: "agent_score", floor: 0, height: 10, intercept: -2.2, weights: [0.9, 0.3, 0.9]),
  ]

  /// The families: name, sizes (B), tokens (T), offsets, and whether compute is published.
  static let families: [DemoFamily] = [
    DemoFamily("Atlas", [7, 13, 34, 70], tokens: 2, general: 0),
    DemoFamily("Boreal", [0.5, 1.8, 4, 7, 14, 32, 72], tokens: 3, general: 0.35, reasoning: 0.2),
    DemoFamily("Cedar", [0.07, 0.16, 0.41, 1, 1.4, 2.8, 6.9, 12], tokens: 0.3, general: -0.3),
    DemoFamily(
      "Delta", [0.125, 0.35, 1.3, 2.7, 6.7, 13, 30, 66, 175], tokens: 0.18, general: -0.4),
    DemoFamily("Ember", [1, 3, 7, 13, 34], tokens: 1, general: -0.15, code: 1.0),
    DemoFamily("Fjord", [2, 7, 9], tokens: 6, general: 0.3),
    DemoFamily("Granite", [1, 7, 40, 180], tokens: 1.5, general: -0.25),
    DemoFamily("Harbor", [1.3, 2.7, 14], tokens: 1.4, general: 0.5, reasoning: 0.8, code: 0.5),
    DemoFamily("Iris", [8, 70, 405], tokens: 15, general: 0.25),
    DemoFamily("Juniper", [6, 9, 34, 70], tokens: 3.1, general: 0.3, reasoning: 0.3),
    DemoFamily("Kestrel", [7, 30, 70], tokens: 1, general: -0.1),
    DemoFamily("Lumen", [0.56, 1.1, 1.7, 3, 7.1, 176], tokens: 0.35, general: -0.35),
    DemoFamily("Maple", [0.56, 1.7, 2.9, 4.5, 7.5], tokens: 0.5, general: -0.45),
    DemoFamily(
      "Nimbus", [1, 3, 7, 15, 34], tokens: 3.3, general: -0.05, reasoning: 0.2, code: 1.3),
    DemoFamily("Onyx", [7, 12, 46.7], tokens: 8, general: 0.4, publishesCompute: false),
    DemoFamily("Pioneer", [0.125, 1.3, 2.7, 6, 20], tokens: 0.4, general: -0.3),
    DemoFamily(
      "Quartz", [1.8, 4, 7, 14, 72], tokens: 7, general: 0.5, reasoning: 0.3,
      publishesCompute: false),
    DemoFamily("Raven", [7, 13, 33, 65], tokens: 1.2, general: -0.1),
    DemoFamily("Sierra", [1.3, 6.7, 33, 70], tokens: 2, general: -0.1, code: 1.2),
    DemoFamily("Tundra", [0.5, 1.5, 2, 7, 14], tokens: 7, general: 0.45, reasoning: 0.5),
  ]

  /// The provenance every demo table carries.
  public static let provenance: String =
    "synthetic demo data (obscale, generated in code): not real model scores"

  /// Generates the data set for `seed`.
  public static func generate(seed: UInt64 = defaultSeed) -> DemoData {
    var generator = SplitMix64(seed: seed)
    var models: [String] = []
    var familyNames: [String] = []
    var sizes: [Double] = []
    var tokens: [Double] = []
    var flops: [Double] = []
    var latents: [[Double]] = []
    for family in families {
      for size in family.sizes {
        let compute = 6 * size * 1e9 * family.tokens * 1e12 / 1e21
        let x = _log10(compute) - 1.5
        let g = 0.9 * x + family.general + 0.05 * generator.nextGaussian()
        let r = family.reasoning + 0.1 * x + 0.05 * generator.nextGaussian()
        let q = family.code + 0.05 * generator.nextGaussian()
        models.append("demo/\(family.name)-\(sizeLabel(size))")
        familyNames.append(family.name)
        sizes.append(size)
        tokens.append(family.publishesCompute ? family.tokens : .nan)
        flops.append(family.publishesCompute ? compute : .nan)
        latents.append([g, r, q])
      }
    }
    let m = models.count
    var scores = Matrix(rows: m, columns: FitSpecification.paperBenchmarks.count)
    for i in 0..<m {
      for t in 0..<scores.columns {
        var value = benchmarkMeans[t] + 0.004 * generator.nextGaussian()
        for c in 0..<3 { value += loadings[t][c] * latents[i][c] }
        scores[i, t] = min(max(value, 0), 1)
      }
    }
    // Hide a few cells, as the real table has a few: ARC-C and HumanEval, like the paper's.
    var hidden: [DemoHiddenCell] = []
    let hideColumns = [1, 7, 7, 1, 7, 7]
    var used: Set<Int> = []
    for column in hideColumns {
      var row = Int(generator.next() % UInt64(m))
      while used.contains(row) { row = (row + 1) % m }
      used.insert(row)
      hidden.append(
        DemoHiddenCell(
          model: models[row], benchmark: FitSpecification.paperBenchmarks[column],
          value: scores[row, column]))
      scores[row, column] = .nan
    }
    var taskColumns: [ScoreColumn] = [.text(ScoreTable.modelColumn, models)]
    var clean: [String: [Double]] = [:]
    for law in taskLaws {
      var noisy: [Double] = []
      var exact: [Double] = []
      for i in 0..<m {
        let value = law.value(latents[i])
        exact.append(value)
        noisy.append(
          min(max(value + law.height * 0.01 * generator.nextGaussian(), 0), law.height + law.floor))
      }
      clean[law.name] = exact
      taskColumns.append(.numbers(law.name, noisy))
    }
    var baseColumns: [ScoreColumn] = [
      .text(ScoreTable.modelColumn, models), .text(ScoreTable.familyColumn, familyNames),
      .numbers(ScoreTable.sizeColumn, sizes), .numbers(ScoreTable.dataColumn, tokens),
      .numbers(ScoreTable.flopsColumn, flops),
    ]
    for (t, name) in FitSpecification.paperBenchmarks.enumerated() {
      baseColumns.append(.numbers(name, scores.column(t)))
    }
    // Leaderboard v2-like benchmarks, drawn after everything above so that it is unchanged:
    // floor + (1 − floor)·σ(scale·(general, reasoning, code)·weights − shift) + N(0, 0.01²),
    // the floor the benchmark's guessing level (ChanceLevel) but for IFEval's, where a model
    // that follows no instruction still satisfies some.
    let v2: [(name: String, floor: Double, weights: [Double], shift: Double)] = [
      ("leaderboard_ifeval", 0.15, [1.2, 0.3, 0.2], 2.5),
      ("leaderboard_bbh", ChanceLevel.known(for: "bbh") ?? 0, [1.0, 0.8, 0.2], 2.5),
      ("leaderboard_math_hard", 0, [0.8, 1.5, 0.3], 4.5),
      ("leaderboard_gpqa", ChanceLevel.known(for: "gpqa") ?? 0, [0.5, 0.5, 0.1], 3.0),
      ("leaderboard_musr", ChanceLevel.known(for: "musr") ?? 0, [0.5, 0.6, 0], 2.5),
      ("leaderboard_mmlu_pro", ChanceLevel.known(for: "mmlu_pro") ?? 0, [1.4, 0.5, 0.3], 3.3),
    ]
    var leaderboardColumns: [ScoreColumn] = [.text(ScoreTable.modelColumn, models)]
    for task in v2 {
      leaderboardColumns.append(
        .numbers(
          task.name,
          (0..<m).map { i in
            let z = (0..<3).reduce(0) { $0 + task.weights[$1] * latents[i][$1] } * 2 - task.shift
            let value =
              task.floor + (1 - task.floor) * logistic(z) + 0.01 * generator.nextGaussian()
            return min(max(value, 0), 1)
          }))
    }
    // The constructions are valid by design: unique, non-empty names and equal lengths.
    let base = (try? ScoreTable(columns: baseColumns, provenance: provenance))
    let tasks = (try? ScoreTable(columns: taskColumns, provenance: provenance))
    let leaderboard = (try? ScoreTable(columns: leaderboardColumns, provenance: provenance))
    guard let base, let tasks, let leaderboard else {
      preconditionFailure("the demo data set violates its own table invariants")
    }
    let truth = DemoTruth(
      latents: latents, benchmarkMeans: benchmarkMeans, loadings: loadings, hiddenCells: hidden,
      cleanTasks: clean, taskLaws: taskLaws)
    return DemoData(base: base, tasks: tasks, leaderboard: leaderboard, truth: truth)
  }

  /// Returns a size label: `7B`, `1.3B`, `125M`.
  private static func sizeLabel(_ size: Double) -> String {
    if size < 1 { return "\(Int((size * 1000).rounded()))M" }
    return "\(formatNumber(size))B"
  }
}

/// The truth behind the demo data, for checking what the engine recovers.
public struct DemoTruth: Equatable, Sendable {
  /// The latent (g, r, q) of each model, in table order.
  public var latents: [[Double]]
  /// The benchmark means μ.
  public var benchmarkMeans: [Double]
  /// The loadings Λ, one row per benchmark.
  public var loadings: [[Double]]
  /// The cells hidden from `base`, with their true values.
  public var hiddenCells: [DemoHiddenCell]
  /// Each task's noise-free values, in table order.
  public var cleanTasks: [String: [Double]]
  /// Each task's law in latent space.
  public var taskLaws: [DemoTaskLaw]
}

/// A cell hidden from the demo table, with the value it had.
public struct DemoHiddenCell: Equatable, Sendable {
  /// The model.
  public var model: String
  /// The benchmark.
  public var benchmark: String
  /// The value before it was hidden.
  public var value: Double
}

/// A downstream task's true law: y = height·σ(c + w·z) + floor.
public struct DemoTaskLaw: Equatable, Sendable {
  /// The task's column name.
  public var name: String
  /// The floor.
  public var floor: Double
  /// The height.
  public var height: Double
  /// The intercept c.
  public var intercept: Double
  /// The weights on (g, r, q).
  public var weights: [Double]

  /// Returns the noise-free score of latent `z`.
  public func value(_ z: [Double]) -> Double {
    var p = intercept
    for c in weights.indices { p += weights[c] * z[c] }
    return height * logistic(p) + floor
  }
}

/// One family of the demo set.
struct DemoFamily: Sendable {
  /// The family name.
  var name: String
  /// Parameter counts, billions.
  var sizes: [Double]
  /// Pretraining tokens, trillions.
  var tokens: Double
  /// The general-capability offset e_f.
  var general: Double
  /// The reasoning offset r_f.
  var reasoning: Double
  /// The code offset q_f.
  var code: Double
  /// Whether size and tokens, hence FLOPs, are published.
  var publishesCompute: Bool

  /// Creates a family.
  init(
    _ name: String, _ sizes: [Double], tokens: Double, general: Double, reasoning: Double = 0,
    code: Double = 0, publishesCompute: Bool = true
  ) {
    self.name = name
    self.sizes = sizes
    self.tokens = tokens
    self.general = general
    self.reasoning = reasoning
    self.code = code
    self.publishesCompute = publishesCompute
  }
}
