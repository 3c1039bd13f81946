/// A forecast of every benchmark of a family's models from their size and training tokens,
/// aware of families (docs/ENGINE.md, "Forecasting a family").
///
/// Each model has K latent skills θₛ = aₛ,f + wₛ₁·n + wₛ₂·d + wₛ₃·n·d, where n and d are
/// log₁₀ parameters and log₁₀ tokens (centred on the train models), the slopes w are shared by
/// all families and a_f is the family's own offset — the paper's observation that PC-1 is
/// linear in log compute within a family with a family-specific offset (§3, Figure 2), and the
/// structure of Sloth (Maia Polo et al. 2024, arXiv 2412.06540: shared slopes, family
/// intercepts, interaction of size and tokens). Each benchmark j reads them through its own
/// link, a sigmoid between a floor and a ceiling: γⱼ + (κⱼ − γⱼ)·σ(Σₛ λⱼₛ·θₛ + cⱼ), the floor
/// γⱼ the benchmark's guessing level where it is known (`ChanceLevel`; the lowest train score
/// if that is below it), else fitted below the lowest train score, and the ceiling κⱼ fitted
/// between the highest train score and 1. Everything is fitted jointly by least squares
/// over every model and benchmark, with a ridge ρ·a_f on the family offsets: a family known
/// by one or two small models gets an offset shrunk toward the common line (a Gaussian prior
/// on a random intercept; Gelman & Hill 2007, §12.3), and an unknown family the common line.
public struct FamilyForecast: Equatable, Sendable {
  /// The benchmarks forecast.
  public var benchmarks: [String]
  /// The centres of log₁₀ parameters and log₁₀ tokens.
  public var centre: [Double]
  /// The number of skills K.
  public var skills: Int
  /// Per skill, the slopes w on n, d and n·d.
  public var slopes: [[Double]]
  /// Each train family's offsets a_f, one per skill, and its model count.
  public var offsets: [String: [Double]]
  /// See `offsets`.
  public var familyModels: [String: Int]
  /// Per benchmark: the floor γ, the loadings λ (one per skill) and the bias c.
  public var floors: [Double]
  /// See `floors`.
  public var loadings: [[Double]]
  /// See `floors`.
  public var biases: [Double]
  /// Per benchmark: the ceiling κ, the score the link tends to (at most 1).
  public var ceilings: [Double]
  /// Per benchmark: the highest train score. A ceiling at it is one the data do not place:
  /// the forecast cannot go above the best model the fit saw.
  public var highest: [Double] = []
  /// Whether ceilings are fitted (false: held at 1, a sigmoid from the floor to 1).
  public var fittedCeilings: Bool = true
  /// Per benchmark: the root mean square of its train residuals.
  public var residualDeviation: [Double]
  /// Per benchmark: how much a family's own slope in log₁₀ size departs from the shared one
  /// (the standard deviation across train families, in score per decade; see `fit`).
  public var slopeDeviation: [Double] = []
  /// The mean log₁₀ size of each train family's models: where its offset is read.
  public var familySizes: [String: Double] = [:]
  /// Per skill, the spread of the families' offsets (their standard deviation).
  public var offsetDeviation: [Double]
  /// The mean log₁₀ tokens of each family that published them, and of all, for models that
  /// did not.
  public var familyTokens: [String: Double]
  /// See `familyTokens`.
  public var meanTokens: Double
  /// Whether any train model had its tokens: without, d is 0 throughout and the forecast
  /// reads size alone.
  public var hasTokens: Bool { !familyTokens.isEmpty }
  /// The smallest and largest log₁₀ size (billions) among the train models.
  public var sizeRange: ClosedRange<Double> = 0...0
  /// The train models, and the solver's account.
  public var trainModels: Int
  /// See `trainModels`.
  public var solver: SolverSummary
  /// The ridge ρ on the family offsets.
  public var prior: Double
  /// Whether families have offsets (false: one common line for all, the ablation).
  public var familyOffsets: Bool = true
  /// The guessing levels the fit was given, by benchmark (see `fit`).
  public var chance: [String: Double] = [:]

