/// A principal component analysis fitted to a training matrix: its mean, axes and variances.
///
/// Fitting centers the n × T training matrix X by its column means μ (no scaling), takes the
/// thin SVD X − 1μᵀ = U Σ Vᵀ, and keeps the first k right singular vectors as the components
/// (rows of `components`, k × T). The explained-variance ratio of component i is σᵢ² / Σⱼ σⱼ²
/// over *all* min(n, T) singular values, and the explained variance σᵢ² / (n − 1), as
/// scikit-learn's `PCA` reports them. Scores of any rows are (X − 1μᵀ) · componentsᵀ.
///
/// Sign convention: each component is flipped so that its entry of largest absolute value is
/// positive, which makes results reproducible across LAPACK builds (scikit-learn ≥ 1.5,
/// `svd_flip` with `u_based_decision=False`).
///
/// Reference: algorithm.md §6; scikit-learn `sklearn/decomposition/_pca.py`.
public struct PrincipalComponents: Codable, Equatable, Sendable {
  /// The names of the T input columns, in order.
  public var columnNames: [String]
  /// The training column means μ, length T.
  public var mean: [Double]
  /// The components, k × T, one unit-length axis per row, ordered by decreasing variance.
  public var components: Matrix
  /// All min(n, T) singular values of the centered training matrix, descending.
  public var singularValues: [Double]
  /// The number of training rows n.
  public var trainingRows: Int

  /// The number of components kept, k.
  public var count: Int { components.rows }

  /// σᵢ² / Σⱼ σⱼ² for the k kept components.
  public var explainedVarianceRatio: [Double] {
    let total = singularValues.reduce(0) { $0 + $1 * $1 }
    guard total > 0 else { return [Double](repeating: 0, count: count) }
    return singularValues.prefix(count).map { $0 * $0 / total }
  }

  /// σᵢ² / (n − 1) for the k kept components (the variance of each score column).
  public var explainedVariance: [Double] {
    let denominator = Double(max(trainingRows - 1, 1))
    return singularValues.prefix(count).map { $0 * $0 / denominator }
  }

  /// Fits `components` principal components to the rows of `x` (n × T, no missing cells).
  ///
  /// - Parameters:
  ///   - x: The training matrix; every cell finite.
  ///   - components: k, between 1 and min(n, T).
  ///   - columnNames: T names, for reporting.
  /// - Throws: `.tooManyComponents` when k is out of range; `.linearAlgebraFailure` if the SVD
  ///   does not converge.
  /// - Complexity: O(n T²).
  public static func fit(_ x: Matrix, components k: Int, columnNames: [String]) throws
    -> PrincipalComponents
  {
    precondition(
      columnNames.count == x.columns, "\(columnNames.count) names for \(x.columns) columns")
    guard k >= 1, k <= min(x.rows, x.columns) else {
      throw ScalingLawsError.tooManyComponents(requested: k, models: x.rows, benchmarks: x.columns)
    }
    let mean = columnMeans(x)
    let values: [Double]
    let vt: Matrix
    if PrincipalComponents.usesGram(rows: x.rows, columns: x.columns) {
      // Tall matrices: the eigenvectors of the centered Gram matrix (T × T) are the right
      // singular vectors and √λ the singular values; no copy of the n × T matrix is made.
      let (eigenvalues, vectors) = try LAPACK.symmetricEigen(LAPACK.centeredGram(x, mean: mean))
      let t = x.columns
      values = eigenvalues.reversed().map { max($0, 0).squareRoot() }
      var rows = Matrix(rows: t, columns: t)
      for c in 0..<t {
        for j in 0..<t { rows[c, j] = vectors[j, t - 1 - c] }
      }
      vt = rows
    } else {
      var centered = x
      for j in 0..<x.columns {
        let base = j * x.rows
        for i in 0..<x.rows { centered.storage[base + i] -= mean[j] }
      }
      (values, vt) = try LAPACK.singularValueDecomposition(centered)
    }
    var axes = Matrix(rows: k, columns: x.columns)
    for c in 0..<k {
      var largest = 0.0
      var sign = 1.0
      for j in 0..<x.columns where abs(vt[c, j]) > largest {
        largest = abs(vt[c, j])
        sign = vt[c, j] < 0 ? -1 : 1
      }
      for j in 0..<x.columns { axes[c, j] = sign * vt[c, j] }
    }
    return PrincipalComponents(
      columnNames: columnNames, mean: mean, components: axes, singularValues: values,
      trainingRows: x.rows)
  }

  /// Whether `fit` takes the Gram-matrix route for an n × T matrix: from 4096 rows and at
  /// least 16 rows per column. Smaller tables (every table of the paper) keep `dgesvd` on the
  /// centered matrix, the most accurate route; for tall ones the T × T Gram matrix is as
  /// accurate in practice and avoids the O(nT²) QR and two n × T copies per fit.
  static func usesGram(rows: Int, columns: Int) -> Bool {
    rows >= 4096 && rows >= 16 * columns
  }

  /// Returns the scores (X − 1μᵀ) · componentsᵀ of the rows of `x`, n × k.
  public func transform(_ x: Matrix) -> Matrix {
    precondition(x.columns == mean.count, "matrix has \(x.columns) columns, PCA \(mean.count)")
    if PrincipalComponents.usesGram(rows: x.rows, columns: x.columns) {
      // X·Cᵀ − 1(μ·Cᵀ): no centered copy of a tall matrix.
      var scores = LAPACK.multiplyTransposed(x, components)
      for c in 0..<components.rows {
        var shift = 0.0
        for j in 0..<mean.count { shift += mean[j] * components[c, j] }
        let base = c * scores.rows
        for i in 0..<scores.rows { scores.storage[base + i] -= shift }
      }
      return scores
    }
    var centered = x
    for j in 0..<x.columns {
      let base = j * x.rows
      for i in 0..<x.rows { centered.storage[base + i] -= mean[j] }
    }
    return LAPACK.multiplyTransposed(centered, components)
  }

  /// Returns the rank-k reconstruction 1μᵀ + scores · components at the given cells only
  /// (column-major offsets into the n × T matrix, n = `scores.rows`), without forming the
  /// n × T matrix: O(cells · k) work and no allocation proportional to the table.
  public func reconstruct(_ scores: Matrix, at cells: [Int]) -> [Double] {
    let n = scores.rows
    return scores.storage.withUnsafeBufferPointer { s in
      cells.map { cell in
        let i = cell % n
        let j = cell / n
        var sum = 0.0
        for c in 0..<components.rows { sum += s[c * n + i] * components[c, j] }
        return sum + mean[j]
      }
    }
  }

  /// Returns 1μᵀ + scores · components: the rank-k reconstruction, n × T.
  public func reconstruct(_ scores: Matrix) -> Matrix {
    var result = LAPACK.multiply(scores, components)
    for j in 0..<result.columns {
      let base = j * result.rows
      for i in 0..<result.rows { result.storage[base + i] += mean[j] }
    }
    return result
  }
}

/// Returns the mean of each column of `x`.
func columnMeans(_ x: Matrix) -> [Double] {
  (0..<x.columns).map { j in
    var sum = 0.0
    let base = j * x.rows
    for i in 0..<x.rows { sum += x.storage[base + i] }
    return x.rows > 0 ? sum / Double(x.rows) : 0
  }
}
