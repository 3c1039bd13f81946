internal import ScalingLaws

extension StatementInfo {
  /// `select`: Chooses which model families to evaluate under each budget: V-optimal subsets (docs/ENGINE.md, model-subset selection).
  static let select = StatementInfo(
    name: "select",
    summary:
      "Chooses which model families to evaluate under each budget: V-optimal subsets (docs/ENGINE.md, model-subset selection).",
    syntax: "name = select table [options]",
    options: [
      SelectStatement.Options.budgets.info, SelectStatement.Options.force.info,
      SelectStatement.Options.families.info, SelectStatement.Options.search.info,
      SelectStatement.Options.random.info, SelectStatement.Options.seed.info,
      SelectStatement.Options.benchmarks.info, SelectStatement.Options.components.info,
      SelectStatement.Options.impute.info,
    ],
    examples: [
      "small = filter data where `FLOPs (1E21)` <= 84",
      "s = select small force = [Atlas] budgets = [8, 12, 16]",
      "f = fit data: gsm_cot ~ pc(3) split = subset(s, 12)",
    ],
    completion: .of(.table))
}

/// `select table [options]`.
struct SelectStatement: StatementNode {
  static var info: StatementInfo { .select }

  /// The table.
  var table: Located<String>
  /// Its options.
  var options: [OptionSetting]

  static func parse(_ parser: inout Parser) throws -> SelectStatement {
    let table = try parser.parseName("a table name after 'select'")
    return SelectStatement(table: table, options: try parser.parseOptions(for: info))
  }
}

extension Environment {
  /// `select table [options]`: the principal capabilities of the table's models, then the
  /// V-optimal family subsets for each budget (docs/ENGINE.md, model-subset selection).
  fileprivate func select(
    _ table: ScoreTable, tableName: String, _ options: OptionSettings, progress: (String) -> Void
  ) throws -> SelectionAnalysis {
    guard let families = table.families else {
      throw EvaluationFailure(
        .unknownColumn(ScoreTable.familyColumn, table: tableName, suggestion: nil), at: .none)
    }
    let settings = try SelectStatement.Settings(
      decoding: options, families: Array(Set(families)).sorted(), in: self)
    let (budgets, forced, maxFamilies) = (settings.budgets, settings.forced, settings.maxFamilies)
    let (search, random, seed) = (settings.search, settings.random, settings.seed)
    let analysis = try capabilities(
      table,
      try CapabilitySettings(
        decoding: options, reading: SelectStatement.Options.capability, table: table,
        tableName: tableName, in: self), progress: progress)
    let k =
      options[SelectStatement.Options.components] == nil
      ? min(3, analysis.components.count) : analysis.components.count
    let scores = Matrix(columns: (0..<k).map { analysis.scores.column($0) })
    if search == .exhaustive {
      let total = SubsetSelection.combinations(
        families: Set(analysis.families).count, forced: forced.count, maxFamilies: maxFamilies)
      if total > 1_000_000 {
        progress("selecting: up to \(total) family subsets to score on all cores")
      }
    }
    let selection = try SubsetSelection.select(
      scores: scores, models: analysis.models, families: analysis.families, forced: forced,
      budgets: budgets, maxFamilies: maxFamilies,
      search: search, randomSamples: random, seed: seed)
    return SelectionAnalysis(
      table: tableName, benchmarks: analysis.benchmarks, candidates: analysis.models.count,
      models: analysis.models,
      families: analysis.families, selection: selection)
  }

  /// Reads a whole number or a list of whole numbers, each in `range`.
  fileprivate func wholeNumbers(
    _ expression: Located<Expression>, option: String, in range: ClosedRange<Int>
  )
    throws -> [Int]
  {
    let items: [Scalar]
    switch try resolve(expression) {
    case .number(let value): items = [.number(value)]
    case .list(let list): items = list
    default: items = [.text(expression.value.display)]
    }
    return try items.map { item in
      guard case .number(let value) = item, value == value.rounded(),
        value >= Double(range.lowerBound), value <= Double(range.upperBound)
      else {
        throw EvaluationFailure(
          .invalidValue(
            option: option, value: item.display,
            expected: "whole numbers of at least \(range.lowerBound)", suggestion: nil),
          at: expression.range)
      }
      return Int(value)
    }
  }
}

