import ScalingLaws
import Testing

/// The one straight-line fit: exact on a line, nil without spread in x.
struct LeastSquaresLineTests {
  @Test func recoversALineAndItsFit() throws {
    let x = [0.0, 1, 2, 3]
    let line = try #require(LeastSquaresLine(x: x, y: x.map { 2 * $0 - 1 }))
    #expect(abs(line.slope - 2) < 1e-15 && abs(line.intercept + 1) < 1e-15)
    #expect(abs(line.rSquared - 1) < 1e-15 && line.sxy > 0)
    #expect(abs(line(10) - 19) < 1e-13)
    // Noise lowers R²: y = x with alternating ±1 (slope still 1 by symmetry of the noise).
    let noisy = try #require(LeastSquaresLine(x: x, y: [1.0, 0, 3, 2]))
    #expect(noisy.rSquared < 1)
  }

  @Test func needsTwoDistinctXValues() {
    #expect(LeastSquaresLine(x: [1], y: [2]) == nil)
    #expect(LeastSquaresLine(x: [1, 1, 1], y: [1, 2, 3]) == nil)
  }
}
