/// y = exp(P): a score that grows exponentially with capability.
public struct ExpLaw: Law {
  /// Creates the law.
  public init() {}
  /// `.exp`.
  public var form: LawForm { .exp }
  /// `exp(P)`.
  public var formula: String { "exp(P)" }
  /// Unbounded.
  public var range: ClosedRange<Double>? { nil }

  /// e^P.
  public func score(capability p: Double, height: Double, floor: Double) -> Double { _exp(p) }

  /// ∂y/∂P = e^P.
  public func derivatives(
    capability p: Double, height: Double, floor: Double, shape: inout [Double]
  )
    -> Double
  {
    _exp(p)
  }

  /// P = log y for y > 0.
  public func capability(score y: Double, height: Double, floor: Double) -> Double? {
    y > 0 ? _log(y) : nil
  }

  /// `y = exp(P)`.
  public func formulaText(linear: String, height: Double, floor: Double) -> String {
    "y = exp(\(linear))"
  }
}
