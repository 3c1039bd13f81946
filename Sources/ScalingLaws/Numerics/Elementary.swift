internal import Glibc

/// Returns the natural logarithm (a single seam to the C library's libm).
@inline(__always) func _log(_ x: Double) -> Double { Glibc.log(x) }
/// Returns the cosine.
@inline(__always) func _cos(_ x: Double) -> Double { Glibc.cos(x) }
/// Returns e^x.
@inline(__always) func _exp(_ x: Double) -> Double { Glibc.exp(x) }
/// Returns the base-10 logarithm.
@inline(__always) func _log10(_ x: Double) -> Double { Glibc.log10(x) }
/// Returns 10^x.
@inline(__always) func _pow10(_ x: Double) -> Double { Glibc.pow(10, x) }

/// Returns the logistic function σ(z) = 1/(1 + e^−z), computed without overflow.
@inline(__always) func logistic(_ z: Double) -> Double {
  if z >= 0 { return 1 / (1 + _exp(-z)) }
  let e = _exp(z)
  return e / (1 + e)
}

/// The same functions for the modules above the engine (axes, charts, labels), so that the
/// C library is reached through this one file.
public enum Elementary {
  /// Returns the natural logarithm.
  public static func log(_ x: Double) -> Double { _log(x) }
  /// Returns the base-10 logarithm.
  public static func log10(_ x: Double) -> Double { _log10(x) }
  /// Returns 10^x.
  public static func pow10(_ x: Double) -> Double { _pow10(x) }
  /// Returns e^x.
  public static func exp(_ x: Double) -> Double { _exp(x) }
}
