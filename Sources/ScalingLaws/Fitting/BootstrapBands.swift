import Dispatch
internal import Synchronization

/// The uncertainty of a fitted law from the bootstrap (docs/ENGINE.md, "Uncertainty"): the
/// law is refitted on `samples` resamples of the train models drawn with replacement (the
/// pairs bootstrap), and gives two quantities, named apart:
///
/// - the **band of the law** (`predictions`, `curve`): where the fitted curve could be, the
///   percentile interval of the refits' predictions — parameter uncertainty only;
/// - the **prediction interval** (`predictionIntervals`, `intervalCurve`): where a new
///   model's score will fall — the law's uncertainty plus the scatter of models around it:
///   each refit's prediction μ*(x) plus a residual ε* drawn from the fit's centred train
///   residuals inflated by √(n/(n − p)), and the interval the (1 ∓ level)/2 quantiles of
///   μ*(x) + ε* (the percentile prediction interval of Stine 1985, "Bootstrap prediction
///   intervals for regression", JASA 80:1026–1031), clipped to [0, 1] when every train score
///   lies in it. `IntervalMethod.basic` is the prediction-error form of Davison & Hinkley
///   (1997, §6.3.3, Algorithm 6.4), ŷ + quantiles of ŷ − μ*(x) + ε*, kept for the coverage
///   study that chose between them (docs/ENGINE.md).
///
/// Every interval contains its own estimate: where the refits lie all on one side of it (a
/// biased resampling distribution), the interval is widened to the estimate and the count
/// is kept (`widened`). Each end carries its Monte Carlo standard error (how far it would
/// move with another seed), from the order statistics around it.
///
/// What is resampled is the train rows of the fit as made — their predictors (the PCA and
/// imputation stay those of the original fit) and targets. Each refit starts from the
/// original parameters (the usual bootstrap shortcut: the optimum of a resample is near the
/// original one), with the fit's law options otherwise. A resample whose refit fails is
/// counted by its reason and left out. Percentiles interpolate linearly between order
/// statistics, as numpy's default does.
public struct BootstrapBands: Codable, Equatable, Sendable {
  /// A quantity's median and its band.
  public struct Band: Codable, Equatable, Sendable {
    /// The lower percentile, (1 − level)/2.
    public var low: Double
    /// The median.
    public var median: Double
    /// The upper percentile, (1 + level)/2.
    public var high: Double
    /// The Monte Carlo standard error of `low` and of `high`: how far each would move with
    /// another seed. Nil in bands saved before they were kept.
    public var lowError: Double? = nil
    /// See `lowError`.
    public var highError: Double? = nil

    /// Creates a band.
    public init(
      low: Double, median: Double, high: Double, lowError: Double? = nil,
      highError: Double? = nil
    ) {
      self.low = low
      self.median = median
      self.high = high
      self.lowError = lowError
      self.highError = highError
    }

    /// Whether `value` lies in the band, its ends included.
    public func contains(_ value: Double) -> Bool { low <= value && value <= high }

    /// The larger of the two ends' Monte Carlo errors (0 when unknown).
    public var monteCarloError: Double { max(lowError ?? 0, highError ?? 0) }
  }

  /// The band of the law along the f-equivalent FLOPs axis at one point.
  public struct CurvePoint: Codable, Equatable, Sendable {
    /// log10 of f-equivalent FLOPs (1E21).
    public var x: Double
    /// The band of the score there.
    public var band: Band
  }

