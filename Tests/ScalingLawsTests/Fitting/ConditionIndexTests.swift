import ScalingLaws
import Testing

/// The condition index of a fitted law's Jacobian: small where the data pin the parameters,
/// large where a combination of them barely moves the predictions.
struct ConditionIndexTests {
  /// A linear law on two predictors: independent ones give an index near 1; nearly equal ones
  /// (one parameter's effect indistinguishable from the other's) give one in the thousands,
  /// computed here independently as the ratio of the scaled design's singular values.
  @Test func separatesIdentifiedFromUnidentifiedParameters() throws {
    let n = 40
    let a = (0..<n).map { Double($0) / Double(n) }
    let independent = (0..<n).map { Double(($0 * 7) % n) / Double(n) }
    let nearlyA = a.indices.map { a[$0] + 1e-4 * Double($0 % 3) }
    let y = a.indices.map { 0.2 + 0.5 * a[$0] + 0.1 * independent[$0] }
    var options = LawOptions()
    options.form = .linear
    let good = try FittedLaw.fit(
      predictors: Matrix(columns: [a, independent]), names: ["a", "b"], targets: y,
      options: options)
    let bad = try FittedLaw.fit(
      predictors: Matrix(columns: [a, nearlyA]), names: ["a", "b"], targets: y, options: options)
    let goodIndex = try #require(good.conditionIndex(Matrix(columns: [a, independent])))
    let badIndex = try #require(bad.conditionIndex(Matrix(columns: [a, nearlyA])))
    #expect(goodIndex < 10, "\(goodIndex)")
    #expect(badIndex > 1000, "\(badIndex)")
    // For a linear law the Jacobian is the design [1, a, b]: the same index by hand, through
    // the scaled Gram matrix's extreme eigenvalues (power iteration and its inverse).
    func scaledGram(_ columns: [[Double]]) -> [[Double]] {
      let scaled = columns.map { column -> [Double] in
        let norm = column.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return column.map { $0 / norm }
      }
      return scaled.map { u in scaled.map { v in zip(u, v).reduce(0) { $0 + $1.0 * $1.1 } } }
    }
    let gram = scaledGram([[Double](repeating: 1, count: n), a, independent])
    // The 3 × 3 symmetric eigenvalues from the characteristic polynomial's roots by bisection.
    func determinant(_ m: [[Double]], minus t: Double) -> Double {
      let b = m.indices.map { i in m[i].indices.map { j in m[i][j] - (i == j ? t : 0) } }
      return b[0][0] * (b[1][1] * b[2][2] - b[1][2] * b[2][1])
        - b[0][1] * (b[1][0] * b[2][2] - b[1][2] * b[2][0])
        + b[0][2] * (b[1][0] * b[2][1] - b[1][1] * b[2][0])
    }
    var roots: [Double] = []
    var previous = determinant(gram, minus: 0)
    var t = 0.0
    while t < 3.01 {
      let next = determinant(gram, minus: t + 1e-4)
      if previous == 0 || (previous < 0) != (next < 0) { roots.append(t) }
      previous = next
      t += 1e-4
    }
    #expect(roots.count == 3, "\(roots)")
    if let low = roots.min(), let high = roots.max(), low > 0 {
      let byHand = (high / low).squareRoot()
      #expect(abs(byHand - goodIndex) / goodIndex < 0.01, "\(byHand) vs \(goodIndex)")
    }
  }
}
