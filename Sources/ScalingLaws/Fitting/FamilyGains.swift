/// A post-training technique's gain by model family (the paper's "post-training × model
/// family" discussion): each model's observed gain (its score with the technique minus its
/// score without) along its f-equivalent FLOPs, against the trend the two laws give.
///
/// The trend at f-equivalent compute x is the gap of the two laws there, each law read through
/// its own reference regression (algorithm.md §11, the `gap` statement). Per family:
/// - *offset*: the mean of its models' residuals, gain − trend (above 0: the family gains more
///   than the trend at equal compute, i.e. its gains start earlier), with its standard error
///   s/√n (s the residual deviation over all models);
/// - *start*: where its gains first reach the threshold, interpolated linearly between its
///   models in order of compute (censored when its first model is already above);
/// - *growth*: the least-squares slope of its gains against x, per decade of compute, beside the
///   trend's average slope over the same range.
///
/// A family of at least two models is flagged *earlier* (or *later*) when its offset is an
/// outlier among the families' offsets: a modified z-score 0.6745·(offset − median)/MAD above
/// 3.5 (below −3.5), the rule of Iglewicz & Hoaglin (1993). Models of one family share more
/// than the law explains, so their residuals are not independent and s/√n is too small to test
/// against; the spread of the families' offsets is the yardstick instead. A family is flagged
/// *slower* when, with at least 3 models reaching past the trend's start, its growth is under
/// half the trend's over the same range and the trend there grows by at least the threshold
/// per decade (where the laws' gap is flat, there is no growth to fall short of). These rules
/// are ours (the paper discusses the families in words); docs/LANGUAGE.md and the output state
/// them.
public struct FamilyGains: Equatable, Sendable {
  /// One model's gain.
  public struct Model: Equatable, Sendable {
    /// The model id.
    public var model: String
    /// Its family.
    public var family: String
    /// Its f-equivalent compute under the baseline fit, log10 of 1E21 FLOPs.
    public var log10FLOPs: Double
    /// Its score without the technique (the baseline fit's target).
    public var baseline: Double
    /// Its score with the technique (the other fit's target).
    public var other: Double
    /// other − baseline.
    public var gain: Double
    /// The laws' gap at its compute.
    public var trend: Double

    /// gain − trend.
    public var residual: Double { gain - trend }
  }

  /// One family's summary.
  public struct Family: Equatable, Sendable {
    /// The family.
    public var name: String
    /// Its models with both scores.
    public var models: Int
    /// Its mean residual against the trend.
    public var offset: Double
    /// The offset's standard error, s/√n.
    public var standardError: Double
    /// Where its gains first reach the threshold (log10 FLOPs); NaN when they never do.
    public var start: Double
    /// Whether its first model is already above the threshold (the start is at most `start`).
    public var startCensored: Bool
    /// Its gains' slope per decade of compute; NaN with fewer than two distinct computes.
    public var growth: Double
    /// The trend's average slope over the family's range of compute.
    public var trendGrowth: Double
    /// Its modified z-score among the families' offsets, 0.6745·(offset − median)/MAD; NaN
    /// when the MAD is 0.
    public var score: Double
    /// The flags: `earlier`, `later`, `slower`.
    public var flags: [String]
  }

  /// The gain the start is measured at.
  public var threshold: Double
  /// Where the laws' gap first reaches the threshold (log10 FLOPs); NaN when it never does
  /// over the models' range.
  public var trendStart: Double
  /// The residual standard deviation over all models.
  public var residualDeviation: Double
  /// Every model with both scores, by compute.
  public var models: [Model]
  /// The families, by offset, largest first.
  public var families: [Family]

  /// The smallest number of models for the `slower` flag.
  public static let growthMinimum = 3
  /// The modified z-score beyond which an offset is flagged (Iglewicz & Hoaglin 1993).
  public static let offsetThreshold = 3.5
  /// The median of the families' offsets.
  public var offsetMedian: Double
  /// The median absolute deviation of the families' offsets from their median.
  public var offsetMAD: Double
}

