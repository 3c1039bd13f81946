import Testing

@testable import ScalingLaws

/// The Gram-matrix route of `PrincipalComponents.fit` for tall matrices against the SVD of
/// the centered matrix.
struct PrincipalComponentsGramTests {
  /// A tall matrix with correlated columns and unequal variances.
  static func tall(rows: Int, columns: Int, seed: UInt64) -> Matrix {
    var generator = SplitMix64(seed: seed)
    var x = Matrix(rows: rows, columns: columns)
    for i in 0..<rows {
      let latent = [generator.nextGaussian(), generator.nextGaussian(), generator.nextGaussian()]
      for j in 0..<columns {
        x[i, j] =
          0.5 + 0.1 * latent[j % 3] * Double(j + 1) + 0.02 * latent[(j + 1) % 3] + 0.01
          * generator.nextGaussian()
      }
    }
    return x
  }

  @Test(arguments: [(5000, 8), (20_000, 32)])
  func matchesTheSVDOfTheCenteredMatrix(_ rows: Int, _ columns: Int) throws {
    let x = Self.tall(rows: rows, columns: columns, seed: UInt64(rows))
    #expect(PrincipalComponents.usesGram(rows: rows, columns: columns))
    let pca = try PrincipalComponents.fit(
      x, components: 5, columnNames: (0..<columns).map { "c\($0)" })
    var centered = x
    let mean = columnMeans(x)
    for j in 0..<columns {
      for i in 0..<rows { centered[i, j] -= mean[j] }
    }
    let (values, vt) = try LAPACK.singularValueDecomposition(centered)
    for (a, b) in zip(pca.singularValues, values) {
      #expect(abs(a - b) <= 1e-8 * values[0], "singular values \(a) and \(b)")
    }
    for c in 0..<5 {
      // Same axis up to sign (the fit fixes the sign; the raw SVD does not).
      let dot = (0..<columns).reduce(0.0) { $0 + pca.components[c, $1] * vt[c, $1] }
      #expect(abs(abs(dot) - 1) < 1e-8, "component \(c + 1): |cos| = \(abs(dot))")
    }
    // The copy-free transform equals the centered product.
    let scores = pca.transform(x)
    let direct = LAPACK.multiplyTransposed(centered, pca.components)
    let worst = zip(scores.storage, direct.storage).map { abs($0 - $1) }.max() ?? 0
    #expect(worst < 1e-10)
  }

  @Test func smallTablesKeepTheSVD() {
    #expect(!PrincipalComponents.usesGram(rows: 148, columns: 8))
    #expect(!PrincipalComponents.usesGram(rows: 4096, columns: 300))
  }
}
