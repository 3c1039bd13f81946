/// A known-truth simulation of the bootstrap's intervals (docs/ENGINE.md, "Uncertainty"):
/// how often a model's actual score falls inside its prediction interval when the truth is
/// known.
///
/// Each data set has `families` families of 3 to 8 models. A family has its own compute
/// efficiency: an offset drawn from N(0, 0.3²) in capability units, the spread of the
/// paper's families around their common line (its Figure 2, ours in `efficiency`). A model's
/// latent capability is z = −2 + log10 C + offset, with log10 of its compute (in 1E21 FLOPs)
/// spread evenly over its family's range, which starts between −1 and 1.5 and spans 1.5 to 3
/// decades. Eight benchmarks are linear in z — bⱼ = 0.5 + λⱼ·z/4 + N(0, 0.02²), λⱼ between
/// 0.5 and 1 — as PCA assumes, and the target is a law of z with noise N(0, σ²), clipped to
/// [0, 1] as a measured accuracy is: the sigmoid σ(1.5·z) (the law obscale fits, so the law
/// is right) or, with `truth = .gompertz`, exp(−exp(−1.5·z)), an asymmetric curve the
/// sigmoid cannot match (the law is wrong). The split is the paper's: compute ≤ `cutoff`
/// (1E21 FLOPs) trains the law on PC-1; the rest are held out.
public struct CoverageStudy: Sendable {
  /// The curve the target follows.
  public enum Truth: String, Sendable, CaseIterable {
    /// σ(1.5·z): the law fitted is the true one.
    case sigmoid
    /// exp(−exp(−1.5·z)): not a sigmoid; the law is misspecified.
    case gompertz
  }

  /// The number of data sets.
  public var dataSets: Int
  /// Bootstrap resamples per data set.
  public var samples: Int
  /// The interval level.
  public var level: Double
  /// The first data set's seed; data set d uses `seed + d`.
  public var seed: UInt64
  /// The curve of the target.
  public var truth: Truth
  /// The target's noise σ.
  public var noise: Double
  /// The train cutoff, in 1E21 FLOPs (the paper's 84).
  public var cutoff: Double
  /// Families per data set.
  public var families: Int
  /// How the prediction intervals are read.
  public var method: BootstrapBands.IntervalMethod

  /// Creates a study; the defaults are the benchmark run's.
  public init(
    dataSets: Int = 200, samples: Int = 400, level: Double = 0.9, seed: UInt64 = 1,
    truth: Truth = .sigmoid, noise: Double = 0.02, cutoff: Double = 84, families: Int = 12,
    method: BootstrapBands.IntervalMethod = .percentile
  ) {
    self.dataSets = dataSets
    self.samples = samples
    self.level = level
    self.seed = seed
    self.truth = truth
    self.noise = noise
    self.cutoff = cutoff
    self.families = families
    self.method = method
  }

  /// What the study measured.
  public struct Result: Equatable, Sendable {
    /// Held-out models inside their prediction interval, and held-out models.
    public var covered: Int
    /// See `covered`.
    public var total: Int
    /// Of them, those more than two decades of compute past the cutoff (far extrapolation).
    public var farCovered: Int
    /// See `farCovered`.
    public var farTotal: Int
    /// Held-out models inside the band of the law (which is not meant to hold scores).
    public var lawCovered: Int
    /// The mean width of the held-out models' prediction intervals.
    public var meanWidth: Double
    /// Data sets whose fit or bootstrap failed, left out.
    public var failedDataSets: Int

    /// The fraction of held-out models covered.
    public var coverage: Double { total == 0 ? .nan : Double(covered) / Double(total) }
    /// The fraction of far held-out models covered.
    public var farCoverage: Double { farTotal == 0 ? .nan : Double(farCovered) / Double(farTotal) }
    /// The fraction of held-out models inside the band of the law.
    public var lawCoverage: Double { total == 0 ? .nan : Double(lawCovered) / Double(total) }
  }

  /// The benchmark columns of a simulated table.
  public static let benchmarks = (1...8).map { "bench\($0)" }

  /// One simulated table: `Model`, `Model Family`, `FLOPs (1E21)`, the benchmarks and `y`.
  ///
  /// - Throws: what `ScoreTable(columns:)` throws (never, as the columns are built).
  public func table(seed: UInt64) throws -> ScoreTable {
    var random = SplitMix64(seed: seed)
    let loadings = Self.benchmarks.map { _ in 0.5 + 0.5 * random.nextUnit() }
    var models: [String] = []
    var familyNames: [String] = []
    var flops: [Double] = []
    var scores: [[Double]] = Self.benchmarks.map { _ in [] }
    var target: [Double] = []
    for f in 0..<families {
      let offset = 0.3 * random.nextGaussian()
      let count = 3 + Int(random.next() % 6)
      let start = -1 + 2.5 * random.nextUnit()
      let span = 1.5 + 1.5 * random.nextUnit()
      for m in 0..<count {
        let log10C = start + span * Double(m) / Double(count - 1)
        let z = -2 + log10C + offset
        models.append("F\(f)-\(m)")
        familyNames.append("F\(f)")
        flops.append(Elementary.pow10(log10C))
        for j in scores.indices {
          scores[j].append(0.5 + loadings[j] * z / 4 + 0.02 * random.nextGaussian())
        }
        let curve: Double
        switch truth {
        case .sigmoid: curve = logistic(1.5 * z)
        case .gompertz: curve = _exp(-_exp(-1.5 * z))
        }
        target.append(min(1, max(0, curve + noise * random.nextGaussian())))
      }
    }
    let columns: [ScoreColumn] =
      [
        .text(ScoreTable.modelColumn, models), .text(ScoreTable.familyColumn, familyNames),
        .numbers(ScoreTable.flopsColumn, flops),
      ] + zip(Self.benchmarks, scores).map { ScoreColumn.numbers($0, $1) }
      + [.numbers("y", target)]
    return try ScoreTable(columns: columns, provenance: "coverage study")
  }

  /// Runs the study: each data set fitted and bootstrapped, its held-out models scored
  /// against their intervals.
  public func run() -> Result {
    var result = Result(
      covered: 0, total: 0, farCovered: 0, farTotal: 0, lawCovered: 0, meanWidth: 0,
      failedDataSets: 0)
    var widthSum = 0.0
    let specification = FitSpecification(
      target: "y",
      split: .cutoff(column: ScoreTable.flopsColumn, threshold: .absolute(cutoff)),
      benchmarks: Self.benchmarks, imputation: nil, computedComponents: 1,
      predictors: .principalComponents(1), referenceFamily: nil)
    for d in 0..<dataSets {
      guard let table = try? table(seed: seed &+ UInt64(d)),
        let fit = try? ScalingLawFit.fit(table, specification),
        let bands = try? fit.bootstrap(
          samples: samples, seed: UInt64(d), level: level, curvePoints: 0, method: method),
        let intervals = bands.predictionIntervals
      else {
        result.failedDataSets += 1
        continue
      }
      let far = Elementary.log10(cutoff) + 2
      for (i, row) in fit.rows.enumerated() where row.side == .test {
        let inside = intervals[i].contains(row.actual)
        result.total += 1
        if inside { result.covered += 1 }
        if bands.predictions[i].contains(row.actual) {
          result.lawCovered += 1
        }
        widthSum += intervals[i].high - intervals[i].low
        if Elementary.log10(row.flops) > far {
          result.farTotal += 1
          if inside { result.farCovered += 1 }
        }
      }
    }
    result.meanWidth = result.total == 0 ? .nan : widthSum / Double(result.total)
    return result
  }
}