  /// The default number of skills: three. Measured under Sloth's protocol (docs/ENGINE.md), one
  /// skill is 1.0 point worse with one model known and two 0.03 to 0.16 worse; on the paper's
  /// table two and three tie.
  public static let defaultSkills = 3

  /// The default ridge on the family offsets, on the logit scale the benchmarks read them
  /// (a_f times the mean loading): chosen among 0.03, 0.1, 0.3 and 1 under leave-one-family-out
  /// on the paper's Open LLM Leaderboard v2 table (docs/ENGINE.md), 0.1 being the best with 0,
  /// 1 and 2 models of the family known.
  public static let defaultPrior = 0.1

  /// One model's forecast: each benchmark's score and its interval, and its capability θ.
  public struct Prediction: Equatable, Sendable {
    /// The scores, one per benchmark.
    public var scores: [Double]
    /// The intervals' ends, one per benchmark.
    public var low: [Double]
    /// See `low`.
    public var high: [Double]
    /// The capabilities θ, one per skill.
    public var capability: [Double]
  }

  /// The model's inputs: log₁₀ parameters (billions) and log₁₀ tokens (trillions).
  struct Inputs {
    var family: String
    var n: Double
    var d: Double
  }

  /// Fits the forecast on the `rows` of `table` (all by default) that have a family, a
  /// positive size and every benchmark.
  ///
  /// - Throws: `.missingRequiredColumn` without a family or size column; `.scoreNotFraction`
  ///   when a benchmark's scores leave [0, 1]; `.noRowsLeft` with fewer than 8 usable models
  ///   or 2 families; what the solver throws.
  public static func fit(
    _ table: ScoreTable, rows: [Int]? = nil, benchmarks: [String],
    prior: Double = FamilyForecast.defaultPrior, familyOffsets: Bool = true,
    skills: Int = FamilyForecast.defaultSkills, chance: [String: Double] = [:],
    fittedCeilings: Bool = true
  ) throws -> FamilyForecast {
    let k = max(1, min(skills, benchmarks.count))
    guard let families = table.families else {
      throw ScalingLawsError.missingRequiredColumn(
        name: ScoreTable.familyColumn, available: table.columnNames)
    }
    let size = try table.numbers(ScoreTable.sizeColumn)
    let tokens =
      table.hasColumn(ScoreTable.dataColumn)
      ? try table.numbers(ScoreTable.dataColumn)
      : [Double](repeating: .nan, count: table.rowCount)
    let scores = try benchmarks.map { try table.numbers($0) }
    let usable = (rows ?? Array(0..<table.rowCount)).filter { row in
      size[row] > 0 && !families[row].isEmpty && scores.allSatisfy { !$0[row].isNaN }
    }
    try requireFractions(scores, rows: usable, benchmarks: benchmarks, models: table.models)
    let familyNames = Array(Set(usable.map { families[$0] })).sorted()
    guard usable.count >= 8, familyNames.count >= 2 else {
      throw ScalingLawsError.noRowsLeft(
        operation:
          "forecasting (\(usable.count) models in \(familyNames.count) families with a size and every benchmark; at least 8 in 2)"
      )
    }
    var familyTokens: [String: [Double]] = [:]
    for row in usable where tokens[row] > 0 {
      familyTokens[families[row], default: []].append(Elementary.log10(tokens[row]))
    }
    // In row order: a sum over a dictionary's values would vary in its last bits by run.
    let allTokens = usable.filter { tokens[$0] > 0 }.map { Elementary.log10(tokens[$0]) }
    let meanTokens = allTokens.isEmpty ? 0 : allTokens.reduce(0, +) / Double(allTokens.count)
    let tokenMeans = familyTokens.mapValues { $0.reduce(0, +) / Double($0.count) }
    let raw = usable.map { row in
      Inputs(
        family: families[row], n: Elementary.log10(size[row]),
        d: tokens[row] > 0
          ? Elementary.log10(tokens[row]) : tokenMeans[families[row]] ?? meanTokens)
    }
    let centre = [
      raw.map(\.n).reduce(0, +) / Double(raw.count), raw.map(\.d).reduce(0, +) / Double(raw.count),
    ]
    let familyIndex = Dictionary(uniqueKeysWithValues: familyNames.enumerated().map { ($1, $0) })
    let y = usable.map { row in scores.map { $0[row] } }
    let problem = Problem(
      inputs: raw.map { Inputs(family: $0.family, n: $0.n - centre[0], d: $0.d - centre[1]) },
      family: raw.map { familyIndex[$0.family] ?? 0 }, families: familyNames.count, y: y,
      prior: prior, familyOffsets: familyOffsets, skills: k, chance: benchmarks.map { chance[$0] },
      fittedCeilings: fittedCeilings)
    // Two skills or more start from the one-skill solution, the added skills at zero but for
    // their slopes: far fewer iterations than from the default start.
    var warm: [Double]?
    if k > 1 {
      var single = problem
      single.skills = 1
      let one = try single.solve().parameters
      var x = problem.initial()
      x[0..<3] = one[0..<3]
      for f in 0..<familyNames.count { x[problem.offset(f, 0)] = one[single.offset(f, 0)] }
      for j in 0..<benchmarks.count {
        x[problem.floor(j)] = one[single.floor(j)]
        x[problem.ceiling(j)] = one[single.ceiling(j)]
        x[problem.bias(j)] = one[single.bias(j)]
        if j >= 1 { x[problem.loading(j, 0)] = one[single.loading(j, 0)] }
      }
      warm = x
    }
    let result = try problem.solve(start: warm)
    let x = result.parameters
    let f = familyNames.count
    let b = benchmarks.count
    var residualDeviation = [Double](repeating: 0, count: b)
    for i in usable.indices {
      for j in 0..<b {
        let e = result.residuals[i * b + j]
        residualDeviation[j] += e * e
      }
    }
    // Each benchmark's scatter, inflated for the parameters the fit spent (m residuals, p free
    // parameters: √(m / (m − p)), the usual degrees-of-freedom correction of a residual
    // variance; Seber & Wild 2003, §2.1).
    let (lower, upper, _) = problem.bounds()
    let free = Double(zip(lower, upper).filter { $0 < $1 }.count)
    let count = Double(usable.count * b)
    let inflation = count > free + 1 ? count / (count - free) : 1
    residualDeviation = residualDeviation.map {
      ($0 / Double(usable.count) * inflation).squareRoot()
    }
    let offsets = (0..<f).map { family in (0..<k).map { x[problem.offset(family, $0)] } }
    let offsetDeviation = (0..<k).map { skill -> Double in
      let values = offsets.map { $0[skill] }
      let mean = values.reduce(0, +) / Double(f)
      return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(1, f - 1)))
        .squareRoot()
    }
    var models: [String: Int] = [:]
    for input in raw { models[input.family, default: 0] += 1 }
    let (slopeDeviation, familySizes) = Self.slopeSpread(
      raw, residuals: result.residuals, benchmarks: b, residualDeviation: residualDeviation)
    return FamilyForecast(
      benchmarks: benchmarks, centre: centre, skills: k,
      slopes: (0..<k).map { Array(x[(3 * $0)..<(3 * $0 + 3)]) },
      offsets: Dictionary(uniqueKeysWithValues: familyNames.enumerated().map { ($1, offsets[$0]) }),
      familyModels: models, floors: (0..<b).map { x[problem.floor($0)] },
      loadings: (0..<b).map { j in (0..<k).map { x[problem.loading(j, $0)] } },
      biases: (0..<b).map { x[problem.bias($0)] },
      ceilings: (0..<b).map { x[problem.ceiling($0)] },
      highest: (0..<b).map { j in y.map { $0[j] }.max() ?? 1 }, fittedCeilings: fittedCeilings,
      residualDeviation: residualDeviation, slopeDeviation: slopeDeviation,
      familySizes: familySizes, offsetDeviation: offsetDeviation,
      familyTokens: tokenMeans, meanTokens: meanTokens,
      sizeRange: (raw.map(\.n).min() ?? 0)...(raw.map(\.n).max() ?? 0), trainModels: usable.count,
      solver: SolverSummary(
        method: "bounded Levenberg–Marquardt, least squares, analytic Jacobian",
        termination: result.termination, cost: result.cost, iterations: result.iterations,
        evaluations: result.evaluations, optimality: result.optimality, winningStart: 0, starts: 1),
      prior: prior, familyOffsets: familyOffsets, chance: chance)
  }

  /// Throws `.scoreNotFraction` when a benchmark has a score outside [−0.05, 1.05] in
  /// `rows`: the link predicts fractions, and a benchmark on another scale (0–100) is refused,
  /// not fitted. Noise may carry a score a little past 0 or 1; more than 5% of the range is
  /// another scale (the margin `fit` allows a bounded law's target).
  static func requireFractions(
    _ scores: [[Double]], rows: [Int], benchmarks: [String], models: [String]
  ) throws {
    let fraction = -0.05...1.05
    let outside = benchmarks.indices.filter { j in
      rows.contains { !fraction.contains(scores[j][$0]) }
    }
    guard let first = outside.first else { return }
    let values = rows.map { scores[first][$0] }
    throw ScalingLawsError.scoreNotFraction(
      columns: outside.map { benchmarks[$0] }, low: values.min() ?? 0, high: values.max() ?? 0,
      models: rows.filter { !fraction.contains(scores[first][$0]) }.map { models[$0] })
  }

  /// The same forecast fitted again on the `rows` of `table`: its benchmarks, prior, skills,
  /// family offsets, guessing levels and ceilings as they were (a backtest's refit).
  public func refitted(on table: ScoreTable, rows: [Int]) throws -> FamilyForecast {
    try Self.fit(
      table, rows: rows, benchmarks: benchmarks, prior: prior, familyOffsets: familyOffsets,
      skills: skills, chance: chance, fittedCeilings: fittedCeilings)
  }

  /// How far families' own slopes in log size depart from the shared ones, per benchmark, and
  /// each family's mean log size: for every train family with 3 models or more spanning at
  /// least 0.3 decades, the slope of its residuals on log size (β); the spread is the
  /// method-of-moments estimate of a random slope's variance, mean β² less the mean of β's
  /// sampling variance σ²/Sₓₓ (a random-coefficients model; Gelman & Hill 2007, §13.1),
  /// floored at 0.
  static func slopeSpread(
    _ inputs: [Inputs], residuals: [Double], benchmarks b: Int, residualDeviation: [Double]
  ) -> ([Double], [String: Double]) {
    var members: [String: [Int]] = [:]
    for (i, input) in inputs.enumerated() { members[input.family, default: []].append(i) }
    var sizes: [String: Double] = [:]
    var squares = [Double](repeating: 0, count: b)
    var noise = [Double](repeating: 0, count: b)
    var families = 0
    // Families in name order: sums in a fixed order.
    for family in members.keys.sorted() {
      let rows = members[family] ?? []
      let mean = rows.reduce(0) { $0 + inputs[$1].n } / Double(rows.count)
      sizes[family] = mean
      let sxx = rows.reduce(0) { $0 + (inputs[$1].n - mean) * (inputs[$1].n - mean) }
      let span = rows.map { inputs[$0].n }.max()! - rows.map { inputs[$0].n }.min()!
      guard rows.count >= 3, span >= 0.3, sxx > 0 else { continue }
      families += 1
      for j in 0..<b {
        let beta = rows.reduce(0) { $0 + (inputs[$1].n - mean) * residuals[$1 * b + j] } / sxx
        squares[j] += beta * beta
        noise[j] += residualDeviation[j] * residualDeviation[j] / sxx
      }
    }
    guard families >= 2 else { return ([Double](repeating: 0, count: b), sizes) }
    return (
      (0..<b).map { max(0, (squares[$0] - noise[$0]) / Double(families)).squareRoot() }, sizes
    )
  }

  /// The forecast of a model of `family` with `size` billion parameters and `tokens`
  /// trillion tokens (nil: the family's mean, else everyone's), with intervals at `level`.
  ///
  /// The interval is the delta method's: each benchmark's train residual spread, the family
  /// offset's uncertainty — the offsets' spread for a family the fit has not seen, divided by
  /// 1 + its model count for one it has — carried through the benchmark's link, and for a
  /// family the fit has seen, its slope's possible departure times the decades from its
  /// models (`slopeDeviation`).
  public func predict(family: String, size: Double, tokens: Double?, level: Double = 0.9)
    -> Prediction
  {
    let d =
      tokens.flatMap { $0 > 0 ? Elementary.log10($0) : nil }
      ?? familyTokens[family] ?? meanTokens
    let n = Elementary.log10(size) - centre[0]
    let dd = d - centre[1]
    let known = Double(familyModels[family] ?? 0)
    let theta = (0..<skills).map { skill in
      slopes[skill][0] * n + slopes[skill][1] * dd + slopes[skill][2] * n * dd
        + (offsets[family]?[skill] ?? 0)
    }
    let offsetVariance = offsetDeviation.map { $0 * $0 / (1 + known) }
    let z = Self.normalQuantile((1 + level) / 2)
    let extra = extrapolationVariance(family: family, size: size)
    var scores: [Double] = []
    var low: [Double] = []
    var high: [Double] = []
    for j in benchmarks.indices {
      let argument = (0..<skills).reduce(biases[j]) { $0 + loadings[j][$1] * theta[$1] }
      let s = logistic(argument)
      let score = floors[j] + (ceilings[j] - floors[j]) * s
      let slope = (ceilings[j] - floors[j]) * s * (1 - s)
      let spread = (0..<skills).reduce(0) {
        $0 + loadings[j][$1] * loadings[j][$1] * offsetVariance[$1]
      }
      let half =
        z
        * (residualDeviation[j] * residualDeviation[j] + slope * slope * spread + extra[j])
        .squareRoot()
      scores.append(score)
      low.append(max(0, score - half))
      high.append(min(1, score + half))
    }
    return Prediction(scores: scores, low: low, high: high, capability: theta)
  }

  /// `count` draws of a model's benchmark scores from the forecast's own uncertainty (its
  /// capability's, through the family offset, and each benchmark's scatter), for carrying it
  /// into a downstream law: one row per draw, one score per benchmark, each in [0, 1].
  public func draws(
    family: String, size: Double, tokens: Double?, count: Int, seed: UInt64
  ) -> [[Double]] {
    let centre = predict(family: family, size: size, tokens: tokens)
    let known = Double(familyModels[family] ?? 0)
    let spreads = offsetDeviation.map { ($0 * $0 / (1 + known)).squareRoot() }
    let extra = extrapolationVariance(family: family, size: size).map { $0.squareRoot() }
    var random = SplitMix64(seed: seed)
    return (0..<count).map { _ in
      let theta = (0..<skills).map { centre.capability[$0] + spreads[$0] * random.nextGaussian() }
      return benchmarks.indices.map { j in
        let argument = (0..<skills).reduce(biases[j]) { $0 + loadings[j][$1] * theta[$1] }
        let score =
          floors[j] + (ceilings[j] - floors[j]) * logistic(argument)
          + residualDeviation[j] * random.nextGaussian() + extra[j] * random.nextGaussian()
        return min(1, max(0, score))
      }
    }
  }

  /// Per benchmark, the variance a family's own slope adds at `size`: the slopes' spread
  /// times the square of the decades from the family's models (0 for a family not in the fit,
  /// whose offset's spread covers it).
  func extrapolationVariance(family: String, size: Double) -> [Double] {
    guard let mean = familySizes[family], slopeDeviation.count == benchmarks.count else {
      return [Double](repeating: 0, count: benchmarks.count)
    }
    let decades = Elementary.log10(size) - centre[0] - mean
    return slopeDeviation.map { $0 * $0 * decades * decades }
  }

  /// The benchmarks whose ceiling sits within their scatter (train RMSE, at least 0.005:
  /// scores published to two decimals) of their highest train score: no forecast can exceed
  /// the best model the fit saw by more than its noise. Whether the data show a plateau
  /// there or merely end there, a larger model that scores higher is beyond the link. A
  /// ceiling within the scatter of 1 is not named: no score could pass it.
  public var ceilingsAtTheData: [Int] {
    guard fittedCeilings, highest.count == benchmarks.count else { return [] }
    // A ceiling within the scatter of 1 is 1: nothing is capped that a score could pass.
    return benchmarks.indices.filter {
      let band = max(0.005, residualDeviation[$0])
      return ceilings[$0] < 1 - band && ceilings[$0] - highest[$0] < band
    }
  }

  /// The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9).
  static func normalQuantile(_ p: Double) -> Double {
    let a = [
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
    ]
    let b = [
      -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
      6.680131188771972e+01, -1.328068155288572e+01,
    ]
    let c = [
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
    ]
    let d = [
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00,
    ]
    if p < 0.02425 {
      let q = (-2 * _log(p)).squareRoot()
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
        / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    if p > 1 - 0.02425 { return -normalQuantile(1 - p) }
    let q = p - 0.5
    let r = q * q
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
      / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  }

  /// The joint least-squares problem: residuals and their analytic Jacobian.
  ///
  /// Parameters: K × 3 slopes, F × K family offsets, then per benchmark γ, K loadings and c.
  /// The loadings are identified as a factor model's usually are: benchmark s loads 1 on skill
  /// s and 0 on the skills after it; the first skill's loadings are positive.
  struct Problem {
    var inputs: [Inputs]
    var family: [Int]
    var families: Int
    var y: [[Double]]
    var prior: Double
    /// Whether families have offsets (false: every offset held at 0, one common line).
    var familyOffsets: Bool
    /// The number of skills K.
    var skills: Int
    /// Per benchmark, its guessing level when known (the floor, then fixed).
    var chance: [Double?]
    /// Whether ceilings are fitted (else held at 1).
    var fittedCeilings = true

    var benchmarks: Int { y.first?.count ?? 0 }
    var parameterCount: Int { 3 * skills + families * skills + benchmarks * (skills + 3) }
    func offset(_ f: Int, _ s: Int) -> Int { 3 * skills + f * skills + s }
    func floor(_ j: Int) -> Int { 3 * skills + families * skills + j * (skills + 3) }
    func loading(_ j: Int, _ s: Int) -> Int { floor(j) + 1 + s }
    func bias(_ j: Int) -> Int { floor(j) + 1 + skills }
    func ceiling(_ j: Int) -> Int { floor(j) + 2 + skills }

    /// The default start, within the bounds.
    func initial() -> [Double] { bounds().start }

    /// The bounds, and a start within them.
    func bounds() -> (lower: [Double], upper: [Double], start: [Double]) {
      let p = parameterCount
      let b = benchmarks
      let k = skills
      var lower = [Double](repeating: -.infinity, count: p)
      var upper = [Double](repeating: .infinity, count: p)
      var start = [Double](repeating: 0, count: p)
      for s in 0..<k { start[3 * s] = s == 0 ? 1 : 0.3 }
      if !familyOffsets {
        for f in 0..<families {
          for s in 0..<k {
            lower[offset(f, s)] = 0
            upper[offset(f, s)] = 0
          }
        }
      }
      for j in 0..<b {
        let lowest = y.map { $0[j] }.min() ?? 0
        let highest = y.map { $0[j] }.max() ?? 1
        if let level = chance[j] {
          // A known guessing level, unless the scores go below it (scores rescaled so that
          // guessing is 0, say): then the lowest score.
          let floor = max(0, min(level, lowest))
          (lower[self.floor(j)], upper[self.floor(j)], start[self.floor(j)]) = (floor, floor, floor)
        } else {
          lower[floor(j)] = 0
          upper[floor(j)] = max(1e-3, min(0.5, lowest))
          start[floor(j)] = upper[floor(j)] / 2
        }
        let top = fittedCeilings ? min(1, max(highest, upper[floor(j)] + 1e-3)) : 1
        (lower[ceiling(j)], upper[ceiling(j)], start[ceiling(j)]) = (top, 1, 1)
        for s in 0..<k {
          let q = loading(j, s)
          if j < s {
            (lower[q], upper[q], start[q]) = (0, 0, 0)
          } else if j == s {
            (lower[q], upper[q], start[q]) = (1, 1, 1)
          } else {
            (lower[q], upper[q], start[q]) = (s == 0 ? 1e-3 : -1e3, 1e3, s == 0 ? 1 : 0.1)
          }
        }
      }
      return (lower, upper, start)
    }

    func solve(start given: [Double]? = nil) throws -> LeastSquaresResult {
      let p = parameterCount
      let b = benchmarks
      let k = skills
      let (lower, upper, initial) = bounds()
      // A warm start is clipped into the bounds (a fixed loading of 1 or 0 stays so).
      let start =
        given.map { x in
          (0..<p).map { min(max(x[$0], lower[$0]), upper[$0]) }
        } ?? initial
      let m = inputs.count * b + families * k
      let solver = BoundedLeastSquares(
        parameters: p, lower: lower, upper: upper, costTolerance: 1e-7, maxEvaluations: 20_000)
      return try solver.minimize(
        start: start, residualCount: m,
        residuals: { x, r in
          var row = 0
          for (i, input) in inputs.enumerated() {
            let theta = capabilities(x, input, family[i])
            for j in 0..<b {
              let argument = (0..<k).reduce(x[bias(j)]) { $0 + x[loading(j, $1)] * theta[$1] }
              r[row] = x[floor(j)] + (x[ceiling(j)] - x[floor(j)]) * logistic(argument) - y[i][j]
              row += 1
            }
          }
          // The ridge acts on each offset as the benchmarks read it, a_f times the skill's
          // root-mean-square loading: a logit-scale offset, whatever the skill's own scale.
          for s in 0..<k {
            let scale = loadingScale(x, s)
            for f in 0..<families {
              r[row] = prior * x[offset(f, s)] * scale
              row += 1
            }
          }
        },
        jacobian: { x, jac in
          jac.storage.withUnsafeMutableBufferPointer { storage in
            for index in storage.indices { storage[index] = 0 }
          }
          var row = 0
          for (i, input) in inputs.enumerated() {
            let theta = capabilities(x, input, family[i])
            let features = [input.n, input.d, input.n * input.d]
            for j in 0..<b {
              let argument = (0..<k).reduce(x[bias(j)]) { $0 + x[loading(j, $1)] * theta[$1] }
              let sigma = logistic(argument)
              let ds = (x[ceiling(j)] - x[floor(j)]) * sigma * (1 - sigma)
              jac[row, floor(j)] = 1 - sigma
              jac[row, ceiling(j)] = sigma
              jac[row, bias(j)] = ds
              for s in 0..<k {
                let lambda = x[loading(j, s)]
                jac[row, loading(j, s)] = ds * theta[s]
                for q in 0..<3 { jac[row, 3 * s + q] = ds * lambda * features[q] }
                jac[row, offset(family[i], s)] = ds * lambda
              }
              row += 1
            }
          }
          for s in 0..<k {
            let scale = loadingScale(x, s)
            for f in 0..<families {
              jac[row, offset(f, s)] = prior * scale
              if scale > 0 {
                for j in 0..<b {
                  jac[row, loading(j, s)] =
                    prior * x[offset(f, s)] * x[loading(j, s)] / (Double(b) * scale)
                }
              }
              row += 1
            }
          }
        })
    }

    /// The root mean square of skill s's loadings.
    func loadingScale(_ x: [Double], _ s: Int) -> Double {
      ((0..<benchmarks).reduce(0) { $0 + x[loading($1, s)] * x[loading($1, s)] }
        / Double(max(1, benchmarks))).squareRoot()
    }

    func capabilities(_ x: [Double], _ input: Inputs, _ family: Int) -> [Double] {
      (0..<skills).map { s in
        x[3 * s] * input.n + x[3 * s + 1] * input.d + x[3 * s + 2] * input.n * input.d
          + x[offset(family, s)]
      }
    }
  }
}
