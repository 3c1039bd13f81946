public import ScalingLaws

/// Writes a fitted law as a formula: `y = 0.90·σ(1.23 + 0.45·PC-1 − 0.06·PC-2) + 0.10`.
public enum LawFormula {
  /// Returns the law's formula with four significant digits.
  public static func text(_ law: FittedLaw) -> String {
    var linear = NumberFormatting.significant(law.intercept, 4)
    for (name, weight) in zip(law.predictorNames, law.weights) {
      linear +=
        (weight < 0 ? " − " : " + ") + NumberFormatting.significant(abs(weight), 4) + "·" + name
    }
    switch law.form {
    case .sigmoidParametric, .sigmoidParametricFreeHeight:
      return
        "y = \(NumberFormatting.significant(law.height, 4))·σ(\(linear)) + \(NumberFormatting.significant(law.floor, 4))"
    case .sigmoid:
      return "y = σ(\(linear))"
    case .exp:
      return "y = exp(\(linear))"
    case .linear:
      return "y = \(linear)"
    }
  }
}
