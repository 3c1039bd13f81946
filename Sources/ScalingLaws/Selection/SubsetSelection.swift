import Dispatch
internal import Synchronization

/// Which families of models to evaluate when only a few can be: V-optimal subset selection
/// (Ruan et al. 2024, §4; algorithm.md §12).
///
/// With S the n×K matrix of the candidates' first K principal-capability scores and
/// G(·) = SᵀS over a set of rows (uncentered, K×K), a subset of families with m models
/// scores
///
///     −trace(G_all · G_sub⁻¹)
///
/// — the summed prediction variance of a linear model fitted on the subset, over all
/// candidates, up to σ²: higher is better. Fewer than K models, or a singular G_sub, score
/// −∞. Adding a family never lowers the score (G_sub grows in the positive semidefinite
/// order), so the best subset for a budget of n models is usually one of the largest that
/// fit in it.
///
/// The exhaustive search scores every combination of at most `maxFamilies` families that
/// contains the forced ones (the reference's search), pruning combinations over the largest
/// budget, on all cores; the greedy search adds, per budget, the family that raises the
/// score most until none fits.
public struct SubsetSelection: Codable, Equatable, Sendable {
  /// How subsets were searched.
  public enum Search: String, Codable, Equatable, Sendable, CaseIterable {
    /// Every combination (bounded by `SubsetSelection.maximumSubsets`).
    case exhaustive
    /// One family at a time, the best next.
    case greedy
  }

  /// The best subset found for one budget.
  public struct Choice: Codable, Equatable, Sendable {
    /// The most models the subset may have.
    public var budget: Int
    /// Its families: the forced ones first, then in candidate order.
    public var families: [String]
    /// Its models, in candidate order.
    public var models: [String]
    /// The criterion, −trace(G_all · G_sub⁻¹).
    public var score: Double
  }

  /// The criterion of random family subsets for one budget, for comparison.
  public struct RandomBaseline: Codable, Equatable, Sendable {
    /// The budget.
    public var budget: Int
    /// How many random subsets were drawn.
    public var samples: Int
    /// Their median criterion (−∞ when more than half were singular).
    public var median: Double
    /// Their best criterion.
    public var best: Double
    /// The median number of models in them.
    public var medianModels: Double
    /// The families of each draw, in drawing order (forced ones first).
    public var draws: [[String]]
  }

  /// The most combinations the exhaustive search will score.
  public static let maximumSubsets = 500_000_000

  /// The search used.
  public var search: Search
  /// The candidate families, in first-appearance order.
  public var families: [String]
  /// The models of each family.
  public var familySizes: [Int]
  /// The families every subset contains.
  public var forced: [String]
  /// The most families in a subset, forced ones included.
  public var maxFamilies: Int
  /// The principal components used (K).
  public var components: Int
  /// How many subsets were scored.
  public var subsetsScored: Int
  /// The best subset per budget, for the budgets some subset fits.
  public var choices: [Choice]
  /// The budgets no subset with a finite score fits.
  public var infeasibleBudgets: [Int]
  /// Random family subsets per budget, when asked for.
  public var randomBaselines: [RandomBaseline]

