internal import Glibc

/// Returns the base-10 logarithm.
func _log10(_ x: Double) -> Double { Glibc.log10(x) }

/// Returns 10 raised to `x`.
func _pow10(_ x: Double) -> Double { Glibc.pow(10, x) }

/// Returns the natural logarithm.
func _log(_ x: Double) -> Double { Glibc.log(x) }
