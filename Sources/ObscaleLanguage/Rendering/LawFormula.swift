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
    return law.form.law.formulaText(linear: linear, height: law.height, floor: law.floor)
  }
}