extension ScalingLawFit {
  /// The gains of `other` over `baseline` by family (see ``FamilyGains``).
  ///
  /// - Throws: `.noRowsLeft` when a fit has no reference regression, or when the fits share
  ///   fewer than three models with both scores and a compute.
  public static func familyGains(
    baseline: ScalingLawFit, other: ScalingLawFit, threshold: Double
  ) throws -> FamilyGains {
    guard let baseEquivalence = baseline.equivalence, let otherEquivalence = other.equivalence
    else { throw ScalingLawsError.noRowsLeft(operation: "reading both fits as compute") }
    func trend(_ x: Double) -> Double {
      other.law.score(capability: otherEquivalence.capability(log10FLOPs: x))
        - baseline.law.score(capability: baseEquivalence.capability(log10FLOPs: x))
    }
    let others = Dictionary(
      other.rows.map { ($0.model, $0) }, uniquingKeysWith: { first, _ in first })
    var models: [FamilyGains.Model] = []
    for row in baseline.rows {
      guard let match = others[row.model], let x = row.equivalentLog10FLOPs, x.isFinite,
        row.actual.isFinite, match.actual.isFinite
      else { continue }
      models.append(
        FamilyGains.Model(
          model: row.model, family: row.family, log10FLOPs: x, baseline: row.actual,
          other: match.actual, gain: match.actual - row.actual, trend: trend(x)))
    }
    guard models.count >= 3 else {
      throw ScalingLawsError.noRowsLeft(operation: "matching the two fits' models with scores")
    }
    models.sort { $0.log10FLOPs < $1.log10FLOPs }
    let residuals = models.map(\.residual)
    let meanResidual = residuals.reduce(0, +) / Double(residuals.count)
    let deviation =
      (residuals.map { ($0 - meanResidual) * ($0 - meanResidual) }.reduce(0, +)
      / Double(max(1, residuals.count - 1))).squareRoot()
    // Where the trend first reaches the threshold, on a fine grid over the models' range.
    let low = models.first?.log10FLOPs ?? 0
    let high = models.last?.log10FLOPs ?? 0
    var trendStart = Double.nan
    let steps = 1000
    var previous = (x: low, y: trend(low))
    if previous.y >= threshold {
      trendStart = low
    } else {
      for step in 1...steps {
        let x = low + (high - low) * Double(step) / Double(steps)
        let y = trend(x)
        if y >= threshold {
          trendStart = previous.x + (threshold - previous.y) / (y - previous.y) * (x - previous.x)
          break
        }
        previous = (x, y)
      }
    }
    var order: [String] = []
    for model in models where !order.contains(model.family) { order.append(model.family) }
    var families: [FamilyGains.Family] = []
    for name in order {
      let members = models.filter { $0.family == name }
      let n = Double(members.count)
      let offset = members.map(\.residual).reduce(0, +) / n
      let error = deviation / n.squareRoot()
      // The first crossing of the threshold, in order of compute.
      var start = Double.nan
      var censored = false
      if let first = members.first, first.gain >= threshold {
        start = first.log10FLOPs
        censored = true
      } else {
        for (a, b) in zip(members, members.dropFirst()) where b.gain >= threshold {
          start =
            b.gain == a.gain
            ? b.log10FLOPs
            : a.log10FLOPs + (threshold - a.gain) / (b.gain - a.gain)
              * (b.log10FLOPs - a.log10FLOPs)
          break
        }
      }
      var growth = Double.nan
      var trendGrowth = Double.nan
      if let lowX = members.first?.log10FLOPs, let highX = members.last?.log10FLOPs,
        let line = LeastSquaresLine(x: members.map(\.log10FLOPs), y: members.map(\.gain))
      {
        growth = line.slope
        trendGrowth = (trend(highX) - trend(lowX)) / (highX - lowX)
      }
      var flags: [String] = []
      // Growth is compared only where the trend grows: a family whose models all sit below
      // the trend's start has neither gains nor a trend to fall short of.
      if members.count >= FamilyGains.growthMinimum, growth.isFinite, trendGrowth > 0,
        let highest = members.last?.log10FLOPs, trendStart.isFinite, highest > trendStart,
        trendGrowth >= threshold, growth < trendGrowth / 2
      {
        flags.append("slower")
      }
      families.append(
        FamilyGains.Family(
          name: name, models: members.count, offset: offset, standardError: error, start: start,
          startCensored: censored, growth: growth, trendGrowth: trendGrowth, score: .nan,
          flags: flags))
    }
    // Outlying offsets among the families'.
    let median = Self.median(families.map(\.offset))
    let mad = Self.median(families.map { abs($0.offset - median) })
    for index in families.indices {
      let score = mad > 0 ? 0.6745 * (families[index].offset - median) / mad : .nan
      families[index].score = score
      guard families[index].models >= 2, score.isFinite else { continue }
      if score > FamilyGains.offsetThreshold { families[index].flags.insert("earlier", at: 0) }
      if score < -FamilyGains.offsetThreshold { families[index].flags.insert("later", at: 0) }
    }
    families.sort { $0.offset > $1.offset }
    return FamilyGains(
      threshold: threshold, trendStart: trendStart, residualDeviation: deviation, models: models,
      families: families, offsetMedian: median, offsetMAD: mad)
  }

  /// The median of `values` (NaN when empty).
  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}
