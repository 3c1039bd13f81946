/// The ordinary least-squares line y = slope·x + intercept through points (x, y): the one
/// straight-line fit of the reference regression, compute efficiency, the capability scale and
/// the family gains.
struct LeastSquaresLine: Equatable, Sendable {
  /// The slope, Σ(x − x̄)(y − ȳ) / Σ(x − x̄)².
  var slope: Double
  /// The intercept, ȳ − slope·x̄.
  var intercept: Double
  /// Σ(x − x̄)(y − ȳ): its sign is the slope's.
  var sxy: Double

  /// Fits the line, or returns nil with fewer than two points or when x does not vary.
  init?(x: [Double], y: [Double]) {
    precondition(x.count == y.count, "x and y must pair up")
    guard x.count >= 2 else { return nil }
    let n = Double(x.count)
    let meanX = x.reduce(0, +) / n
    let meanY = y.reduce(0, +) / n
    var sxx = 0.0
    var sxy = 0.0
    for i in x.indices {
      sxx += (x[i] - meanX) * (x[i] - meanX)
      sxy += (x[i] - meanX) * (y[i] - meanY)
    }
    guard sxx > 0 else { return nil }
    slope = sxy / sxx
    intercept = meanY - slope * meanX
    self.sxy = sxy
  }

  /// The line's value at `x`.
  func callAsFunction(_ x: Double) -> Double { intercept + slope * x }
}
