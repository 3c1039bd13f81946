import Foundation
import ScalingLaws
import Testing

/// PCA on data whose axes are known.
struct PrincipalComponentsTests {
  /// Twelve points spread along u = (3, 4)/5 (t = ±0.5, ±1.5, ±2.5) and, for each t, at
  /// ±0.1 along v = (−4, 3)/5, centred on (2, −1): Σt² = 35 and Σs² = 0.12, uncorrelated.
  static func points() -> Matrix {
    var rows: [[Double]] = []
    for i in 0..<6 {
      let t = Double(i) - 2.5
      for s in [0.1, -0.1] {
        rows.append([2 + 0.6 * t - 0.8 * s, -1 + 0.8 * t + 0.6 * s])
      }
    }
    return Matrix(rows: rows)
  }

  @Test func recoversAxesWithSignConvention() throws {
    let pca = try PrincipalComponents.fit(Self.points(), components: 2, columnNames: ["x", "y"])
    #expect(close(pca.components[0, 0], 0.6, 1e-12) && close(pca.components[0, 1], 0.8, 1e-12))
    // The second axis is ±(−0.8, 0.6); the convention makes its largest |entry| positive.
    #expect(close(pca.components[1, 0], 0.8, 1e-12) && close(pca.components[1, 1], -0.6, 1e-12))
    #expect(close(pca.mean[0], 2, 1e-12) && close(pca.mean[1], -1, 1e-12))
    #expect(close(pca.explainedVarianceRatio[0], 35 / 35.12, 1e-12))
    #expect(close(pca.explainedVarianceRatio[1], 0.12 / 35.12, 1e-12))
    #expect(close(pca.explainedVariance[0], 35.0 / 11.0, 1e-12))
  }

  @Test func transformAndReconstructRoundTrip() throws {
    let x = Self.points()
    let pca = try PrincipalComponents.fit(x, components: 2, columnNames: ["x", "y"])
    let back = pca.reconstruct(pca.transform(x))
    for k in x.storage.indices { #expect(close(back.storage[k], x.storage[k], 1e-12)) }
  }

  @Test(arguments: [0, 3])
  func rejectsComponentCountOutOfRange(_ k: Int) {
    let error = thrownError {
      try PrincipalComponents.fit(Self.points(), components: k, columnNames: ["x", "y"])
    }
    #expect(error == .tooManyComponents(requested: k, models: 12, benchmarks: 2))
  }

  @Test func fewerModelsThanComponents() {
    let x = Matrix(rows: [[0.1, 0.2, 0.3], [0.3, 0.1, 0.2]])
    let error = thrownError {
      try PrincipalComponents.fit(x, components: 3, columnNames: ["a", "b", "c"])
    }
    #expect(error == .tooManyComponents(requested: 3, models: 2, benchmarks: 3))
    #expect(
      error?.description
        == "component count 3 must be between 1 and min(models, benchmarks) = min(2, 3) = 2")
  }
}
