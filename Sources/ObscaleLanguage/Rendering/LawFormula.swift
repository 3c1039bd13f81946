public import ScalingLaws

/// Writes a fitted law as a formula: `y = 0.90·σ(1.23 + 0.45·PC-1 − 0.06·PC-2) + 0.10`.
public enum LawFormula {
  /// Returns the law's formula with four significant digits, every minus sign U+2212.
  public static func text(_ law: FittedLaw) -> String {
    var linear = NumberFormatting.formula(law.intercept)
    for (name, weight) in zip(law.predictorNames, law.weights) {
      linear += NumberFormatting.formulaTerm(weight) + "·" + name
    }
    return law.form.law.formulaText(linear: linear, height: law.height, floor: law.floor)
  }
}
