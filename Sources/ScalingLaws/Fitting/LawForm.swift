/// The name of a scaling law's form: how the linear capability P = c + w·s becomes a score.
/// Each form is a ``Law`` type of its own (`Laws/`); this enum is the name users write and
/// saved fits store.
///
/// | form | y = | parameters (order) and bounds |
/// | --- | --- | --- |
/// | `sigmoidParametric` | (1 − b)·σ(P) + b | c, w₁…w_K free; floor b ∈ `floorBounds` |
/// | `sigmoidParametricFreeHeight` | a·σ(P) + b | c, w free; height a ∈ `heightBounds`, floor b ∈ `floorBounds` |
/// | `sigmoid` | σ(P) | c, w free |
/// | `exp` | exp(P) | c, w free |
/// | `linear` | P | c, w free (closed-form OLS under least squares) |
///
/// σ(z) = 1/(1 + e^−z). The default is `sigmoidParametric`, the form of every fit in the
/// paper. The reference's free-height variant lists its bounds in the wrong order (its start
/// point is infeasible); here it is built as intended (algorithm.md §7).
public enum LawForm: String, Codable, Equatable, Sendable, CaseIterable {
  /// (1 − b)·σ(P) + b with a floor b: the paper's law.
  case sigmoidParametric = "sigmoid-parametric"
  /// a·σ(P) + b with a free height a and floor b.
  case sigmoidParametricFreeHeight = "sigmoid-parametric-free-height"
  /// σ(P), no floor.
  case sigmoid
  /// exp(P).
  case exp
  /// P itself.
  case linear

  /// The law this form names: its formula, parameters, bounds, derivatives and inverse.
  public var law: any Law {
    switch self {
    case .sigmoidParametric: return SigmoidParametricLaw()
    case .sigmoidParametricFreeHeight: return SigmoidFreeHeightLaw()
    case .sigmoid: return SigmoidLaw()
    case .exp: return ExpLaw()
    case .linear: return LinearLaw()
    }
  }

  /// The scores the form can reach, when bounded: a sigmoid law predicts a fraction.
  public var range: ClosedRange<Double>? { law.range }

  /// The number of parameters for `predictors` predictors.
  public func parameterCount(predictors k: Int) -> Int { k + 1 + law.shapeNames.count }

  /// The default start point: c = 0, every w = 0.03, then the law's shape start (a = 1 and
  /// b = 0 where they exist).
  public func defaultStart(predictors k: Int) -> [Double] {
    [0.0] + [Double](repeating: 0.03, count: k) + law.shapeStart
  }

  /// Names of the parameters in order, for messages: c, w1…wK, then a and b.
  public func parameterNames(predictors k: Int) -> [String] {
    ["c"] + (1...max(k, 1)).prefix(k).map { "w\($0)" } + law.shapeNames
  }
}

/// Bounds of the nonlinear parameters of the sigmoid-parametric forms.
public struct LawBounds: Codable, Equatable, Sendable {
  /// The floor b's range. Default [0, 0.2].
  public var floor: ClosedRange<Double>
  /// The free height a's range. Default [0.6, 1].
  public var height: ClosedRange<Double>

  /// Creates bounds; the defaults are the reference's (width 0.2).
  public init(floor: ClosedRange<Double> = 0...0.2, height: ClosedRange<Double> = 0.6...1) {
    self.floor = floor
    self.height = height
  }
}
