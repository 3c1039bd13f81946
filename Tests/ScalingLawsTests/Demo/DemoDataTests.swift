import Foundation
import ScalingLaws
import Testing

/// The demo data is deterministic, labelled, paper-shaped, and the engine recovers its truth.
struct DemoDataTests {
  static let demo = DemoData.generate()

  @Test func isDeterministicAndLabelled() {
    let again = DemoData.generate()
    #expect(again.base == Self.demo.base && again.tasks == Self.demo.tasks)
    #expect(DemoData.generate(seed: 1).base != Self.demo.base)
    #expect(Self.demo.base.provenance?.contains("synthetic") == true)
    #expect(Self.demo.tasks.provenance?.contains("synthetic") == true)
  }

  @Test func isShapedLikeThePaperData() throws {
    let base = Self.demo.base
    #expect(base.familyNames.count == 20)
    #expect((90...110).contains(base.rowCount))
    #expect(base.metricNames == FitSpecification.paperBenchmarks)
    let flops = try base.numbers(ScoreTable.flopsColumn).filter { !$0.isNaN }
    #expect(log10((flops.max() ?? 0) / (flops.min() ?? 1)) >= 4)
    let missing = base.columns.reduce(0) {
      $0 + (base.metricNames.contains($1.name) ? $1.missingCount : 0)
    }
    #expect(missing == Self.demo.truth.hiddenCells.count && missing > 0)
    for name in base.metricNames {
      #expect(try base.numbers(name).allSatisfy { $0.isNaN || (0...1).contains($0) }, "\(name)")
    }
  }

  /// The top three components span the loadings' column space: projecting each loading
  /// column onto the component span keeps almost all of its length.
  @Test func pcaRecoversTheLatentSubspace() throws {
    let base = Self.demo.base
    let x = Matrix(columns: try FitSpecification.paperBenchmarks.map { try base.numbers($0) })
    let (_, filled) = try PCAImputer.fit(x, columnNames: FitSpecification.paperBenchmarks)
    let pca = try PrincipalComponents.fit(
      filled, components: 3, columnNames: FitSpecification.paperBenchmarks)
    #expect(pca.explainedVarianceRatio.reduce(0, +) > 0.99)
    let loadings = Self.demo.truth.loadings
    for c in 0..<3 {
      let column = loadings.map { $0[c] }
      let length = column.reduce(0) { $0 + $1 * $1 }
      var kept = 0.0
      for k in 0..<3 {
        let dot = column.indices.reduce(0.0) { $0 + column[$1] * pca.components[k, $1] }
        kept += dot * dot
      }
      #expect(kept / length > 0.98, "latent \(c) keeps \(kept / length)")
    }
  }

  @Test func imputationRecoversHiddenCells() throws {
    let base = Self.demo.base
    let names = FitSpecification.paperBenchmarks
    let x = Matrix(columns: try names.map { try base.numbers($0) })
    let (imputer, filled) = try PCAImputer.fit(x, columnNames: names)
    #expect(imputer.report.converged)
    for cell in Self.demo.truth.hiddenCells {
      let i = try #require(base.models.firstIndex(of: cell.model))
      let j = try #require(names.firstIndex(of: cell.benchmark))
      // One component captures the general factor; the hidden code/knowledge part is the error.
      #expect(abs(filled[i, j] - cell.value) < 0.05, "\(cell.model) \(cell.benchmark)")
    }
  }

  /// The PC law predicts the held-out large models close to their noise-free truth, and far
  /// better than the compute baseline on the same models.
  @Test(arguments: ["emergent_task", "gsm_cot"])
  func lawRecoversTheTruth(_ task: String) throws {
    let joined = try Self.demo.base.innerJoined(with: Self.demo.tasks).table
    var spec = FitSpecification(target: task, referenceFamily: "Atlas")
    let fit = try ScalingLawFit.fit(joined, spec)
    #expect(fit.law.solver.converged)
    let clean = try #require(Self.demo.truth.cleanTasks[task])
    let index = Dictionary(uniqueKeysWithValues: joined.models.enumerated().map { ($1, $0) })
    let test = fit.rows.filter { $0.side == .test }
    let rmse =
      (test.reduce(0.0) { sum, row in
        let truth = clean[index[row.model] ?? 0]
        return sum + (row.predicted - truth) * (row.predicted - truth)
      } / Double(test.count)).squareRoot()
    #expect(rmse < 0.03, "\(task): test RMSE against the truth \(rmse)")
    spec.predictors = .logFLOPs
    let baseline = try ScalingLawFit.fit(joined, spec)
    let common = Set(baseline.rows.filter { $0.side == .test }.map(\.model))
    #expect(
      fit.errors(side: .test, models: common).mse * 5
        < baseline.errors(side: .test, models: common).mse)
  }
}
