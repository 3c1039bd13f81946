import ScalingLaws
import Testing

/// Backtest folds, built by hand from a small table, and forecasts that are the held-out
/// models' own predictions.
struct BacktestTests {
  /// Two families: A with FLOPs 1, 10, 100, 1000 and B with 5, 50, 500; C without FLOPs.
  static func table() throws -> ScoreTable {
    try ScoreTable(columns: [
      .text(ScoreTable.modelColumn, ["a1", "a2", "a3", "a4", "b1", "b2", "b3", "c1"]),
      .text(ScoreTable.familyColumn, ["A", "A", "A", "A", "B", "B", "B", "C"]),
      .numbers(ScoreTable.flopsColumn, [1, 10, 100, 1000, 5, 50, 500, .nan]),
      .numbers("y", [0.1, 0.2, 0.3, 0.4, 0.15, 0.25, 0.35, 0.5]),
    ])
  }

  @Test func familiesHoldOutAllButTheSmallestKnown() throws {
    let (folds, skipped) = try Backtest.folds(.families(known: 2), of: try Self.table())
    #expect(folds.map(\.name) == ["A", "B"])
    #expect(folds[0].split == .holdOut(.modelIn(["a3", "a4"])))
    #expect(folds[1].split == .holdOut(.modelIn(["b3"])))
    // C has one model: none left to test with two known.
    #expect(skipped.map(\.fold) == ["C"])
    let none = try Backtest.folds(.families(known: 0), of: try Self.table()).folds
    #expect(none.count == 3 && none[2].split == .holdOut(.modelIn(["c1"])))
  }

  /// Groups hold out their families together, each family keeping its smallest `known`;
  /// models without a group always train; a group with nothing left to test is named.
  @Test func groupsHoldOutTheirFamiliesTogether() throws {
    let table = try Self.table().setting(
      .text("base", ["A", "A", "A", "A", "A", "A", "A", ""]))
    let renamed = try table.setting(
      .text(ScoreTable.familyColumn, ["A", "A", "A", "A", "A-it", "A-it", "A-it", "C"]))
    let (folds, skipped) = try Backtest.folds(.groups(column: "base", known: 1), of: renamed)
    #expect(folds.map(\.name) == ["A"])
    // b1 (FLOPs 5) is A-it's smallest: known, like a1; c1 has no group and always trains.
    #expect(folds.first?.split == .holdOut(.modelIn(["a2", "a3", "a4", "b2", "b3"])))
    #expect(skipped.isEmpty)
    let few = try Backtest.folds(.groups(column: "base", known: 4), of: renamed)
    #expect(few.folds.isEmpty)
    #expect(
      few.skipped.map(\.reason) == [
        "7 models in 2 families, none left to test with 4 known in each"
      ])
    #expect(throws: ScalingLawsError.self) {
      try Backtest.folds(.groups(column: "y", known: 1), of: renamed)
    }
  }

  @Test func cutoffsForecastTheNextDecadeFromEnoughModels() throws {
    // Decades 10⁰…10³: with fewer than 10 train models every fold is left out, and named.
    let (folds, skipped) = try Backtest.folds(.cutoffs, of: try Self.table())
    #expect(folds.isEmpty)
    #expect(skipped.count == 3)
    #expect(skipped.first?.reason == "1 model to train on (at least 10), 2 to test")
  }

  @Test func theModelPlanNamesModelsByTheirShortIds() throws {
    let table = try ScoreTable(columns: [
      .text(ScoreTable.modelColumn, ["org/x-1", "org/x-2", "org/y"]),
      .numbers("y", [1, 2, 3]),
    ])
    let (folds, skipped) = try Backtest.folds(.models(["x-2", "y", "missing"]), of: table)
    #expect(folds.first?.split == .holdOut(.modelIn(["org/x-2", "org/y"])))
    #expect(skipped.first?.reason == "1 of the 3 models are not in the table")
  }

  /// On the demo, a leave-one-family-out forecast of a family is exactly the prediction of a
  /// fit made with that family held out.
  @Test func forecastsAreTheHeldOutPredictions() throws {
    let demo = DemoData.generate()
    let table = try demo.base.innerJoined(with: demo.tasks).table
    let spec = FitSpecification(target: "gsm_cot", referenceFamily: nil)
    let (folds, _) = try Backtest.folds(.families(known: 1), of: table)
    let atlas = try #require(folds.first { $0.name == "Atlas" })
    let result = try Backtest.run(spec, folds: [atlas], samples: 0, seed: 0, level: 0.9)
    var direct = spec
    direct.split = atlas.split
    let fit = try ScalingLawFit.fit(table, direct)
    let expected = fit.rows.filter { $0.side == .test }
    #expect(result.forecasts.map(\.model) == expected.map(\.model))
    for (forecast, row) in zip(result.forecasts, expected) {
      #expect(forecast.predicted == row.predicted && forecast.actual == row.actual)
      #expect(forecast.interval == nil)
    }
    #expect(result.forecasts.count == 3, "Atlas has 4 models, its smallest known")
  }
}
