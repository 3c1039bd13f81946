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
