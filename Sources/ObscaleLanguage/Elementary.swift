internal import Foundation

/// Returns the base-10 logarithm.
func _log10(_ x: Double) -> Double { Foundation.log10(x) }
