import ScalingLaws
import Testing

/// Compute efficiency by family on the paper's data: the paper singles out Phi (its
/// synthetic-data generation compute is not counted in its FLOPs).
struct ComputeEfficiencyTests {
  @Test func phiIsTheMostEfficientFamilyAndItsModelsTheOutliers() throws {
    guard let csv = paperCSV("base_llm_benchmark_eval.csv") else { return }
    let table = try ScoreTable(csv: csv)
    let paper = table.selecting(rows: try PaperSelection.paper.rows(of: table))
    let analysis = try CapabilityAnalysis.analyze(
      paper, benchmarks: FitSpecification.paperBenchmarks, imputation: ImputationSettings()
    ) { min(5, $0) }
    let efficiency = try analysis.computeEfficiency()
    #expect(efficiency.slope > 0)
    #expect(efficiency.families.first?.name == "Phi")
    #expect((efficiency.families.first?.computeFactor ?? 0) > 10)
    #expect(!efficiency.outliers.isEmpty)
    #expect(efficiency.outliers.allSatisfy { $0.family == "Phi" && $0.standardized > 2 })
    // Offsets are mean residuals, so weighted by model count they sum to zero.
    let weighted = efficiency.families.reduce(0) { $0 + $1.offset * Double($1.models) }
    #expect(abs(weighted) < 1e-9)
    #expect(efficiency.families.reduce(0) { $0 + $1.models } == efficiency.models)
  }

  @Test func needsThreeModelsWithCompute() throws {
    let table = try ScoreTable(columns: [
      .text(ScoreTable.modelColumn, ["a", "b", "c"]),
      .text(ScoreTable.familyColumn, ["A", "A", "B"]),
      .numbers(ScoreTable.flopsColumn, [1, .nan, 10]),
      .numbers("x", [0.1, 0.4, 0.2]), .numbers("y", [0.2, 0.5, 0.3]),
    ])
    let analysis = try CapabilityAnalysis.analyze(table, benchmarks: ["x", "y"], imputation: nil) {
      _ in 1
    }
    #expect(throws: ScalingLawsError.self) { try analysis.computeEfficiency() }
  }
}
