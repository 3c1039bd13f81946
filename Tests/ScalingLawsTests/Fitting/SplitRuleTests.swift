import ScalingLaws
import Testing

/// Splits on a small table with a missing FLOPs value.
struct SplitRuleTests {
  /// Six models; FLOPs missing for `e`.
  static func table() throws -> ScoreTable {
    try ScoreTable(
      csv: bytes(
        """
        Model,Model Family,FLOPs (1E21),y
        a,F,1,0.1
        b,F,10,0.5
        c,G,84,0.3
        d,G,100,0.9
        e,H,,0.7
        f,H,1000,

        """))
  }

  @Test(
    arguments: [
      ("paper default", SplitRule.paperDefault, [0, 1, 2], [3, 4, 5]),
      (
        "relative", .cutoff(column: "FLOPs (1E21)", threshold: .relative(0.1)), [0, 1, 2, 3],
        [4, 5]
      ),
      // Missing values never rank: f has no y and is tested beside the two largest, d and e.
      ("rank count", .rank(column: "y", test: .count(2)), [0, 1, 2], [3, 4, 5]),
      ("rank fraction", .rank(column: "y", test: .fraction(0.5)), [0, 1, 2], [3, 4, 5]),
      // The largest FLOPs (f) is the one ranked first; e, without FLOPs, is tested, not ranked.
      ("rank by FLOPs", .rank(column: "FLOPs (1E21)", test: .count(1)), [0, 1, 2, 3], [4, 5]),
      ("hold out", .holdOut(.familyIn(["H"])), [0, 1, 2, 3], [4, 5]),
      ("none", SplitRule.none, [0, 1, 2, 3, 4, 5], []),
    ] as [(String, SplitRule, [Int], [Int])])
  func splits(_ name: String, _ rule: SplitRule, _ train: [Int], _ test: [Int]) throws {
    let split = try rule.apply(to: Self.table())
    #expect(split.train == train, "\(name)")
    #expect(split.test == test, "\(name)")
  }

  @Test func randomIsSeededAndComplete() throws {
    let table = try Self.table()
    let first = try SplitRule.random(seed: 7, test: .count(2)).apply(to: table)
    let again = try SplitRule.random(seed: 7, test: .count(2)).apply(to: table)
    #expect(first == again)
    #expect(first.test.count == 2 && Set(first.train + first.test) == Set(0..<6))
    var differs = false
    for seed in 1...20
    where try SplitRule.random(seed: UInt64(seed), test: .count(2)).apply(to: table) != first {
      differs = true
    }
    #expect(differs)
  }

  @Test(
    arguments: [
      (
        "empty train", SplitRule.cutoff(column: "FLOPs (1E21)", threshold: .absolute(0.5)),
        ScalingLawsError.emptySplit(side: .train, rule: "cutoff 'FLOPs (1E21)' <= 0.5")
      ),
      (
        "empty test", .holdOut(.modelIn([])),
        .emptySplit(side: .test, rule: "hold out 0 named models")
      ),
      (
        "count too large", .rank(column: "y", test: .count(5)),
        .invalidParameter(
          name: "test size", value: "5", limit: "between 1 and 4 (one less than the 5 rows)")
      ),
      (
        "unknown column", .cutoff(column: "flops", threshold: .absolute(1)),
        .unknownColumn(name: "flops", suggestion: "FLOPs (1E21)")
      ),
      (
        "relative out of range", .cutoff(column: "y", threshold: .relative(2)),
        .invalidParameter(name: "relative cutoff", value: "2.0", limit: "between 0 and 1")
      ),
    ] as [(String, SplitRule, ScalingLawsError)])
  func rejects(_ name: String, _ rule: SplitRule, _ expected: ScalingLawsError) throws {
    let table = try Self.table()
    #expect(thrownError { try rule.apply(to: table) } == expected, "\(name)")
  }
}
