import ScalingLaws
import Testing

/// Other tables' models on the components of a pca fitted on base models.
struct CapabilityScaleTests {
  static let shared = [
    "MMLU", "ARC-C", "HellaSwag", "Winograd", "TruthfulQA", "GSM8K", "HumanEval",
  ]

  /// The paper's base models and its instruction-tuned and API models on one PC-1.
  @Test func placesTheInstructTableOnTheBaseModelsComponents() throws {
    guard let base = paperCSV("base_llm_benchmark_eval.csv"),
      let instructCSV = paperCSV("instruct_llm_benchmark_eval.csv")
    else { return }
    let table = try ScoreTable(csv: base)
    let paper = table.selecting(rows: try PaperSelection.paper.rows(of: table))
    let instruct = try ScoreTable(csv: instructCSV).renaming([
      (from: "Winogrande", to: "Winograd")
    ])
    let analysis = try CapabilityAnalysis.analyze(
      paper, benchmarks: Self.shared, imputation: ImputationSettings()
    ) { min(5, $0) }
    let scale = try analysis.scale(placing: [("instruct", instruct)], reference: "Llama-2")
    #expect(scale.entries.count == 77 + 27)
    // Nothing is refitted: a placed model with all its cells is the PCA of its scores.
    let x = Matrix(columns: try Self.shared.map { try instruct.numbers($0) })
    let direct = analysis.components.transform(x)
    let placed = scale.entries.filter { $0.origin == "instruct" }
    #expect(placed.map(\.model) == instruct.models)
    for (row, entry) in placed.enumerated() {
      let complete = (0..<x.columns).allSatisfy { !x[row, $0].isNaN }
      #expect(complete == (entry.imputed == 0), "\(entry.model)")
      if complete {
        for k in 0..<direct.columns {
          #expect(abs(entry.scores[k] - direct[row, k]) < 1e-12, "\(entry.model) PC-\(k + 1)")
        }
      }
    }
    // The API models lacking HellaSwag and Winogrande were filled by the base imputer.
    #expect(placed.filter { $0.imputed == 2 }.count >= 3)
    // The base models keep the analysis's own scores.
    for (row, entry) in scale.entries.prefix(77).enumerated() {
      #expect(entry.scores[0] == analysis.scores[row, 0])
    }
    // The compute reading is least squares over Llama-2: its residuals average zero.
    let line = try #require(scale.referenceLine)
    #expect(line.models == 3 && line.slope > 0)
    let llama = scale.entries.filter { $0.family == "Llama-2" && $0.origin == "base" }
    let mean =
      llama.map { $0.equivalentLog10FLOPs - Elementary.log10($0.flops) }.reduce(0, +)
      / Double(llama.count)
    #expect(abs(mean) < 1e-12)
    // GPT-4 tops the scale.
    let top = scale.entries.max { $0.scores[0] < $1.scores[0] }
    #expect(top?.model.hasPrefix("gpt-4") == true)
  }

  @Test func refusesAnUnknownReferenceAndAMissingBenchmark() throws {
    let base = DemoData.generate().base
    let analysis = try CapabilityAnalysis.analyze(
      base, benchmarks: ["MMLU", "GSM8K"], imputation: nil
    ) { _ in 1 }
    #expect(throws: ScalingLawsError.self) { try analysis.scale(placing: [], reference: "Nope") }
    let fewer = try base.dropping(["GSM8K"])
    #expect(throws: ScalingLawsError.self) {
      try analysis.scale(placing: [("fewer", fewer)], reference: "Atlas")
    }
  }
}
