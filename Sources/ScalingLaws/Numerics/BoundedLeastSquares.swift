/// A bounded nonlinear least-squares solver: projected Levenberg–Marquardt with an active set.
///
/// Minimizes F(x) = Σᵢ ρ(rᵢ(x)) subject to l ≤ x ≤ u, where r: ℝᵖ → ℝᵐ are residuals and ρ
/// is the loss (`Loss`): ρ(r) = r²/2 for least squares, the Huber function for `.huber`.
///
/// Each iteration linearizes r at x (Jacobian J, analytic when given, else forward
/// differences) and forms the Gauss–Newton model of F with gradient g = Jᵀψ(r) and Hessian
/// approximation JᵀWJ (ψ = ρ′; W = 1 for least squares, the IRLS weights ψ(r)/r for Huber).
/// Bounds are handled as constraints, not by clipping afterwards:
/// 1. A variable sitting on a bound whose gradient points out of the box is *active* and
///    frozen for the step; the others are free.
/// 2. The damped step solves (JᵀWJ + λ·D)_FF δ_F = −g_F on the free set F (Cholesky via
///    LAPACK `dposv`), with D the diagonal of JᵀWJ (Marquardt scaling, kept at its running
///    maximum as MINPACK does).
/// 3. The trial point is the projection P(x + δ) onto the box; it is accepted when the actual
///    decrease of F is at least 1e-4 of the decrease the model predicts for the projected step.
///    λ then shrinks by max(1/3, 1 − (2ρ − 1)³); otherwise it grows by ν (doubling each time),
///    which turns the step into a short projected-gradient step, so every iteration that is
///    not optimal eventually decreases F (Nielsen 1999; Kanzow, Yamashita & Fukushima 2004).
///
/// Stopping rules (the first that holds ends the run, like scipy's `least_squares`):
/// - gradient: ‖x − P(x − g)‖∞ < `gradientTolerance` (the projected gradient: zero at a
///   constrained minimum even where a bound is active);
/// - cost: an accepted step decreased F by less than `costTolerance` · F, and the undamped
///   Gauss–Newton step from the new point promises less than that too (so a step that was
///   merely damped by a large λ does not end the run early);
/// - step: ‖x_new − x‖₂ < `stepTolerance` · (`stepTolerance` + ‖x‖₂) for the damped step and
///   for the undamped Gauss–Newton step alike;
/// - evaluations: `maxEvaluations` residual evaluations were spent (not converged).
///
/// Defaults (1e-8 each, 10 000 evaluations) are those of the reference's `curve_fit` call.
///
/// References: K. Madsen, H. B. Nielsen, O. Tingleff, "Methods for Non-Linear Least Squares
/// Problems" (2004), §3.2; C. Kanzow, N. Yamashita, M. Fukushima, "Levenberg–Marquardt methods
/// with strong local convergence properties for solving nonlinear equations with convex
/// constraints", J. Comput. Appl. Math. 172 (2004); scipy `scipy/optimize/_lsq/least_squares.py`.
public struct BoundedLeastSquares: Equatable, Sendable {
  /// Lower bounds, one per parameter (`-.infinity` for none).
  public var lower: [Double]
  /// Upper bounds, one per parameter (`.infinity` for none).
  public var upper: [Double]
  /// The loss applied to each residual.
  public var loss: Loss
  /// Relative decrease of F below which an accepted step ends the run. Default 1e-8.
  public var costTolerance: Double
  /// Relative step length below which the run ends. Default 1e-8.
  public var stepTolerance: Double
  /// Projected-gradient size below which the run ends. Default 1e-8.
  public var gradientTolerance: Double
  /// The most residual evaluations. Default 10 000.
  public var maxEvaluations: Int

  /// Creates a solver for `parameters` parameters, unbounded unless bounds are given.
  public init(
    parameters: Int, lower: [Double]? = nil, upper: [Double]? = nil, loss: Loss = .leastSquares,
    costTolerance: Double = 1e-8, stepTolerance: Double = 1e-8, gradientTolerance: Double = 1e-8,
    maxEvaluations: Int = 10_000
  ) {
    self.lower = lower ?? [Double](repeating: -.infinity, count: parameters)
    self.upper = upper ?? [Double](repeating: .infinity, count: parameters)
    self.loss = loss
    self.costTolerance = costTolerance
    self.stepTolerance = stepTolerance
    self.gradientTolerance = gradientTolerance
    self.maxEvaluations = maxEvaluations
  }

