/// y = P: the capability itself; least squares solves it in closed form (QR).
public struct LinearLaw: Law {
  /// Creates the law.
  public init() {}
  /// `.linear`.
  public var form: LawForm { .linear }
  /// `P`.
  public var formula: String { "P" }
  /// Unbounded.
  public var range: ClosedRange<Double>? { nil }
  /// Solved by ordinary least squares under the squared loss.
  public var isLinear: Bool { true }

  /// P.
  public func score(capability p: Double, height: Double, floor: Double) -> Double { p }

  /// ∂y/∂P = 1.
  public func derivatives(
    capability p: Double, height: Double, floor: Double, shape: inout [Double]
  )
    -> Double
  {
    1
  }

  /// P = y.
  public func capability(score y: Double, height: Double, floor: Double) -> Double? { y }

  /// `y = P`.
  public func formulaText(linear: String, height: Double, floor: Double) -> String {
    "y = \(linear)"
  }
}
