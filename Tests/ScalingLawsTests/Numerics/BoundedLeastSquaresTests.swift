import Foundation
import ScalingLaws
import Testing

/// The solver against problems whose answers are known in closed form.
struct BoundedLeastSquaresTests {
  /// Rosenbrock as residuals: r = (10(x₂ − x₁²), 1 − x₁); unconstrained minimum (1, 1).
  static func rosenbrock(_ x: [Double], _ r: inout [Double]) {
    r[0] = 10 * (x[1] - x[0] * x[0])
    r[1] = 1 - x[0]
  }

  @Test(arguments: [true, false])
  func rosenbrockUnbounded(analytic: Bool) throws {
    let solver = BoundedLeastSquares(parameters: 2)
    let result = try solver.minimize(
      start: [-1.2, 1], residualCount: 2, residuals: Self.rosenbrock,
      jacobian: analytic
        ? { x, j in
          j[0, 0] = -20 * x[0]
          j[0, 1] = 10
          j[1, 0] = -1
          j[1, 1] = 0
        } : nil)
    #expect(result.converged)
    #expect(close(result.parameters[0], 1, 1e-6) && close(result.parameters[1], 1, 1e-6))
    #expect(result.cost < 1e-12)
  }

  /// A Huber δ so small that the gradient at the start is below every tolerance: the solver
  /// cannot move, and that is reported as not converged, never as an optimum.
  @Test func aStartTheSolverCannotLeaveIsNotConvergence() throws {
    let solver = BoundedLeastSquares(parameters: 2, loss: .huber(delta: 1e-14))
    let result = try solver.minimize(
      start: [-1.2, 1], residualCount: 2, residuals: Self.rosenbrock)
    #expect(result.parameters == [-1.2, 1])
    #expect(result.termination == .unmovedStart)
    #expect(!result.converged)
  }

  /// With x₁ ≤ 0.5 the constrained minimum of Rosenbrock is x₁ = 0.5, x₂ = 0.25, on the bound
  /// exactly (not clipped afterwards: the bound is active during the search).
  @Test func rosenbrockWithActiveBound() throws {
    let solver = BoundedLeastSquares(parameters: 2, lower: [-2, -2], upper: [0.5, 2])
    let result = try solver.minimize(
      start: [-1.2, 1], residualCount: 2, residuals: Self.rosenbrock)
    #expect(result.converged)
    #expect(result.parameters[0] == 0.5)
    #expect(close(result.parameters[1], 0.25, 1e-7))
    #expect(close(result.cost, 0.125, 1e-10))
    #expect(result.optimality < 1e-6)
  }

  /// A linear problem: the solver reaches the QR solution.
  @Test func linearProblemMatchesNormalEquations() throws {
    let xs = (0..<20).map { Double($0) / 4 }
    let ys = xs.map { 1.5 - 0.7 * $0 + 0.1 * sin(7 * $0) }
    // Parameters are known to about √tol of the relative cost tolerance: ask for 1e-15.
    let solver = BoundedLeastSquares(
      parameters: 2, costTolerance: 1e-15, stepTolerance: 1e-15, gradientTolerance: 1e-15)
    let result = try solver.minimize(start: [0, 0], residualCount: 20) { p, r in
      for i in xs.indices { r[i] = p[0] + p[1] * xs[i] - ys[i] }
    }
    // Closed form for a straight line.
    let n = Double(xs.count)
    let mx = xs.reduce(0, +) / n
    let my = ys.reduce(0, +) / n
    let slope =
      zip(xs, ys).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
      / xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
    #expect(close(result.parameters[1], slope, 1e-8))
    #expect(close(result.parameters[0], my - slope * mx, 1e-8))
  }

  /// Huber with a huge δ is least squares; with a small δ an outlier pulls less.
  @Test func huberDownweightsOutliers() throws {
    let ys: [Double] = [1, 1.1, 0.9, 1.05, 0.95, 10]
    func fit(_ loss: Loss) throws -> Double {
      let solver = BoundedLeastSquares(
        parameters: 1, loss: loss, costTolerance: 1e-15, stepTolerance: 1e-15,
        gradientTolerance: 1e-15)
      return try solver.minimize(
        start: [0], residualCount: ys.count,
        residuals: { p, r in for i in ys.indices { r[i] = p[0] - ys[i] } },
        jacobian: { _, j in for i in ys.indices { j[i, 0] = 1 } }
      ).parameters[0]
    }
    let mean = ys.reduce(0, +) / Double(ys.count)
    let plain = try fit(.leastSquares)
    #expect(close(plain, mean, 1e-8))
    #expect(close(try fit(.huber(delta: 100)), mean, 1e-8))
    let robust = try fit(.huber(delta: 0.1))
    // Huber's estimate solves Σ ψ(μ − yᵢ) = 0: five inliers and one clipped outlier.
    let psiSum = ys.reduce(0.0) { sum, y in
      let r = robust - y
      return sum + (abs(r) <= 0.1 ? r : 0.1 * (r > 0 ? 1 : -1))
    }
    #expect(abs(psiSum) < 1e-7)
    #expect(robust < 1.1)
  }

  /// A budget too small to converge is reported as such, not hidden.
  @Test func reportsExhaustedBudget() throws {
    let solver = BoundedLeastSquares(parameters: 2, maxEvaluations: 3)
    let result = try solver.minimize(
      start: [-1.2, 1], residualCount: 2, residuals: Self.rosenbrock)
    #expect(result.termination == .maxEvaluations)
    #expect(!result.converged)
    #expect(result.termination.message.contains("did not converge"))
  }

  @Test func rejectsInfeasibleStart() {
    let solver = BoundedLeastSquares(parameters: 1, lower: [0], upper: [1])
    let error = thrownError {
      try solver.minimize(start: [2], residualCount: 1) { p, r in r[0] = p[0] }
    }
    #expect(error == .infeasibleStart(parameter: "parameter 1", value: 2, lower: 0, upper: 1))
  }
}