  /// Minimizes Σ ρ(rᵢ(x)) from `start` within the bounds.
  ///
  /// - Parameters:
  ///   - start: The initial point; it must lie within the bounds.
  ///   - residualCount: m, the number of residuals.
  ///   - residuals: Writes r(x) (length m) into its second argument.
  ///   - jacobian: Writes ∂r/∂x (m × p, column-major) into its second argument; nil for forward
  ///     differences with step √ε · max(1, |xⱼ|), stepping backwards at an upper bound.
  /// - Throws: `.infeasibleStart` when `start` violates a bound or the bounds cross;
  ///   `.nonFiniteObjective` when the residuals at the start are not finite; `.cancelled`
  ///   when the work monitor asks to stop.
  public func minimize(
    start: [Double], residualCount m: Int,
    residuals: (_ x: [Double], _ r: inout [Double]) -> Void,
    jacobian: ((_ x: [Double], _ j: inout Matrix) -> Void)? = nil
  ) throws -> LeastSquaresResult {
    let p = start.count
    precondition(
      lower.count == p && upper.count == p,
      "bounds have \(lower.count) and \(upper.count) entries for \(p) parameters")
    for k in 0..<p where !(lower[k] <= start[k] && start[k] <= upper[k]) || lower[k] > upper[k] {
      throw ScalingLawsError.infeasibleStart(
        parameter: "parameter \(k + 1)", value: start[k], lower: lower[k], upper: upper[k])
    }
    var x = start
    var r = [Double](repeating: 0, count: m)
    residuals(x, &r)
    var evaluations = 1
    var cost = loss.cost(r)
    guard cost.isFinite else { throw ScalingLawsError.nonFiniteObjective(iteration: 0) }
    var j = Matrix(rows: m, columns: p)
    var jacobianEvaluations = 0

    /// Fills `j` at the current point, analytically or by forward differences.
    func evaluateJacobian() {
      jacobianEvaluations += 1
      if let jacobian {
        jacobian(x, &j)
        return
      }
      var shifted = x
      var rShifted = [Double](repeating: 0, count: m)
      for k in 0..<p {
        var h = Double.ulpOfOne.squareRoot() * max(1, abs(x[k]))
        if x[k] + h > upper[k] { h = -h }
        shifted[k] = x[k] + h
        residuals(shifted, &rShifted)
        evaluations += 1
        for i in 0..<m { j[i, k] = (rShifted[i] - r[i]) / h }
        shifted[k] = x[k]
      }
    }

    evaluateJacobian()
    var scale = [Double](repeating: 0, count: p)
    var lambda = -1.0
    var nu = 2.0
    var iterations = 0
    var termination = LeastSquaresTermination.maxEvaluations
    var gradientNorm = Double.infinity
    var decreaseWasSmall = false

    outer: while true {
      try WorkMonitor.checkCancellation("fitting")
      let weights = loss.weights(r)
      let (hessian, gradientOfModel) = LAPACK.normalEquations(
        j, loss.psiOverWeight(r, weights), weights: weights)
      let g = gradientOfModel
      gradientNorm = projectedGradientNorm(x, g)
      if gradientNorm < gradientTolerance {
        // At the start itself the test says nothing was learned: a loss too flat to follow
        // (a Huber δ far below the residuals) looks exactly like an optimum here.
        termination = iterations == 0 ? .unmovedStart : .gradientTolerance
        break
      }
      for k in 0..<p { scale[k] = max(scale[k], hessian[k, k], 1e-12) }
      if lambda < 0 { lambda = 1e-3 * (scale.max() ?? 1) }
      let free = (0..<p).filter { k in
        !((x[k] <= lower[k] && g[k] > 0) || (x[k] >= upper[k] && g[k] < 0))
      }
      if decreaseWasSmall {
        // The last accepted step barely decreased F. That may only mean λ damped it, so stop
        // only when the undamped Gauss–Newton step promises no more: ½ g_Fᵀ H_FF⁻¹ g_F < tol·F.
        decreaseWasSmall = false
        if gaussNewtonDecrease(hessian, g, free: free) < costTolerance * cost {
          termination = .costTolerance
          break
        }
        lambda /= 10
      }
      iterations += 1
      while true {
        if evaluations >= maxEvaluations {
          termination = .maxEvaluations
          break outer
        }
        var system = freeBlock(hessian, free)
        for (a, k) in free.enumerated() { system[a, a] += lambda * scale[k] }
        guard let solved = LAPACK.solvePositiveDefinite(system, free.map { -g[$0] }) else {
          lambda *= nu
          nu *= 2
          continue
        }
        var trial = x
        for (a, k) in free.enumerated() {
          trial[k] = min(max(x[k] + solved[a], lower[k]), upper[k])
        }
        let step = zip(trial, x).map { $0 - $1 }
        let stepNorm = norm(step)
        // Model decrease for the projected step: −(gᵀd + ½ dᵀ H d).
        var quadratic = 0.0
        for a in 0..<p {
          var row = 0.0
          for b in 0..<p { row += hessian[a, b] * step[b] }
          quadratic += step[a] * row
        }
        let predicted = -(zip(g, step).reduce(0) { $0 + $1.0 * $1.1 } + 0.5 * quadratic)
        let stepLimit = stepTolerance * (stepTolerance + norm(x))
        if stepNorm < stepLimit, gaussNewtonStepNorm(hessian, g, x: x, free: free) < stepLimit {
          // Even the undamped step is negligible: nothing is left to gain.
          termination = .stepTolerance
          break outer
        }
        var rTrial = [Double](repeating: 0, count: m)
        residuals(trial, &rTrial)
        evaluations += 1
        let trialCost = loss.cost(rTrial)
        let actual = cost - trialCost
        let ratio = predicted > 0 && trialCost.isFinite ? actual / predicted : -1
        if ratio > 1e-4 {
          let previousCost = cost
          x = trial
          r = rTrial
          cost = trialCost
          lambda *= max(1.0 / 3.0, 1 - pow3(2 * ratio - 1))
          nu = 2
          if actual < costTolerance * previousCost { decreaseWasSmall = true }
          evaluateJacobian()
          continue outer
        }
        lambda *= nu
        nu *= 2
        if !lambda.isFinite || lambda > 1e300 {
          termination = .stepTolerance
          break outer
        }
      }
    }
    if termination != .gradientTolerance, termination != .unmovedStart {
      let weights = loss.weights(r)
      let (_, g) = LAPACK.normalEquations(j, loss.psiOverWeight(r, weights), weights: weights)
      gradientNorm = projectedGradientNorm(x, g)
    }
    return LeastSquaresResult(
      parameters: x, cost: cost, residuals: r, evaluations: evaluations,
      jacobianEvaluations: jacobianEvaluations, iterations: iterations, termination: termination,
      optimality: gradientNorm)
  }

