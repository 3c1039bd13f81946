import Dispatch
internal import Synchronization

/// The uncertainty of a fitted law from the bootstrap (algorithm.md §14, ours): the law is
/// refitted on `samples` resamples of the train models drawn with replacement, and each
/// quantity's spread over the refits gives a percentile band at `level`.
///
/// What is resampled is the train rows of the fit as made — their predictors (the PCA and
/// imputation stay those of the original fit) and targets. Each refit starts from the
/// original parameters (the usual bootstrap shortcut: the optimum of a resample is near the
/// original one), with the fit's law options otherwise. A resample whose refit fails (too
/// few distinct models for the parameters, a singular problem) is counted and left out.
/// Percentiles interpolate linearly between order statistics, as numpy's default does.
public struct BootstrapBands: Codable, Equatable, Sendable {
  /// A quantity's median and its band.
  public struct Band: Codable, Equatable, Sendable {
    /// The lower percentile, (1 − level)/2.
    public var low: Double
    /// The median.
    public var median: Double
    /// The upper percentile, (1 + level)/2.
    public var high: Double
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

  /// The band of the law's prediction for each row of `predictors` (K values each, as the
  /// fit's rows hold them): the percentiles over the refits of their predictions. Nil when
  /// the refits' parameters were not kept.
  public func predictionBands(_ predictors: [[Double]], of law: FittedLaw) -> [Band]? {
    guard let resamples, resamples.count >= 2 else { return nil }
    let laws = resamples.map {
      FittedLaw.law(law.form, names: law.predictorNames, $0, .placeholder)
    }
    return predictors.map { s in
      BootstrapBands.band(laws.map { $0.predict(s) }, level: level)
    }
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
      high: quantile(sorted, (1 + level) / 2))
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
    samples: Int = 200, seed: UInt64 = 0, level: Double = 0.9, curvePoints: Int = 50
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
        var generator = SplitMix64(seed: seed &+ UInt64(b) &* 0x9E37_79B9_7F4A_7C15)
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
        guard
          let refit = try? FittedLaw.fit(
            predictors: x.selecting(rows: picks), names: names,
            targets: picks.map { rowsCopy[$0].actual }, options: options)
        else { continue }
        var refitted = rowsCopy
        for i in refitted.indices {
          refitted[i].capability = refit.capability(refitted[i].predictors)
        }
        var curve: [Double] = []
        if let reference, !grid.isEmpty {
          guard
            let equivalence = try? ComputeEquivalence.fit(
              family: reference, rows: refitted, knownFamilies: [])
          else { continue }
          curve = grid.map { refit.score(capability: equivalence.capability(log10FLOPs: $0)) }
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
    var bands = BootstrapBands(
      samples: samples, succeeded: fits.count, seed: seed, level: level,
      parameters: (0..<parameterCount).map { j in
        BootstrapBands.band(fits.map { $0.parameters[j] }, level: level)
      },
      predictions: rows.indices.map { i in
        BootstrapBands.band(fits.map { $0.predictions[i] }, level: level)
      },
      curve: grid.indices.compactMap { g in
        let values = fits.compactMap { $0.curve.isEmpty ? nil : $0.curve[g] }
        return values.isEmpty
          ? nil
          : BootstrapBands.CurvePoint(x: grid[g], band: BootstrapBands.band(values, level: level))
      }, resamples: fits.map(\.parameters))
    bands.thinResamples = thin.load(ordering: .relaxed)
    return bands
  }
}
