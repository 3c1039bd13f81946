import ScalingLaws
import Testing

/// The paper's named selections against the tests' own statement of the facts and the
/// figures the paper's data give (77 of 148 models, 20 pre-registered).
struct PaperSelectionTests {
  @Test func theBaseSelectionIsThe77ModelsOfThePaper() throws {
    guard let csv = paperCSV("base_llm_benchmark_eval.csv") else { return }
    let table = try ScoreTable(csv: csv)
    #expect(table.rowCount == 148)
    let rows = try PaperSelection.paper.rows(of: table)
    #expect(rows.count == 77)
    // The same models as the filter the tests write from algorithm.md §1.
    let expected = try table.filtered(by: PaperFacts.filter).models
    #expect(rows.map { table.models[$0] } == expected)
    let later = try PaperSelection.preregistered.rows(of: table)
    #expect(later.count == 20)
    #expect(Set(rows).isDisjoint(with: later))
  }

  /// The subset-selection candidates and the agent selections of algorithm.md §13, against
  /// the same rules written out here and the counts the paper's data give (45, 22, 11).
  @Test func theCandidateAndAgentSelectionsAreTheAnalysesRows() throws {
    guard let base = paperCSV("base_llm_benchmark_eval.csv"),
      let agents = paperCSV("instruct_llm_agent_eval.csv")
    else { return }
    let table = try ScoreTable(csv: base)
    let candidates = try PaperSelection.candidates.rows(of: table)
    #expect(candidates.count == 45)
    let paper = Set(try PaperSelection.paper.rows(of: table))
    let flops = try table.numbers(ScoreTable.flopsColumn)
    let benchmarks = [
      "MMLU", "ARC-C", "HellaSwag", "Winograd", "TruthfulQA", "GSM8K", "XWinograd", "HumanEval",
    ]
    let complete = try benchmarks.map { try table.numbers($0) }
    let expected = table.models.indices.filter { row in
      paper.contains(row) && flops[row] <= 84 && complete.allSatisfy { !$0[row].isNaN }
    }
    #expect(candidates == expected)
    let agentTable = try ScoreTable(csv: agents)
    let bench = try PaperSelection.agentbench.rows(of: agentTable)
    let board = try PaperSelection.agentboard.rows(of: agentTable)
    #expect(bench.count == 22)
    #expect(board.count == 11)
    #expect(try bench.allSatisfy { !(try agentTable.numbers("ABench-OA"))[$0].isNaN })
    #expect(throws: ScalingLawsError.self) { try PaperSelection.agentbench.rows(of: table) }
  }

  @Test func theListsAreTheFactsOfAlgorithmSection1() {
    #expect(PaperSelection.families == PaperFacts.families)
    #expect(PaperSelection.preregisteredModels == PaperFacts.preregistered)
    #expect(Set(PaperSelection.families).count == 28)
    #expect(Set(PaperSelection.preregisteredModels).count == 20)
  }

  @Test func aTableWithoutThePapersModelsIsRefused() throws {
    let demo = DemoData.generate().base
    #expect(throws: ScalingLawsError.self) { try PaperSelection.paper.rows(of: demo) }
    #expect(throws: ScalingLawsError.self) { try PaperSelection.preregistered.rows(of: demo) }
  }
}
