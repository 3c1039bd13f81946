import ScalingLaws
import Testing

/// The engine's impute → PCA → scores pipeline of `pca` and `select`.
struct CapabilityAnalysisTests {
  /// A table with two missing cells, on three benchmarks.
  static func table() throws -> ScoreTable {
    try ScoreTable(columns: [
      .text(ScoreTable.modelColumn, ["a", "b", "c", "d", "e", "f"]),
      .text(ScoreTable.familyColumn, ["A", "A", "B", "B", "C", "C"]),
      .numbers(ScoreTable.flopsColumn, [1, 10, 2, 20, 3, 30]),
      .numbers("x", [0.1, 0.4, 0.2, 0.5, 0.3, 0.7]),
      .numbers("y", [0.2, 0.5, .nan, 0.6, 0.3, 0.8]),
      .numbers("z", [0.15, 0.45, 0.25, .nan, 0.35, 0.75]),
    ])
  }

  @Test func imputesEveryMissingCellAndScoresEveryModel() throws {
    var offered = -1
    let analysis = try CapabilityAnalysis.analyze(
      Self.table(), benchmarks: ["x", "y", "z"], imputation: ImputationSettings()
    ) { available in
      offered = available
      return 2
    }
    #expect(offered == 3, "min(6 models, 3 benchmarks)")
    #expect(analysis.models == ["a", "b", "c", "d", "e", "f"])
    #expect(analysis.imputedCells.map(\.model) == ["c", "d"])
    #expect(analysis.imputedCells.allSatisfy { $0.value.isFinite })
    #expect(analysis.scores.rows == 6 && analysis.scores.columns == 2)
    #expect(analysis.families == ["A", "A", "B", "B", "C", "C"])
    #expect(analysis.dropped.isEmpty)
  }

  @Test func withoutImputationDropsIncompleteModels() throws {
    let analysis = try CapabilityAnalysis.analyze(
      Self.table(), benchmarks: ["x", "y", "z"], imputation: nil
    ) { min(5, $0) }
    #expect(analysis.dropped == ["c", "d"])
    #expect(analysis.models == ["a", "b", "e", "f"])
    #expect(analysis.flops == [1, 10, 3, 30])
    #expect(analysis.scores.rows == 4 && analysis.scores.columns == 3)
  }

  @Test func theChooserMayRefuse() throws {
    struct TooMany: Error {}
    #expect(throws: TooMany.self) {
      try CapabilityAnalysis.analyze(Self.table(), benchmarks: ["x", "y"], imputation: nil) { _ in
        throw TooMany()
      }
    }
  }
}
