import ScalingLaws
import Testing

/// FLOPs from parameters and tokens: the paper's own column is 6·N·D, so removing it and
/// estimating it again gives it back.
struct ScoreTableComputeTests {
  @Test func estimatesThePapersFLOPsFromSizeAndTokens() throws {
    guard let csv = paperCSV("base_llm_benchmark_eval.csv") else { return }
    let table = try ScoreTable(csv: csv)
    let given = try table.numbers(ScoreTable.flopsColumn)
    let without = try table.dropping([ScoreTable.flopsColumn])
    let (estimated, names, lacking) = try without.estimatingFLOPs()
    let flops = try estimated.numbers(ScoreTable.flopsColumn)
    var compared = 0
    for row in 0..<table.rowCount where !given[row].isNaN {
      #expect(abs(flops[row] - given[row]) <= 1e-9 * given[row], "\(table.models[row])")
      compared += 1
    }
    #expect(compared == 123)
    #expect(names.count == 123)
    #expect(lacking.count == table.rowCount - 123)
  }

  @Test func keepsGivenFLOPsAndNamesWhatItCannotEstimate() throws {
    let table = try ScoreTable(columns: [
      .text(ScoreTable.modelColumn, ["a", "b", "c"]),
      .numbers(ScoreTable.sizeColumn, [7, 13, 3]),
      .numbers(ScoreTable.dataColumn, [2, 2, .nan]),
      .numbers(ScoreTable.flopsColumn, [.nan, 150, .nan]),
    ])
    let (filled, estimated, lacking) = try table.estimatingFLOPs()
    let flops = try filled.numbers(ScoreTable.flopsColumn)
    #expect(flops[0] == 84 && flops[1] == 150 && flops[2].isNaN)
    #expect(estimated == ["a"] && lacking == ["c"])
    #expect(throws: ScalingLawsError.self) {
      try table.dropping([ScoreTable.dataColumn]).estimatingFLOPs()
    }
  }
}
