/// What one form of scaling law is: y = f(P) of the linear capability P = c + w·s, with the
/// parameters it adds after c and w, their bounds and start, its derivatives and inverse.
///
/// Each form is one type in this folder; ``LawForm`` names it (the name users write and saved
/// fits store) and ``LawForm/law`` finds it. Adding a law is adding its file here and its case
/// to `LawForm`; the solver, the saved-fit checks, help and the formula text all ask the law.
///
/// A law's shape parameters come after c and w in solver order (`a` then `b` where both
/// exist). Every law is described by a height a and floor b, y = a·g(P) + b, with a = 1 and
/// b = 0 where the form has no such parameter, so that a fitted law stores one shape for all
/// forms (``FittedLaw/height``, ``FittedLaw/floor``).
public protocol Law: Sendable {
  /// The form this law is.
  var form: LawForm { get }
  /// The formula in words, as help writes it: `(1 − b)·σ(P) + b`.
  var formula: String { get }
  /// The scores the law can reach, when bounded (a sigmoid law predicts a fraction).
  var range: ClosedRange<Double>? { get }
  /// The names of the parameters after c and w, in solver order.
  var shapeNames: [String] { get }
  /// The default start of those parameters.
  var shapeStart: [Double] { get }
  /// Whether least squares solves the law in closed form (a linear law).
  var isLinear: Bool { get }

  /// The bounds of the shape parameters.
  func shapeBounds(_ bounds: LawBounds) -> [ClosedRange<Double>]
  /// The height a and floor b of the shape parameters `shape` (in solver order).
  func heightAndFloor(_ shape: ArraySlice<Double>) -> (height: Double, floor: Double)
  /// The shape parameters in solver order of a law with `height` and `floor`.
  func shape(height: Double, floor: Double) -> [Double]
  /// The score y at capability `p`.
  func score(capability p: Double, height: Double, floor: Double) -> Double
  /// ∂y/∂P at `p`, with ∂y/∂(each shape parameter) written into `shape` (solver order).
  func derivatives(capability p: Double, height: Double, floor: Double, shape: inout [Double])
    -> Double
  /// The capability whose score is `y`, or nil when no capability reaches it.
  func capability(score y: Double, height: Double, floor: Double) -> Double?
  /// Why `height` and `floor` are not a law of this form within `bounds`, or nil.
  func inconsistency(height: Double, floor: Double, bounds: LawBounds) -> String?
  /// The fitted formula: `y = 0.8989·σ(P) + 0.1011`, with P written as `linear`.
  func formulaText(linear: String, height: Double, floor: Double) -> String

  /// Writes the solver's residuals rᵢ = f(xᵢ; params) − yᵢ (the default implementation, one
  /// specialized copy per law, so that the per-row calls are static).
  func residuals(_ x: Matrix, _ y: [Double], _ params: [Double], _ r: inout [Double])
  /// Writes the solver's Jacobian ∂rᵢ/∂params (the default implementation, specialized per law).
  func jacobian(_ x: Matrix, _ params: [Double], _ j: inout Matrix)
}

extension Law {
  /// rᵢ = f(c + w·sᵢ) − yᵢ, with P = c + w·sᵢ summed in predictor order.
  public func residuals(_ x: Matrix, _ y: [Double], _ params: [Double], _ r: inout [Double]) {
    let k = x.columns
    let (height, floor) = heightAndFloor(params[(k + 1)...])
    for i in 0..<x.rows {
      var p = params[0]
      for c in 0..<k { p += params[c + 1] * x[i, c] }
      r[i] = score(capability: p, height: height, floor: floor) - y[i]
    }
  }

  /// With P = c + w·sᵢ: ∂/∂c = ∂y/∂P, ∂/∂wⱼ = ∂y/∂P · sᵢⱼ, and the shape parameters'
  /// derivatives as ``derivatives(capability:height:floor:shape:)`` gives them.
  public func jacobian(_ x: Matrix, _ params: [Double], _ j: inout Matrix) {
    let k = x.columns
    let (height, floor) = heightAndFloor(params[(k + 1)...])
    var shape = [Double](repeating: 0, count: params.count - k - 1)
    for i in 0..<x.rows {
      var p = params[0]
      for c in 0..<k { p += params[c + 1] * x[i, c] }
      let slope = derivatives(capability: p, height: height, floor: floor, shape: &shape)
      for m in shape.indices { j[i, k + 1 + m] = shape[m] }
      j[i, 0] = slope
      for c in 0..<k { j[i, c + 1] = slope * x[i, c] }
    }
  }
}

extension Law {
  /// No bounds, no shape: the default of the laws without shape parameters.
  public var shapeNames: [String] { [] }
  /// No shape parameters.
  public var shapeStart: [Double] { [] }
  /// Not solved in closed form.
  public var isLinear: Bool { false }
  /// No shape parameters, no bounds.
  public func shapeBounds(_ bounds: LawBounds) -> [ClosedRange<Double>] { [] }
  /// Height 1 and floor 0.
  public func heightAndFloor(_ shape: ArraySlice<Double>) -> (height: Double, floor: Double) {
    (1, 0)
  }
  /// No shape parameters.
  public func shape(height: Double, floor: Double) -> [Double] { [] }
  /// A law without shape parameters must have height 1 and floor 0.
  public func inconsistency(height: Double, floor: Double, bounds: LawBounds) -> String? {
    floor == 0 && height == 1
      ? nil : "law.floor and height must be 0 and 1 for a \(form.rawValue) law"
  }
}
