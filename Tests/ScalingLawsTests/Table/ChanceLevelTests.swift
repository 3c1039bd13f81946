import ScalingLaws
import Testing

/// The guessing levels of the known benchmarks, by either naming, and the mixed ones computed
/// here from their subtasks.
struct ChanceLevelTests {
  @Test(arguments: [
    ("MMLU-PRO", 0.1), ("leaderboard_mmlu_pro", 0.1), ("MMLU Pro", 0.1), ("GPQA", 0.25),
    ("leaderboard_gpqa", 0.25), ("IFEval", 0), ("leaderboard_math_hard", 0), ("MATH Lvl 5", 0),
    ("ARC-C", 0.25), ("Winograd", 0.5), ("GSM8K", 0), ("HumanEval", 0),
  ])
  func knownByEitherName(_ column: String, _ level: Double) {
    #expect(ChanceLevel.known(for: column) == level)
  }

  @Test func unknownBenchmarksHaveNone() {
    for column in ["TruthfulQA", "emergent_task", "agent_score", "", "leaderboard_"] {
      #expect(ChanceLevel.known(for: column) == nil, "\(column)")
    }
  }

  /// BBH's 24 subtasks and MuSR's 3 (examples, options), as the Open LLM Leaderboard v2
  /// documents them: the level is the mean of 1/options weighted by examples.
  @Test func mixedBenchmarksWeighTheirSubtasks() throws {
    let bbh: [(Double, Double)] =
      [
        (250, 2), (187, 2), (250, 6), (250, 3), (250, 2), (250, 11), (250, 2), (250, 5),
        (250, 7), (250, 3), (250, 6), (250, 2), (250, 19), (146, 5), (250, 18), (250, 6),
        (250, 6), (178, 2), (250, 2), (250, 4), (250, 5), (250, 7), (250, 3), (250, 2),
      ]
    let musr: [(Double, Double)] = [(250, 2), (256, 5), (250, 3)]
    func level(_ tasks: [(Double, Double)]) -> Double {
      tasks.reduce(0) { $0 + $1.0 / $1.1 } / tasks.reduce(0) { $0 + $1.0 }
    }
    #expect(abs(try #require(ChanceLevel.known(for: "BBH")) - level(bbh)) < 1e-12)
    #expect(abs(try #require(ChanceLevel.known(for: "leaderboard_musr")) - level(musr)) < 1e-12)
  }
}
