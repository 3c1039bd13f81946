internal import Foundation

/// Returns the base-10 logarithm.
func _log10(_ x: Double) -> Double { Foundation.log10(x) }

/// Returns 10 raised to `x`.
func _pow10(_ x: Double) -> Double { Foundation.pow(10, x) }

/// Returns the natural logarithm.
func _log(_ x: Double) -> Double { Foundation.log(x) }
