internal import ScalingLaws

/// Number formats shared by every plain-text rendering.
enum NumberFormatting {
  /// Returns `value` with `digits` decimals, or "—" for NaN.
  static func fixed(_ value: Double, _ digits: Int = 4) -> String {
    value.isNaN ? "—" : formatted("%.\(digits)f", value)
  }

  /// Returns `value` with `digits` significant digits (`%g`), or "—" for NaN.
  static func significant(_ value: Double, _ digits: Int = 4) -> String {
    value.isNaN ? "—" : formatted("%.\(digits)g", value)
  }

  /// Returns `value` in scientific notation with `digits` decimals, or "—" for NaN.
  static func scientific(_ value: Double, _ digits: Int = 2) -> String {
    value.isNaN ? "—" : formatted("%.\(digits)e", value)
  }

  /// Returns a percentage with one decimal.
  static func percent(_ value: Double) -> String {
    formatted("%.1f%%", value * 100)
  }
}
