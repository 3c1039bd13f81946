import ScalingLaws
import Testing

/// Applying a fit to models it never saw: the same path as its own test models.
struct ScalingLawFitApplyTests {
  static let demo = DemoData.generate()

  @Test(arguments: [PredictorSpec.principalComponents(3), .logFLOPs])
  func predictsTheFitsOwnTestModelsExactlyAsTheFitDid(_ predictors: PredictorSpec) throws {
    let table = try Self.demo.base.innerJoined(with: Self.demo.tasks).table
    let fit = try ScalingLawFit.fit(
      table,
      FitSpecification(target: "emergent_task", predictors: predictors, referenceFamily: "Atlas"))
    let applied = try fit.apply(to: table)
    let byModel = Dictionary(uniqueKeysWithValues: applied.rows.map { ($0.model, $0) })
    let imputed = Set(fit.imputation?.cells.map(\.model) ?? [])
    var compared = 0
    for row in fit.rows where row.side == .test || !imputed.contains(row.model) {
      guard let again = byModel[row.model] else {
        Issue.record("\(row.model) was not predicted")
        continue
      }
      #expect(abs(again.predicted - row.predicted) < 1e-12, "\(row.model)")
      #expect(again.actual == row.actual)
      #expect(abs((again.equivalentLog10FLOPs ?? .nan) - (row.equivalentLog10FLOPs ?? .nan)) < 1e-9)
      compared += 1
    }
    #expect(compared > 80)
  }

  @Test func aTableWithoutTheTargetIsPredictedWithoutActuals() throws {
    let fit = try ScalingLawFit.fit(
      try Self.demo.base.innerJoined(with: Self.demo.tasks).table,
      FitSpecification(target: "emergent_task", referenceFamily: "Atlas"))
    let applied = try fit.apply(to: Self.demo.base)
    #expect(applied.rows.count == Self.demo.base.rowCount)
    #expect(applied.rows.allSatisfy { $0.actual.isNaN && $0.predicted.isFinite })
    #expect(applied.errors.count == 0)
    #expect(
      !applied.imputedCells.isEmpty,
      "the base table's missing cells are filled by the fit's imputer")
  }

  @Test func namesTheMissingColumn() throws {
    let fit = try ScalingLawFit.fit(
      try Self.demo.base.innerJoined(with: Self.demo.tasks).table,
      FitSpecification(target: "emergent_task", referenceFamily: "Atlas"))
    let table = try ScoreTable(columns: [.text("Model", ["x"]), .numbers("MMLU", [0.5])])
    #expect(thrownError { try fit.apply(to: table) }.map { "\($0)" }?.contains("ARC-C") == true)
  }
}