  /// The resamples asked for.
  public var samples: Int
  /// The refits that succeeded.
  public var succeeded: Int
  /// The seed.
  public var seed: UInt64
  /// The band's coverage, such as 0.9.
  public var level: Double
  /// One band per law parameter, in solver order (c, w…, then a and b).
  public var parameters: [Band]
  /// One band per fit row, in row order: the prediction's spread.
  public var predictions: [Band]
  /// The law's band along the f-equivalent FLOPs axis, when the fit has a reference family;
  /// each refit uses its own reference regression.
  public var curve: [CurvePoint]
  /// Every successful refit's parameters, in solver order, so that models outside the fit
  /// get bands too (``predictionBands(_:of:)``); nil in bands saved before they were kept.
  public var resamples: [[Double]]? = nil
  /// How many resamples held no more distinct train models than the law has parameters: a
  /// refit of them is not identified (it can pass through every point). Nil in bands saved
  /// before it was counted.
  public var thinResamples: Int? = nil
  /// One prediction interval per fit row, in row order (see the type's documentation). Nil
  /// in bands saved before they were computed.
  public var predictionIntervals: [Band]? = nil
  /// The prediction interval along the f-equivalent FLOPs axis, at the points of `curve`.
  public var intervalCurve: [CurvePoint]? = nil
  /// The fit's centred train residuals, inflated by √(n/(n − p)), from which the scatter of
  /// new models is drawn.
  public var residuals: [Double]? = nil
  /// Whether intervals are clipped to [0, 1] (every train score lies in it).
  public var clipsToUnitRange: Bool? = nil
  /// The resamples whose refit failed, by reason (a sentence each).
  public var failures: [String: Int]? = nil
  /// Refits kept for the parameters and predictions but left out of the curve: the reference
  /// family's regression on their capabilities failed.
  public var curveMisses: Int? = nil
  /// How many intervals (bands and prediction intervals, rows and parameters) were widened
  /// to contain their estimate.
  public var widened: Int? = nil

  /// How a prediction interval is read from the refits (see the type's documentation).
  public enum IntervalMethod: String, Codable, Equatable, Sendable {
    /// Quantiles of μ* + ε* (Stine 1985): within the range the law can reach; the default.
    case percentile
    /// ŷ + quantiles of ŷ − μ* + ε* (Davison & Hinkley 1997, Algorithm 6.4).
    case basic
  }

  /// The prediction intervals' method; nil in bands saved before it was recorded.
  public var method: IntervalMethod? = nil

  /// The resample count below which the ends of intervals at `level` do not settle: 1000 at
  /// 90% (Efron & Tibshirani 1993, §19.3, advise 1000 or more for percentile intervals), so
  /// that at least 50 refits lie beyond each end.
  public static func settlingSamples(level: Double) -> Int {
    max(1000, Int((100 / (1 - level)).rounded(.up)))
  }

  /// The band of the law's prediction for each row of `predictors` (K values each, as the
  /// fit's rows hold them): the percentiles over the refits of their predictions. Nil when
  /// the refits' parameters were not kept.
  public func predictionBands(_ predictors: [[Double]], of law: FittedLaw) -> [Band]? {
    guard let resamples, resamples.count >= 2 else { return nil }
    let laws = resamples.map {
      FittedLaw.law(law.form, names: law.predictorNames, $0, .placeholder)
    }
    return predictors.map { s in
      BootstrapBands.band(laws.map { $0.predict(s) }, level: level, containing: law.predict(s))
        .band
    }
  }

  /// The prediction interval of each row of `predictors` (models outside the fit, as
  /// `predict … on` places them): the refits' prediction errors with residuals drawn from the
  /// same seeded streams as the fit's own rows. Nil when the refits or residuals were not
  /// kept.
  public func predictionIntervals(_ predictors: [[Double]], of law: FittedLaw) -> [Band]? {
    guard let resamples, resamples.count >= 2, let residuals, !residuals.isEmpty else {
      return nil
    }
    let laws = resamples.map {
      FittedLaw.law(law.form, names: law.predictorNames, $0, .placeholder)
    }
    return predictors.enumerated().map { row, s in
      let estimate = law.predict(s)
      return interval(
        estimate: estimate, refits: laws.map { $0.predict(s) }, stream: UInt64(row) &+ 1 << 32
      ).band
    }
  }

