/// y = σ(P): a sigmoid from 0 to 1, no floor.
public struct SigmoidLaw: Law {
  /// Creates the law.
  public init() {}
  /// `.sigmoid`.
  public var form: LawForm { .sigmoid }
  /// `σ(P)`.
  public var formula: String { "σ(P)" }
  /// [0, 1].
  public var range: ClosedRange<Double>? { 0...1 }

  /// σ(P).
  public func score(capability p: Double, height: Double, floor: Double) -> Double {
    logistic(p)
  }

  /// ∂y/∂P = σ(1 − σ).
  public func derivatives(
    capability p: Double, height: Double, floor: Double, shape: inout [Double]
  )
    -> Double
  {
    let sigma = logistic(p)
    return sigma * (1 - sigma)
  }

  /// P = logit(y) for 0 < y < 1.
  public func capability(score y: Double, height: Double, floor: Double) -> Double? {
    sigmoidInverse(y, height: 1, floor: 0)
  }

  /// `y = σ(P)`.
  public func formulaText(linear: String, height: Double, floor: Double) -> String {
    "y = σ(\(linear))"
  }
}
