/// y = a·σ(P) + b: the paper's law with a free height a.
///
/// Parameters c, w free, then the height a in ``LawBounds/height`` (default [0.6, 1]) and
/// the floor b in ``LawBounds/floor``, starting at a = 1, b = 0. The reference lists these
/// bounds in the wrong order (its start is infeasible); here they are as intended
/// (algorithm.md §7).
public struct SigmoidFreeHeightLaw: Law {
  /// Creates the law.
  public init() {}
  /// `.sigmoidParametricFreeHeight`.
  public var form: LawForm { .sigmoidParametricFreeHeight }
  /// `a·σ(P) + b`.
  public var formula: String { "a·σ(P) + b" }
  /// [0, 1].
  public var range: ClosedRange<Double>? { 0...1 }
  /// The height a, then the floor b.
  public var shapeNames: [String] { ["a", "b"] }
  /// a = 1, b = 0.
  public var shapeStart: [Double] { [1, 0] }

  /// The height's and the floor's bounds.
  public func shapeBounds(_ bounds: LawBounds) -> [ClosedRange<Double>] {
    [bounds.height, bounds.floor]
  }

  /// Height a, floor b.
  public func heightAndFloor(_ shape: ArraySlice<Double>) -> (height: Double, floor: Double) {
    (shape[shape.startIndex], shape[shape.startIndex + 1])
  }

  /// [a, b].
  public func shape(height: Double, floor: Double) -> [Double] { [height, floor] }

  /// a·σ(P) + b.
  public func score(capability p: Double, height: Double, floor: Double) -> Double {
    height * logistic(p) + floor
  }

  /// ∂y/∂P = a·σ(1 − σ); ∂y/∂a = σ; ∂y/∂b = 1.
  public func derivatives(
    capability p: Double, height: Double, floor: Double, shape: inout [Double]
  )
    -> Double
  {
    let sigma = logistic(p)
    shape[0] = sigma
    shape[1] = 1
    return height * sigma * (1 - sigma)
  }

  /// P = logit((y − b)/a) for b < y < a + b.
  public func capability(score y: Double, height: Double, floor: Double) -> Double? {
    sigmoidInverse(y, height: height, floor: floor)
  }

  /// a and b within their bounds.
  public func inconsistency(height: Double, floor: Double, bounds: LawBounds) -> String? {
    bounds.floor.contains(floor) && bounds.height.contains(height)
      ? nil : "law.floor \(floor) or height \(height) lies outside its bounds"
  }

  /// `y = a·σ(P) + b` with the fitted a and b.
  public func formulaText(linear: String, height: Double, floor: Double) -> String {
    "y = \(NumberFormatting.formula(height))·σ(\(linear))\(NumberFormatting.formulaTerm(floor))"
  }
}
