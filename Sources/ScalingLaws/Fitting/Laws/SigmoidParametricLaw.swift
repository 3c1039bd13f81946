/// The paper's law: y = (1 − b)·σ(P) + b, a sigmoid rising from a floor b to 1.
///
/// Parameters c, w₁…w_K free, then the floor b in ``LawBounds/floor`` (default [0, 0.2]),
/// starting at 0 (algorithm.md §7). σ(z) = 1/(1 + e^−z).
public struct SigmoidParametricLaw: Law {
  /// Creates the law.
  public init() {}
  /// `.sigmoidParametric`.
  public var form: LawForm { .sigmoidParametric }
  /// `(1 − b)·σ(P) + b`.
  public var formula: String { "(1 − b)·σ(P) + b" }
  /// [0, 1].
  public var range: ClosedRange<Double>? { 0...1 }
  /// The floor b.
  public var shapeNames: [String] { ["b"] }
  /// b = 0.
  public var shapeStart: [Double] { [0] }

  /// The floor's bounds.
  public func shapeBounds(_ bounds: LawBounds) -> [ClosedRange<Double>] { [bounds.floor] }

  /// Height 1 − b, floor b.
  public func heightAndFloor(_ shape: ArraySlice<Double>) -> (height: Double, floor: Double) {
    let floor = shape[shape.startIndex]
    return (1 - floor, floor)
  }

  /// [b].
  public func shape(height: Double, floor: Double) -> [Double] { [floor] }

  /// (1 − b)·σ(P) + b.
  public func score(capability p: Double, height: Double, floor: Double) -> Double {
    height * logistic(p) + floor
  }

  /// ∂y/∂P = (1 − b)·σ(1 − σ); ∂y/∂b = 1 − σ.
  public func derivatives(
    capability p: Double, height: Double, floor: Double, shape: inout [Double]
  )
    -> Double
  {
    let sigma = logistic(p)
    shape[0] = 1 - sigma
    return height * sigma * (1 - sigma)
  }

  /// P = logit((y − b)/(1 − b)) for b < y < 1.
  public func capability(score y: Double, height: Double, floor: Double) -> Double? {
    sigmoidInverse(y, height: height, floor: floor)
  }

  /// b within its bounds and a = 1 − b.
  public func inconsistency(height: Double, floor: Double, bounds: LawBounds) -> String? {
    bounds.floor.contains(floor) && abs(height - (1 - floor)) < 1e-12
      ? nil
      : "law.floor \(floor) and height \(height) are not a sigmoid-parametric law within its bounds"
  }

  /// `y = a·σ(P) + b` with the fitted a and b.
  public func formulaText(linear: String, height: Double, floor: Double) -> String {
    "y = \(NumberFormatting.formula(height))·σ(\(linear))\(NumberFormatting.formulaTerm(floor))"
  }
}

/// The capability of score `y` under a·σ(P) + b: logit((y − b)/a), nil outside (b, b + a).
func sigmoidInverse(_ y: Double, height: Double, floor: Double) -> Double? {
  let q = (y - floor) / height
  guard q > 0, q < 1, height > 0 else { return nil }
  return _log(q / (1 - q))
}