  /// The prediction interval of one estimate from its refits' predictions: ŷ + quantiles of
  /// ŷ − μ*ᵦ + εᵦ, each refit b with its own residual from stream `stream` (deterministic in
  /// the seed), clipped to [0, 1] where the fit's scores lie in it, widened to ŷ if needed.
  func interval(estimate: Double, refits: [Double], stream: UInt64) -> (band: Band, widened: Bool) {
    guard let residuals, !residuals.isEmpty else {
      return BootstrapBands.band(refits, level: level, containing: estimate)
    }
    var generator = SplitMix64(seed: seed ^ 0x5851_F42D_4C95_7F2D, stream: stream)
    let draws = refits.map { _ in residuals[Int(generator.next() % UInt64(residuals.count))] }
    var band: Band
    var widened: Bool
    switch method ?? .percentile {
    case .percentile:
      (band, widened) = BootstrapBands.band(
        zip(refits, draws).map { $0 + $1 }, level: level, containing: estimate)
    case .basic:
      (band, widened) = BootstrapBands.band(
        zip(refits, draws).map { estimate - $0 + $1 }, level: level, containing: 0)
      band.low += estimate
      band.median += estimate
      band.high += estimate
    }
    if clipsToUnitRange == true {
      band.low = min(max(band.low, 0), 1)
      band.high = min(max(band.high, 0), 1)
      band.median = min(max(band.median, 0), 1)
    }
    return (band, widened)
  }

  /// The p-th quantile (0…1) of sorted `values`, interpolating linearly (numpy's default).
  public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let position = p * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
  }

  /// The band of `values` at `level`.
  static func band(_ values: [Double], level: Double) -> Band {
    let sorted = values.filter(\.isFinite).sorted()
    return Band(
      low: quantile(sorted, (1 - level) / 2), median: quantile(sorted, 0.5),
      high: quantile(sorted, (1 + level) / 2), lowError: monteCarloError(sorted, (1 - level) / 2),
      highError: monteCarloError(sorted, (1 + level) / 2))
  }

  /// The band of `values` at `level`, widened to contain `estimate` when the values lie all
  /// on one side of it; whether it was.
  static func band(_ values: [Double], level: Double, containing estimate: Double) -> (
    band: Band, widened: Bool
  ) {
    var band = band(values, level: level)
    guard estimate.isFinite, band.low.isFinite, band.high.isFinite,
      estimate < band.low || estimate > band.high
    else { return (band, false) }
    band.low = min(band.low, estimate)
    band.high = max(band.high, estimate)
    return (band, true)
  }

  /// The Monte Carlo standard error of the p-th quantile of `sorted` B values: half the
  /// distance between the quantiles one binomial standard deviation, √(p(1 − p)/B), either
  /// side of p — the order statistics a 68% distribution-free interval for the quantile
  /// spans (Davison & Hinkley 1997, §5.2.3; David & Nagaraja 2003, §7.1).
  public static func monteCarloError(_ sorted: [Double], _ p: Double) -> Double? {
    guard sorted.count >= 2 else { return nil }
    let step = (p * (1 - p) / Double(sorted.count)).squareRoot()
    return (quantile(sorted, min(1, p + step)) - quantile(sorted, max(0, p - step))) / 2
  }
}

