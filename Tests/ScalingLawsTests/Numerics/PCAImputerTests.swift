import ScalingLaws
import Testing

/// PCA imputation on exactly low-rank data, where the missing cells have a right answer.
struct PCAImputerTests {
  /// Rank-1 data: column j of row i is a_j + b_j · tᵢ.
  static func rankOne(rows: Int) -> Matrix {
    let a: [Double] = [0.2, 0.5, 0.1, 0.3]
    let b: [Double] = [0.05, 0.03, 0.08, -0.02]
    return Matrix(rows: (0..<rows).map { i in (0..<4).map { a[$0] + b[$0] * Double(i) } })
  }

  @Test func recoversRankOneCells() throws {
    let truth = Self.rankOne(rows: 10)
    var x = truth
    x[3, 1] = .nan
    x[7, 2] = .nan
    let (imputer, filled) = try PCAImputer.fit(x, columnNames: ["a", "b", "c", "d"])
    #expect(imputer.report.converged && imputer.report.missingCells == 2)
    #expect(close(filled[3, 1], truth[3, 1], 1e-6))
    #expect(close(filled[7, 2], truth[7, 2], 1e-6))
    // Observed cells are untouched.
    #expect(filled[0, 0] == truth[0, 0])
    // Test rows are filled from train's model.
    var test = Self.rankOne(rows: 12).selecting(rows: [10, 11])
    let expected = test
    test[0, 3] = .nan
    let (applied, report) = try imputer.apply(to: test)
    #expect(report.converged && close(applied[0, 3], expected[0, 3], 1e-6))
  }

  @Test func clipsImputedCellsOnly() throws {
    var x = Matrix(rows: (0..<8).map { i in [0.1 * Double(i), 0.42 + 0.095 * Double(i)] })
    x[7, 1] = .nan  // the line continues to 1.085, clipped to 1
    let (_, filled) = try PCAImputer.fit(x, columnNames: ["a", "b"])
    #expect(filled[7, 1] == 1)
    // Column a has nothing to fill: its observed 0.6 and 0.7 stay under a [0, 0.5] clip.
    let (_, kept) = try PCAImputer.fit(
      Matrix(rows: (0..<8).map { i in [0.1 * Double(i), i == 3 ? .nan : 0.05 * Double(i)] }),
      columnNames: ["a", "b"], settings: ImputationSettings(clip: 0...0.5))
    #expect(kept[6, 0] == 0.1 * 6 && kept[7, 0] == 0.1 * 7 && kept[7, 0] > 0.5)
  }

  @Test func refusesAColumnToFillWhoseObservedValuesLeaveTheClipRange() {
    // A benchmark on a 0–100 scale: under the default [0, 1] every filled cell would be 1.
    var x = Matrix(rows: (0..<8).map { i in [0.1 * Double(i), 20 + 9 * Double(i)] })
    x[7, 1] = .nan
    #expect(
      thrownError { try PCAImputer.fit(x, columnNames: ["a", "MMLU"]) }
        == .observedOutsideClip(column: "MMLU", low: 20, high: 74, clip: 0...1))
    #expect(
      (try? PCAImputer.fit(x, columnNames: ["a", "MMLU"], settings: ImputationSettings(clip: nil)))
        != nil, "clip = none imputes")
  }

  @Test func rejectsEmptyAndConstantColumns() {
    var x = Self.rankOne(rows: 5)
    for i in 0..<5 { x[i, 2] = .nan }
    #expect(
      thrownError { try PCAImputer.fit(x, columnNames: ["a", "b", "c", "d"]) }
        == .noObservedValues(column: "c"))
    var y = Self.rankOne(rows: 5)
    for i in 0..<5 { y[i, 0] = 0.5 }
    #expect(
      thrownError { try PCAImputer.fit(y, columnNames: ["a", "b", "c", "d"]) }
        == .constantColumn(column: "a", value: 0.5))
  }

  @Test func referenceStoppingRunsUntilAllCellsAgree() throws {
    var x = Self.rankOne(rows: 6)
    x[2, 0] = .nan
    let settings = ImputationSettings(stopping: .reference)
    let (imputer, _) = try PCAImputer.fit(x, columnNames: ["a", "b", "c", "d"], settings: settings)
    // Exactly rank-1 data reconstructs every cell, so the reference test can hold here.
    #expect(imputer.report.converged)
    #expect(imputer.report.rounds < 1000)
  }
}
