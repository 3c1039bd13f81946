/// f-equivalent FLOPs: a model's capability read as the compute a reference family would need.
///
/// Over every row of the reference family (train and test) with known compute C (`FLOPs
/// (1E21)`, > 0), fit by ordinary least squares P = w_f · log10(C) + b_f, where P is the fitted
/// law's linear capability. A model with capability P then has log10(C̄) = (P − b_f)/w_f,
/// in log10 of units of 1e21 FLOPs. Along that axis the law reads
/// y = (1 − b)·σ(w_f·x + b_f) + b (algorithm.md §9).
public struct ComputeEquivalence: Codable, Equatable, Sendable {
  /// The reference family.
  public var family: String
  /// The slope w_f.
  public var slope: Double
  /// The intercept b_f.
  public var intercept: Double
  /// The reference models used.
  public var models: [String]
  /// The regression's R² over those models (nil in fits saved before it was recorded).
  public var rSquared: Double?

  /// Below this R² the reference regression is reported as fitting poorly.
  public static let poorFit = 0.8

  /// Returns log10 of the f-equivalent FLOPs (units of 1e21) of capability `p`.
  public func log10FLOPs(capability p: Double) -> Double {
    (p - intercept) / slope
  }

  /// Returns the capability P the reference family reaches at log10 compute `x`.
  public func capability(log10FLOPs x: Double) -> Double {
    slope * x + intercept
  }

  /// Fits the reference regression on the rows of `family`.
  ///
  /// - Throws: `.unknownFamily` (with a suggestion from `knownFamilies`) when no row is of the
  ///   family; `.referenceFamilyTooSmall` when fewer than two distinct FLOPs values are known.
  static func fit(family: String, rows: [FitRow], knownFamilies: [String]) throws
    -> ComputeEquivalence
  {
    let members = rows.filter { $0.family == family }
    guard !members.isEmpty else {
      throw ScalingLawsError.unknownFamily(
        name: family, suggestion: Suggestion.closest(to: family, among: knownFamilies))
    }
    let usable = members.filter { $0.flops.isFinite && $0.flops > 0 }
    let distinct = Set(usable.map(\.flops))
    guard distinct.count >= 2 else {
      throw ScalingLawsError.referenceFamilyTooSmall(family: family, distinctFLOPs: distinct.count)
    }
    let x = usable.map { _log10($0.flops) }
    let p = usable.map(\.capability)
    // Two distinct FLOPs values make x vary, so the line exists.
    guard let line = LeastSquaresLine(x: x, y: p) else {
      throw ScalingLawsError.referenceFamilyTooSmall(family: family, distinctFLOPs: distinct.count)
    }
    let slope = line.slope
    // Capability must grow with compute within the reference family, or the inverse maps
    // stronger models to less compute (a 405B model below pythia-70m).
    guard slope > 0 else {
      throw ScalingLawsError.referenceSlopeNotPositive(
        family: family, slope: slope, models: usable.count)
    }
    let intercept = line.intercept
    let meanP = p.reduce(0, +) / Double(p.count)
    let total = p.reduce(0) { $0 + ($1 - meanP) * ($1 - meanP) }
    let residual = x.indices.reduce(0) { sum, i in
      let e = p[i] - (intercept + slope * x[i])
      return sum + e * e
    }
    return ComputeEquivalence(
      family: family, slope: slope, intercept: intercept, models: usable.map(\.model),
      rSquared: total > 0 ? 1 - residual / total : nil)
  }
}