extension SelectStatement {
  /// The options of `select`, declared once: help, completion and evaluation read them.
  enum Options {
    /// The capability analysis's three.
    static let capability = CapabilityOptions(
      benchmarks: benchmarks, components: components, impute: impute)
    static let budgets = Option(
      "budgets", FreeValue(syntax: "a count or a list of counts"), default: "8 to 20",
      summary: "the most models a subset may have")
    static let force = Option(
      "force", NamesValue(names: .families, words: ["none"], syntax: "a list of families, or none"),
      default: "[Llama-2] when the table has it", summary: "families every subset contains")
    static let families = Option(
      "families", CountValue(range: 1...64, defaultValue: 10), default: "10",
      summary: "the most families in a subset, forced ones included")
    static let search = Option(
      "search", WordValue(["exhaustive", "greedy"], syntax: "exhaustive or greedy"),
      default: "exhaustive",
      summary: "every combination (on all cores), or the best family at a time")
    static let random = Option(
      "random", CountValue(range: 0...100_000, defaultValue: 0), default: "0",
      summary: "random family subsets per budget to compare with")
    static let seed = Option(
      "seed", CountValue(range: 0...Int.max, defaultValue: 0, syntax: "a whole number"),
      default: "0", summary: "the seed of the random subsets")
    static let benchmarks = Option(
      "benchmarks", NamesValue(names: .columns, syntax: "a list of columns"),
      default: "the paper's eight", summary: "the benchmark columns")
    static let components = Option(
      "components", CountValue(range: 1...Int.max, defaultValue: 3),
      summary: "principal capabilities in the criterion")
    static let impute = Option.impute(
      summary: "impute missing cells first; no drops incomplete rows")
  }
}

extension SelectStatement {
  /// The subset search's options of one `select`, decoded and checked against the table's
  /// families before its capabilities are computed (those read `benchmarks`, `components` and
  /// `impute` as `pca` does).
  struct Settings {
    /// The model budgets, 8…20 by default.
    var budgets: [Int]
    /// The families every subset keeps: the paper's reference (Llama-2, or the demo's Atlas)
    /// by default.
    var forced: [String]
    /// The most families a subset has.
    var maxFamilies: Int
    /// How the subsets are searched, with its random samples and seed.
    var search: SubsetSelection.Search
    /// See `search`.
    var random: Int
    /// See `search`.
    var seed: UInt64

    /// Decodes `options` against the table's `families` (sorted).
    init(decoding options: OptionSettings, families present: [String], in environment: Environment)
      throws
    {
      budgets = Array(8...20)
      if let value = options[Options.budgets] {
        budgets = try environment.wholeNumbers(value.value, option: "budgets", in: 1...Int.max)
      }
      forced = ["Llama-2", "Atlas"].first { present.contains($0) }.map { [$0] } ?? []
      if let value = options[Options.force] {
        if case .name("none", false) = value.value.value {
          forced = []
        } else {
          forced = try environment.names(value.value, option: "force")
          for family in forced where !present.contains(family) {
            throw EvaluationFailure(
              .unknownFamily(family, suggestion: Suggestion.closest(to: family, among: present)),
              at: value.value.range)
          }
        }
      }
      maxFamilies = try environment.count(
        Options.families, of: options, in: max(1, forced.count)...64)
      search =
        try options[Options.search].map {
          SubsetSelection.Search(
            rawValue: try environment.choice(
              $0.value, option: "search", among: SubsetSelection.Search.allCases.map(\.rawValue)))
            ?? .exhaustive
        } ?? .exhaustive
      random = try environment.value(Options.random, of: options)
      seed = UInt64(try environment.value(Options.seed, of: options))
    }
  }
}

extension SelectStatement: EvaluatedStatement {
  /// Runs `select`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let name = table
    let binding = environment.binding
    let progress = environment.progress
    let analysis = try environment.select(
      try environment.table(name), tableName: name.value, OptionSettings(options, .select),
      progress: progress)
    return Evaluation(
      .selection(analysis),
      environment.presenter.present(.selection(analysis), name: binding, brief: false)
    )
  }
}