  /// Returns H_FF, the rows and columns of `hessian` at the free indices.
  private func freeBlock(_ hessian: Matrix, _ free: [Int]) -> Matrix {
    var block = Matrix(rows: free.count, columns: free.count)
    for (a, ka) in free.enumerated() {
      for (b, kb) in free.enumerated() { block[a, b] = hessian[ka, kb] }
    }
    return block
  }

  /// Returns ½ g_Fᵀ H_FF⁻¹ g_F, the decrease the undamped Gauss–Newton model promises on the
  /// free set (0 when it is empty; infinity when H_FF is singular, so the run goes on).
  private func gaussNewtonDecrease(_ hessian: Matrix, _ g: [Double], free: [Int]) -> Double {
    guard !free.isEmpty else { return 0 }
    let system = freeBlock(hessian, free)
    let gradient = free.map { g[$0] }
    guard let solved = LAPACK.solvePositiveDefinite(system, gradient) else { return .infinity }
    return 0.5 * zip(gradient, solved).reduce(0) { $0 + $1.0 * $1.1 }
  }

  /// Returns the length of the projected undamped Gauss–Newton step from `x`.
  private func gaussNewtonStepNorm(_ hessian: Matrix, _ g: [Double], x: [Double], free: [Int])
    -> Double
  {
    guard !free.isEmpty else { return 0 }
    let system = freeBlock(hessian, free)
    guard let solved = LAPACK.solvePositiveDefinite(system, free.map { -g[$0] }) else { return 0 }
    var squared = 0.0
    for (a, k) in free.enumerated() {
      let moved = min(max(x[k] + solved[a], lower[k]), upper[k]) - x[k]
      squared += moved * moved
    }
    return squared.squareRoot()
  }

  /// Returns ‖x − P(x − g)‖∞, the size of the projected gradient.
  private func projectedGradientNorm(_ x: [Double], _ g: [Double]) -> Double {
    var largest = 0.0
    for k in x.indices {
      let moved = min(max(x[k] - g[k], lower[k]), upper[k])
      largest = max(largest, abs(x[k] - moved))
    }
    return largest
  }
}