extension ScalingLawFit {
  /// Refits the law on `samples` bootstrap resamples of the train models and returns the
  /// bands at `level`, with the curve on `curvePoints` points spanning the models'
  /// f-equivalent FLOPs (±5%). Resamples run on all cores; sample b draws from its own
  /// generator seeded from (`seed`, b), so the result does not depend on the thread count.
  ///
  /// - Throws: `.invalidParameter` for fewer than 2 samples, a level outside (0, 1) or fewer
  ///   than 2 successful refits; `.cancelled` when the `WorkMonitor` asks.
  public func bootstrap(
    samples: Int = 200, seed: UInt64 = 0, level: Double = 0.9, curvePoints: Int = 50,
    method: BootstrapBands.IntervalMethod = .percentile
  ) throws -> BootstrapBands {
    guard samples >= 2, samples <= 1_000_000 else {
      throw ScalingLawsError.invalidParameter(
        name: "samples", value: String(samples), limit: "2 to 1000000")
    }
    guard level > 0, level < 1 else {
      throw ScalingLawsError.invalidParameter(
        name: "level", value: "\(level)", limit: "between 0 and 1, such as 0.9")
    }
    let train = rows.indices.filter { rows[$0].side == .train }
    let x = Matrix(rows: rows.map(\.predictors))
    let names = law.predictorNames
    var refitOptions = specification.law
    refitOptions.start = law.parameters
    refitOptions.restarts = 0
    let options = refitOptions
    let grid: [Double] = {
      guard equivalence != nil else { return [] }
      let xs = rows.compactMap(\.equivalentLog10FLOPs).filter(\.isFinite)
      guard let low = xs.min(), let high = xs.max(), curvePoints >= 2 else { return [] }
      let pad = (high - low) * 0.05
      return (0..<curvePoints).map {
        low - pad + (high - low + 2 * pad) * Double($0) / Double(curvePoints - 1)
      }
    }()
    let reference = specification.referenceFamily
    let monitor = WorkMonitor.current
    let results = Mutex<[Int: (parameters: [Double], predictions: [Double], curve: [Double])]>([:])
    let failures = Mutex<[String: Int]>([:])
    let curveMisses = Atomic<Int>(0)
    @Sendable func failed(_ reason: String) { failures.withLock { $0[reason, default: 0] += 1 } }
    let next = Atomic<Int>(0)
    let done = Atomic<Int>(0)
    let stop = Atomic<Bool>(false)
    let thin = Atomic<Int>(0)
    let parameterCount = law.parameters.count
    let started = ContinuousClock.now
    let rowsCopy = rows
    DispatchQueue.concurrentPerform(iterations: max(1, min(samples, ProcessInfoCores.count))) {
      worker in
      var lastReport = started
      while !stop.load(ordering: .relaxed) {
        let b = next.add(1, ordering: .relaxed).oldValue
        guard b < samples else { break }
        if monitor.isCancelled() {
          stop.store(true, ordering: .relaxed)
          break
        }
        var generator = SplitMix64(seed: seed, stream: UInt64(b))
        let picks = (0..<train.count).map { _ in train[Int(generator.next() % UInt64(train.count))]
        }
        if Set(picks).count <= parameterCount { thin.add(1, ordering: .relaxed) }
        defer {
          let count = done.add(1, ordering: .relaxed).newValue
          let now = ContinuousClock.now
          if worker == 0, now - lastReport >= .milliseconds(Int(monitor.interval * 1000)) {
            lastReport = now
            monitor.report(
              WorkProgress(
                stage: "bootstrapping", done: count, limit: samples, detail: "refits",
                unit: "resample"))
          }
        }
        let refit: FittedLaw
        do {
          refit = try FittedLaw.fit(
            predictors: x.selecting(rows: picks), names: names,
            targets: picks.map { rowsCopy[$0].actual }, options: options)
        } catch let error as ScalingLawsError {
          failed("the refit was refused: \(Self.reason(error))")
          continue
        } catch {
          failed("the refit was refused: \(error)")
          continue
        }
        // A refit that ran out of evaluations is not an optimum; one whose start (the original
        // optimum) already passes the gradient test is.
        guard refit.solver.termination != .maxEvaluations else {
          failed("the solver ran out of evaluations before converging")
          continue
        }
        var refitted = rowsCopy
        for i in refitted.indices {
          refitted[i].capability = refit.capability(refitted[i].predictors)
        }
        var curve: [Double] = []
        if let reference, !grid.isEmpty {
          // A refit whose capabilities the reference family cannot be regressed on (it falls
          // with compute) keeps its parameters and predictions, and is left out of the curve.
          if let equivalence = try? ComputeEquivalence.fit(
            family: reference, rows: refitted, knownFamilies: [])
          {
            curve = grid.map { refit.score(capability: equivalence.capability(log10FLOPs: $0)) }
          } else {
            curveMisses.add(1, ordering: .relaxed)
          }
        }
        let predictions = refitted.map { refit.score(capability: $0.capability) }
        results.withLock { $0[b] = (refit.parameters, predictions, curve) }
      }
    }
    if stop.load(ordering: .relaxed) { throw ScalingLawsError.cancelled(stage: "bootstrapping") }
    let fits = results.withLock { $0 }.sorted { $0.key < $1.key }.map(\.value)
    guard fits.count >= 2 else {
      throw ScalingLawsError.invalidParameter(
        name: "bootstrap", value: "\(fits.count) of \(samples) refits succeeded",
        limit: "at least 2 (the train set may be too small for the law)")
    }
    var widened = 0
    var bands = BootstrapBands(
      samples: samples, succeeded: fits.count, seed: seed, level: level,
      parameters: (0..<parameterCount).map { j in
        let (band, wide) = BootstrapBands.band(
          fits.map { $0.parameters[j] }, level: level, containing: law.parameters[j])
        if wide { widened += 1 }
        return band
      },
      predictions: rows.indices.map { i in
        let (band, wide) = BootstrapBands.band(
          fits.map { $0.predictions[i] }, level: level, containing: rows[i].predicted)
        if wide { widened += 1 }
        return band
      },
      curve: [], resamples: fits.map(\.parameters))
    bands.thinResamples = thin.load(ordering: .relaxed)
    bands.failures = failures.withLock { $0 }
    bands.method = method
    bands.curveMisses = curveMisses.load(ordering: .relaxed)
    // The scatter of models around the law: the train residuals, centred, inflated for the
    // parameters the fit spent on them (Davison & Hinkley 1997, eq. 6.9's homoscedastic
    // form).
    let trainResiduals = train.map { rows[$0].actual - rows[$0].predicted }
    let mean = trainResiduals.reduce(0, +) / Double(max(1, trainResiduals.count))
    let inflation = (Double(train.count) / Double(max(1, train.count - parameterCount)))
      .squareRoot()
    bands.residuals = trainResiduals.map { ($0 - mean) * inflation }
    bands.clipsToUnitRange = train.allSatisfy { (0...1).contains(rows[$0].actual) }
    bands.predictionIntervals = rows.indices.map { i in
      let (band, wide) = bands.interval(
        estimate: rows[i].predicted, refits: fits.map { $0.predictions[i] }, stream: UInt64(i))
      if wide { widened += 1 }
      return band
    }
    // Along the axis: the law's band and the prediction interval at each grid point, around
    // the original law read through the original reference regression.
    if let equivalence, !grid.isEmpty {
      var lawCurve: [BootstrapBands.CurvePoint] = []
      var intervalCurve: [BootstrapBands.CurvePoint] = []
      for g in grid.indices {
        let values = fits.compactMap { $0.curve.isEmpty ? nil : $0.curve[g] }
        guard !values.isEmpty else { continue }
        let estimate = law.score(capability: equivalence.capability(log10FLOPs: grid[g]))
        lawCurve.append(
          BootstrapBands.CurvePoint(
            x: grid[g], band: BootstrapBands.band(values, level: level, containing: estimate).band))
        intervalCurve.append(
          BootstrapBands.CurvePoint(
            x: grid[g],
            band: bands.interval(estimate: estimate, refits: values, stream: UInt64(1 << 40 + g))
              .band))
      }
      bands.curve = lawCurve
      bands.intervalCurve = intervalCurve
    }
    bands.widened = widened
    return bands
  }

  /// A refit's refusal in words, without the figures that differ between resamples.
  static func reason(_ error: ScalingLawsError) -> String {
    switch error {
    case .constantTarget: return "every resampled train model has the same target score"
    case .tooFewTrainRows: return "too few train models"
    case .nonFiniteValue: return "a value that is not a finite number"
    default: return "\(error.typedSubject)"
    }
  }
}