  /// Selects family subsets for each budget.
  ///
  /// - Parameters:
  ///   - scores: n × K principal-capability scores of the candidate models (K ≥ 1).
  ///   - models: the n model names.
  ///   - families: the n models' families.
  ///   - forced: families every subset must contain (each must be a candidate family).
  ///   - budgets: the model budgets (each ≥ 1).
  ///   - maxFamilies: the most families in a subset, forced ones included.
  ///   - search: exhaustive or greedy.
  ///   - randomSamples: random family subsets to draw per budget for comparison (0: none).
  ///   - seed: the seed of those draws.
  /// - Throws: `ScalingLawsError.invalidParameter` for a bad argument or an exhaustive
  ///   search over `maximumSubsets`; `.unknownFamily` for a forced family that is not a
  ///   candidate; `.cancelled` when the `WorkMonitor` asks.
  public static func select(
    scores: Matrix, models: [String], families: [String], forced: [String], budgets: [Int],
    maxFamilies: Int = 10,
    search: Search = .exhaustive, randomSamples: Int = 0, seed: UInt64 = 0
  ) throws -> SubsetSelection {
    guard scores.rows == models.count, scores.rows == families.count, scores.rows > 0,
      scores.columns > 0
    else {
      throw ScalingLawsError.invalidParameter(
        name: "scores", value: "\(scores.rows)×\(scores.columns) for \(models.count) models",
        limit: "one row per model")
    }
    guard let smallest = budgets.min(), smallest >= 1 else {
      throw ScalingLawsError.invalidParameter(
        name: "budget", value: budgets.map(String.init).joined(separator: ", "),
        limit: "at least one budget, each ≥ 1")
    }
    let space = try CriterionSpace(scores: scores, families: families)
    var forcedIndices: [Int] = []
    for name in forced where !forcedIndices.contains(where: { space.names[$0] == name }) {
      guard let index = space.names.firstIndex(of: name) else {
        throw ScalingLawsError.unknownFamily(
          name: name, suggestion: Suggestion.closest(to: name, among: space.names))
      }
      forcedIndices.append(index)
    }
    guard maxFamilies >= max(1, forcedIndices.count) else {
      throw ScalingLawsError.invalidParameter(
        name: "families", value: String(maxFamilies),
        limit: "at least the \(forcedIndices.count) forced families and 1")
    }
    let budgets = Array(Set(budgets)).sorted()
    var best: [Int: (score: Double, members: [Int])]
    var scored: Int
    switch search {
    case .exhaustive:
      (best, scored) = try exhaustive(
        space, forced: forcedIndices, budgets: budgets, maxFamilies: maxFamilies)
    case .greedy:
      (best, scored) = greedy(
        space, forced: forcedIndices, budgets: budgets, maxFamilies: maxFamilies)
    }
    var choices: [Choice] = []
    var infeasible: [Int] = []
    for budget in budgets {
      guard let found = best[budget], found.score > -.infinity else {
        infeasible.append(budget)
        continue
      }
      let members = forcedIndices + found.members.filter { !forcedIndices.contains($0) }.sorted()
      let rows = Set(members.flatMap { space.rows[$0] })
      choices.append(
        Choice(
          budget: budget, families: members.map { space.names[$0] },
          models: (0..<models.count).filter(rows.contains).map { models[$0] }, score: found.score))
    }
    var baselines: [RandomBaseline] = []
    if randomSamples > 0 {
      var generator = SplitMix64(seed: seed)
      for budget in budgets {
        baselines.append(
          random(
            space, forced: forcedIndices, budget: budget, maxFamilies: maxFamilies,
            samples: randomSamples, generator: &generator))
      }
    }
    return SubsetSelection(
      search: search, families: space.names, familySizes: space.rows.map(\.count),
      forced: forcedIndices.map { space.names[$0] },
      maxFamilies: maxFamilies, components: scores.columns, subsetsScored: scored, choices: choices,
      infeasibleBudgets: infeasible,
      randomBaselines: baselines)
  }

  /// The criterion of the models in `rows` against all of `scores`: −trace(G_all · G_sub⁻¹),
  /// or −∞ when G_sub is singular or there are fewer rows than components.
  public static func criterion(scores: Matrix, rows: [Int]) -> Double {
    let k = scores.columns
    guard rows.count >= k else { return -.infinity }
    var all = [Double](repeating: 0, count: k * k)
    var sub = all
    for i in 0..<scores.rows { CriterionSpace.accumulate(&all, scores.row(i)) }
    for i in rows { CriterionSpace.accumulate(&sub, scores.row(i)) }
    guard let root = CriterionSpace.cholesky(all, k) else { return -.infinity }
    return CriterionSpace.score(sub, count: rows.count, rootOfAll: root, k)
  }

  /// The number of combinations the exhaustive search would consider: every choice of at
  /// most `maxFamilies − forced` of the `families − forced` free families.
  public static func combinations(families: Int, forced: Int, maxFamilies: Int) -> Int {
    let free = families - forced
    let most = min(free, maxFamilies - forced)
    guard most >= 0 else { return 0 }
    var total = 0
    var term = 1  // C(free, r)
    for r in 0...most {
      if r > 0 { term = term * (free - r + 1) / r }
      total += term
      if total > Int.max / 4 { return Int.max / 4 }
    }
    return total
  }
}
