/// Number formats shared by every rendering and message: the one home of how obscale writes
/// a number.
public enum NumberFormatting {
  /// Writes 10ᵏ with superscript digits: `powerOfTen(-1)` is "10⁻¹".
  public static func powerOfTen(_ exponent: Int) -> String {
    let superscripts: [Character: Character] = [
      "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸",
      "9": "⁹", "-": "⁻",
    ]
    return "10" + String(String(exponent).map { superscripts[$0] ?? $0 })
  }

  /// Returns `value` with `digits` decimals, or "—" for NaN.
  public static func fixed(_ value: Double, _ digits: Int = 4) -> String {
    guard !value.isNaN else { return "—" }
    let text = formatted("%.\(digits)f", value)
    // A value that rounds to zero prints as zero, not "-0.000".
    return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." })
      ? String(text.dropFirst()) : text
  }

  /// Returns `value` with `digits` significant digits (`%g`), or "—" for NaN.
  public static func significant(_ value: Double, _ digits: Int = 4) -> String {
    value.isNaN ? "—" : formatted("%.\(digits)g", value)
  }

  /// Returns `value` with `digits` significant digits for a formula, a negative one led by
  /// the minus sign (U+2212) that the formula's other terms use: "−2.335", not "-2.335".
  public static func formula(_ value: Double, _ digits: Int = 4) -> String {
    let text = significant(value, digits)
    return text.hasPrefix("-") ? "−" + text.dropFirst() : text
  }

  /// Returns `value` as a formula's added term, " + 0.1" or " − 0.1" (never "+ -0.1").
  public static func formulaTerm(_ value: Double, _ digits: Int = 4) -> String {
    (value < 0 ? " − " : " + ") + significant(abs(value), digits)
  }

  /// Returns `value` in scientific notation with `digits` decimals, or "—" for NaN.
  public static func scientific(_ value: Double, _ digits: Int = 2) -> String {
    value.isNaN ? "—" : formatted("%.\(digits)e", value)
  }

  /// Returns a percentage with one decimal.
  public static func percent(_ value: Double) -> String {
    formatted("%.1f%%", value * 100)
  }
}

/// Formats a number briefly: integers without a decimal point, others with up to 6 digits.
public func formatNumber(_ value: Double) -> String {
  if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
  var text = String(value)
  if text.count > 10, let short = Double(String(format6(value))) { text = String(short) }
  return text
}

/// Returns `value` rounded to 6 significant digits, as a Double.
private func format6(_ value: Double) -> Double {
  guard value != 0, value.isFinite else { return value }
  let magnitude = _pow10(Double(Int(_log10(abs(value)).rounded(.down)) - 5))
  return (value / magnitude).rounded() * magnitude
}
