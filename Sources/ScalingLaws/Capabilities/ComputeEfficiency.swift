/// How efficiently each family turns training compute into capability (the paper's §5
/// discussion): PC-1 against log10 FLOPs over every model with known compute, one common
/// line PC-1 = a + b·log10 C by least squares, and per family the mean offset from it.
///
/// A family whose models sit above the line reaches the same PC-1 with less compute: an
/// offset o in PC-1 units is a factor 10^(o/b) in compute (more than 1: more efficient).
/// Models more than 2 residual standard deviations off the line are flagged; the paper
/// singles out Phi, whose synthetic-data generation compute is not counted in its FLOPs.
public struct ComputeEfficiency: Equatable, Sendable {
  /// One family's place relative to the common line.
  public struct Family: Equatable, Sendable {
    /// The family.
    public var name: String
    /// Its models with known compute.
    public var models: Int
    /// The mean residual of its models, in PC-1 units.
    public var offset: Double
    /// 10^(offset / slope): how many times the compute the common line needs for the same
    /// PC-1 (above 1: the family is more efficient than the trend).
    public var computeFactor: Double
  }

  /// A model far from the common line.
  public struct Outlier: Equatable, Sendable {
    /// The model.
    public var model: String
    /// Its family.
    public var family: String
    /// Its residual in PC-1 units.
    public var residual: Double
    /// The residual over the residuals' standard deviation.
    public var standardized: Double
  }

  /// The common line's intercept a.
  public var intercept: Double
  /// The common line's slope b (PC-1 per decade of compute).
  public var slope: Double
  /// The residuals' standard deviation (n − 2 degrees of freedom).
  public var residualDeviation: Double
  /// The models with known compute the line was fitted to.
  public var models: Int
  /// Every family with known compute, the most efficient first.
  public var families: [Family]
  /// The models more than `outlierThreshold` deviations off the line, largest first.
  public var outliers: [Outlier]

  /// How many residual standard deviations make an outlier.
  public static let outlierThreshold = 2.0
}

extension CapabilityAnalysis {
  /// The compute efficiency of the analysed models' families (see ``ComputeEfficiency``).
  ///
  /// - Throws: `.invalidParameter` with fewer than 3 models of known, positive compute, or
  ///   when their compute does not vary or PC-1 does not rise with it.
  public func computeEfficiency() throws -> ComputeEfficiency {
    let known = models.indices.filter { flops[$0] > 0 && flops[$0].isFinite }
    guard known.count >= 3 else {
      throw ScalingLawsError.invalidParameter(
        name: "models with FLOPs", value: "\(known.count)", limit: "at least 3")
    }
    let xs = known.map { _log10(flops[$0]) }
    let ys = known.map { scores[$0, 0] }
    let n = Double(known.count)
    let line = LeastSquaresLine(x: xs, y: ys)
    guard let line, line.sxy > 0 else {
      throw ScalingLawsError.invalidParameter(
        name: "PC-1 against log10 FLOPs", value: line != nil ? "a slope ≤ 0" : "constant FLOPs",
        limit: "PC-1 rising with compute across the models")
    }
    let slope = line.slope
    let intercept = line.intercept
    let residuals = zip(xs, ys).map { $1 - (intercept + slope * $0) }
    let deviation = (residuals.reduce(0) { $0 + $1 * $1 } / max(n - 2, 1)).squareRoot()
    var byFamily: [String: [Double]] = [:]
    var order: [String] = []
    for (k, row) in known.enumerated() {
      let family = families[row]
      if byFamily[family] == nil { order.append(family) }
      byFamily[family, default: []].append(residuals[k])
    }
    let rows = order.map { name -> ComputeEfficiency.Family in
      let values = byFamily[name] ?? []
      let offset = values.reduce(0, +) / Double(max(values.count, 1))
      return ComputeEfficiency.Family(
        name: name, models: values.count, offset: offset, computeFactor: _pow10(offset / slope))
    }
    let outliers = known.indices.compactMap { k -> ComputeEfficiency.Outlier? in
      let z = deviation > 0 ? residuals[k] / deviation : 0
      guard abs(z) > ComputeEfficiency.outlierThreshold else { return nil }
      return ComputeEfficiency.Outlier(
        model: models[known[k]], family: families[known[k]], residual: residuals[k], standardized: z
      )
    }
    return ComputeEfficiency(
      intercept: intercept, slope: slope, residualDeviation: deviation, models: known.count,
      families: rows.sorted { ($0.offset, $1.name) > ($1.offset, $0.name) },
      outliers: outliers.sorted { abs($0.standardized) > abs($1.standardized) })
  }
}