/// Returns the Euclidean norm.
private func norm(_ v: [Double]) -> Double {
  v.reduce(0) { $0 + $1 * $1 }.squareRoot()
}

/// Returns v³.
private func pow3(_ v: Double) -> Double { v * v * v }

/// The loss ρ applied to each residual of a least-squares problem.
public enum Loss: Codable, Equatable, Sendable {
  /// ρ(r) = r²/2: ordinary least squares.
  case leastSquares
  /// ρ(r) = r²/2 for |r| ≤ δ and δ(|r| − δ/2) beyond: Huber's loss, quadratic near zero and
  /// linear in the tails, so outliers pull less. The paper's post-training analyses use δ = 1.
  case huber(delta: Double)

  /// Returns F = Σ ρ(rᵢ).
  func cost(_ r: [Double]) -> Double {
    switch self {
    case .leastSquares:
      return 0.5 * r.reduce(0) { $0 + $1 * $1 }
    case .huber(let delta):
      return r.reduce(0) { sum, value in
        let a = abs(value)
        return sum + (a <= delta ? 0.5 * value * value : delta * (a - 0.5 * delta))
      }
    }
  }

  /// Returns the IRLS weights ψ(r)/r (1 in the quadratic zone), or nil for least squares.
  func weights(_ r: [Double]) -> [Double]? {
    switch self {
    case .leastSquares: return nil
    case .huber(let delta): return r.map { abs($0) <= delta ? 1 : delta / abs($0) }
    }
  }

  /// Returns ψ(r)/w, the vector whose √w-scaled product with the √w-scaled J is Jᵀψ(r).
  ///
  /// `LAPACK.normalEquations` scales both J and its vector by √w, so passing ψ(r)/w here
  /// yields Jᵀ √w √w ψ(r)/w = Jᵀψ(r), the gradient of Σ ρ(rᵢ).
  func psiOverWeight(_ r: [Double], _ weights: [Double]?) -> [Double] {
    switch self {
    case .leastSquares: return r
    case .huber(let delta):
      guard let weights else { return r }
      return r.indices.map { i in
        let psi = abs(r[i]) <= delta ? r[i] : delta * (r[i] > 0 ? 1 : -1)
        return psi / weights[i]
      }
    }
  }
}

/// The outcome of a bounded least-squares run.
public struct LeastSquaresResult: Equatable, Sendable {
  /// The final parameters.
  public var parameters: [Double]
  /// F at the final parameters (Σ r²/2 for least squares, as scipy reports `cost`).
  public var cost: Double
  /// The residuals at the final parameters.
  public var residuals: [Double]
  /// Residual evaluations spent (finite-difference ones included).
  public var evaluations: Int
  /// Jacobian evaluations.
  public var jacobianEvaluations: Int
  /// Outer iterations (Jacobian linearizations).
  public var iterations: Int
  /// Why the run ended.
  public var termination: LeastSquaresTermination
  /// ‖x − P(x − g)‖∞ at the end: first-order optimality within the bounds.
  public var optimality: Double

  /// Whether a convergence test, rather than the evaluation budget, ended the run.
  public var converged: Bool { termination.converged }
}

/// Why a least-squares run ended.
public enum LeastSquaresTermination: String, Codable, Equatable, Sendable, CaseIterable {
  /// The projected gradient fell below its tolerance.
  case gradientTolerance = "gradient"
  /// An accepted step decreased the cost by less than its relative tolerance.
  case costTolerance = "cost"
  /// The step became shorter than its relative tolerance.
  case stepTolerance = "step"
  /// The evaluation budget ran out before any test held.
  case maxEvaluations = "evaluations"
  /// The gradient test held at the start point: the solver never moved, which is no evidence
  /// of an optimum (the loss may be too flat there to follow).
  case unmovedStart = "start"

  /// Whether a convergence test, rather than the budget or an unmoved start, ended the run.
  public var converged: Bool { self != .maxEvaluations && self != .unmovedStart }

  /// A sentence saying what happened, for reports.
  public var message: String {
    switch self {
    case .gradientTolerance: return "converged: the projected gradient is below its tolerance"
    case .costTolerance:
      return "converged: the cost stopped decreasing (relative change below tolerance)"
    case .stepTolerance: return "converged: the step became smaller than its tolerance"
    case .maxEvaluations: return "did not converge: the evaluation budget ran out"
    case .unmovedStart:
      return
        "did not move: the gradient at the start is already below its tolerance, so nothing was fitted (is the loss's scale, such as huber δ, far below the residuals?)"
    }
  }
}
