internal import ScalingLaws

extension StatementInfo {
  /// `forecast`: A family-aware forecast of every benchmark from size and tokens.
  static let forecast = StatementInfo(
    name: "forecast",
    summary:
      "Forecasts every benchmark of a family's models from their size and training tokens, families sharing a capability scale with offsets of their own (docs/ENGINE.md); with family = and sizes =, a family's next models.",
    syntax: "name = forecast table [benchmarks = [...]] [family = NAME sizes = [...] tokens = T]",
    options: [
      ForecastStatement.Options.benchmarks.info, ForecastStatement.Options.prior.info,
      ForecastStatement.Options.family.info, ForecastStatement.Options.sizes.info,
      ForecastStatement.Options.tokens.info, ForecastStatement.Options.level.info,
      ForecastStatement.Options.through.info, ForecastStatement.Options.skills.info,
      ForecastStatement.Options.floors.info, ForecastStatement.Options.ceilings.info,
    ],
    examples: [
      "fc = forecast v2", "forecast v2 family = Llama-3 sizes = [8, 70, 405] tokens = 15",
      "backtest fc on v2 by = families known = 2",
      "forecast base family = Llama-3.1 sizes = [405] tokens = 15 through = cot",
    ],
    completion: .of(.table))
}

/// `forecast table [options]`.
struct ForecastStatement: StatementNode {
  static var info: StatementInfo { .forecast }

  /// The table of models the forecast learns from.
  var table: Located<String>
  /// Its options.
  var options: [OptionSetting]

  static func parse(_ parser: inout Parser) throws -> ForecastStatement {
    let table = try parser.parseName("a table name after 'forecast'")
    return ForecastStatement(table: table, options: try parser.parseOptions(for: info))
  }
}

extension ForecastStatement {
  /// The Open LLM Leaderboard v2 columns, as the paper's table and `load … tasks = v2` name
  /// them: the default benchmarks when a table has them.
  static let leaderboardV2 = [
    "leaderboard_ifeval", "leaderboard_bbh", "leaderboard_math_hard", "leaderboard_gpqa",
    "leaderboard_musr", "leaderboard_mmlu_pro",
  ]

  /// The same six as the leaderboard's own exports name them, each beside its column above.
  static let leaderboardV2Exports = ["IFEval", "BBH", "MATH Lvl 5", "GPQA", "MUSR", "MMLU-PRO"]

  /// The v2 benchmarks `table` has, in the order above: each by the paper's name, else by the
  /// leaderboard's (compared as `ChanceLevel` compares names: "MuSR" and "MUSR" are one).
  static func leaderboardV2Columns(in table: ScoreTable) -> [String] {
    zip(leaderboardV2, leaderboardV2Exports).compactMap { paper, export in
      if table.hasColumn(paper) { return paper }
      let key = ChanceLevel.key(export)
      return table.columnNames.first { ChanceLevel.key($0) == key }
    }
  }

  /// The options of `forecast`, declared once: help, completion and evaluation read them.
  enum Options {
    static let benchmarks = Option(
      "benchmarks", NamesValue(names: .columns, syntax: "a list of columns"),
      default: "the Open LLM Leaderboard v2 six (either naming), else the paper's eight",
      summary: "the benchmarks forecast")
    static let prior = Option(
      "prior", PositiveValue(defaultValue: FamilyForecast.defaultPrior),
      default: "\(FamilyForecast.defaultPrior)",
      summary:
        "the ridge on family offsets: larger pulls a family known by few models to the common line")
    static let family = Option(
      "family", NamesValue(names: .families, syntax: "a family"), default: "none",
      summary: "the family whose next models to forecast (with sizes)")
    static let sizes = Option(
      "sizes", NumbersValue(syntax: "a list of sizes, in billions of parameters"),
      default: "none", summary: "the sizes to forecast the family at")
    static let tokens = Option(
      "tokens", NumberValue(syntax: "trillions of tokens"),
      default: "the family's mean", summary: "their training tokens")
    static let level = BootstrapStatement.Options.level
    static let skills = Option(
      "skills", CountValue(range: 1...4, defaultValue: FamilyForecast.defaultSkills),
      default: "\(FamilyForecast.defaultSkills)", summary: "the latent skills the benchmarks share")
    static let ceilings = Option(
      "ceilings", WordValue(["fitted", "one"]), default: "fitted",
      summary:
        "each benchmark's ceiling: fitted between its highest score and 1, or held at 1 (one)")
    static let floors = Option(
      "floors", WordValue(["chance", "fitted"]), default: "chance",
      summary:
        "each benchmark's floor: its guessing level where it is a known benchmark (chance), else fitted below the lowest score; or always fitted"
    )
    static let through = Option(
      "through", FreeValue(syntax: "a fit, or a list of fits"), default: "none",
      summary:
        "fits to carry the family's forecast through: each law applied to 2000 draws of the forecast benchmarks"
    )
  }
}

extension ForecastStatement {
  /// The options of one `forecast`, decoded and checked before any fitting: a mistake in the
  /// last option costs no fit.
  struct Settings {
    /// The benchmarks forecast, each a column of the table.
    var benchmarks: [String]
    var prior: Double
    var skills: Int
    var level: Double
    /// The known guessing levels to hold as floors (none with `floors = fitted`).
    var chance: [String: Double]
    /// Whether ceilings are fitted (`ceilings = fitted`) or held at 1.
    var fittedCeilings: Bool
    /// A family's next models: its name, the sizes, the tokens, and the laws to carry the
    /// forecast through.
    var next: (family: String, sizes: [Double], tokens: Double?)?
    /// See `next`.
    var through: (fits: [(String, ScalingLawFit)], range: SourceRange)?

    /// Decodes `options` of a forecast of `table` (named by `name`).
    init(
      decoding options: OptionSettings, table: ScoreTable, name: Located<String>,
      in environment: Environment
    ) throws {
      benchmarks = try Self.benchmarks(options, table: table, name: name, in: environment)
      for column in [ScoreTable.familyColumn, ScoreTable.sizeColumn]
      where !table.hasColumn(column) {
        throw EvaluationFailure(
          .engine(.missingRequiredColumn(name: column, available: table.columnNames)),
          at: name.range)
      }
      prior = try environment.value(Options.prior, of: options)
      skills = try environment.value(Options.skills, of: options)
      level = try environment.value(Options.level, of: options)
      let floors = try environment.given(Options.floors, of: options) ?? "chance"
      chance = floors == "fitted" ? [:] : ChanceLevel.known(for: benchmarks)
      fittedCeilings = try environment.given(Options.ceilings, of: options) != "one"
      let family = try options[Options.family].map {
        try environment.oneName($0.value, option: "family", what: "one family")
      }
      let sizes = try environment.given(Options.sizes, of: options)
      if (family == nil) != (sizes == nil) {
        let given = options[Options.family] ?? options[Options.sizes]
        throw EvaluationFailure(
          .invalidValue(
            option: family == nil ? "sizes" : "family", value: given?.value.value.display ?? "",
            expected: "family = and sizes = together (forecast t family = X sizes = [70])",
            suggestion: nil), at: given?.value.range ?? name.range)
      }
      guard let family, let sizes else {
        if let laws = options[Options.through] {
          throw EvaluationFailure.invalid(
            laws,
            expected:
              "family = and sizes = beside it: through carries the forecast of a family at those sizes"
          )
        }
        return
      }
      for size in sizes where !(size > 0 && size.isFinite) {
        throw EvaluationFailure(
          .invalidValue(
            option: "sizes", value: formatNumber(size), expected: "sizes > 0, in billions",
            suggestion: nil), at: options[Options.sizes]?.value.range ?? name.range)
      }
      let tokens = try environment.given(Options.tokens, of: options)
      if let tokens, !(tokens > 0) {
        throw EvaluationFailure(
          .invalidValue(
            option: "tokens", value: formatNumber(tokens), expected: "trillions of tokens, > 0",
            suggestion: nil), at: options[Options.tokens]?.value.range ?? name.range)
      }
      next = (family, sizes, tokens)
      if let laws = options[Options.through] {
        // A fit's name, or a list of them: looked up as fits, each at its place.
        var written: [Located<Expression>] = [laws.value]
        if case .list(let items) = laws.value.value { written = items }
        var fits: [(String, ScalingLawFit)] = []
        for item in written {
          guard case .name(let law, _) = item.value else {
            throw EvaluationFailure(
              .expected("a fit's name", found: item.value.display), at: item.range)
          }
          fits.append((law, try environment.fit(Located(law, item.range))))
        }
        through = (fits, laws.value.range)
      }
    }

    /// The benchmarks given (each a column of the table), else the Open LLM Leaderboard v2
    /// six the table has, else the paper's eight.
    static func benchmarks(
      _ options: OptionSettings, table: ScoreTable, name: Located<String>,
      in environment: Environment
    ) throws -> [String] {
      if let chosen = options[Options.benchmarks] {
        let benchmarks = try environment.given(Options.benchmarks, of: options) ?? []
        for (offset, column) in benchmarks.enumerated() {
          try environment.requireColumn(
            column, in: table, tableName: name.value,
            at: environment.itemRange(chosen.value, offset))
        }
        return benchmarks
      }
      let v2 = ForecastStatement.leaderboardV2Columns(in: table)
      let benchmarks = v2.isEmpty ? FitSpecification.paperBenchmarks.filter(table.hasColumn) : v2
      guard !benchmarks.isEmpty else {
        throw EvaluationFailure(
          .invalidValue(
            option: "benchmarks", value: "none found",
            expected:
              "the Open LLM Leaderboard v2 or the paper's benchmarks in '\(name.value)', or benchmarks = [...]",
            suggestion: nil), at: name.range)
      }
      return benchmarks
    }
  }
}

extension ForecastStatement: EvaluatedStatement {
  /// Runs `forecast`: its settings decoded, the forecast fitted, then a family's next models
  /// and the laws they are carried through.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let table = try environment.table(self.table)
    let settings = try Settings(
      decoding: OptionSettings(options, .forecast), table: table, name: self.table,
      in: environment)
    let forecast: FamilyForecast
    do {
      forecast = try FamilyForecast.fit(
        table, benchmarks: settings.benchmarks, prior: settings.prior, skills: settings.skills,
        chance: settings.chance, fittedCeilings: settings.fittedCeilings)
    } catch let error as ScalingLawsError {
      guard case .scoreNotFraction(let columns, let low, let high, let models, _) = error else {
        throw EvaluationFailure(.engine(error), at: self.table.range)
      }
      // At the first such benchmark in the list when one was given, with this table's name.
      let given = OptionSettings(options, .forecast)[Options.benchmarks]
      let offset = columns.first.flatMap { settings.benchmarks.firstIndex(of: $0) }
      let named = ScalingLawsError.scoreNotFraction(
        columns: columns, low: low, high: high, models: models, table: self.table.value)
      throw EvaluationFailure(
        .engine(named),
        at: given.map { environment.itemRange($0.value, offset ?? 0) } ?? self.table.range)
    }
    var output = environment.presenter.forecastOutput(
      forecast, name: environment.binding ?? self.table.value, brief: false)
    if let next = settings.next {
      output.blocks += environment.presenter.forwardForecast(
        forecast, family: next.family, sizes: next.sizes, tokens: next.tokens,
        level: settings.level)
      if let through = settings.through {
        output.blocks += try environment.downstream(
          forecast, family: next.family, sizes: next.sizes, tokens: next.tokens,
          level: settings.level, through: through.fits, at: through.range)
      }
    }
    return Evaluation(.forecast(forecast), output)
  }
}

extension Environment {
  /// A family's forecast carried through downstream laws: each law applied, through its own
  /// imputer and PCA, to 2000 draws of the forecast benchmarks at each size; the law's
  /// prediction for the central forecast, and the draws' quantiles as its interval.
  fileprivate func downstream(
    _ forecast: FamilyForecast, family: String, sizes: [Double], tokens: Double?,
    level: Double, through fits: [(String, ScalingLawFit)], at range: SourceRange
  ) throws -> [Block] {
    let count = 2000
    var rows: [[Cell]] = []
    for (name, fit) in fits {
      for column in fit.specification.benchmarks where !forecast.benchmarks.contains(column) {
        throw EvaluationFailure(
          .invalidValue(
            option: "through", value: name,
            expected:
              "a fit on the forecast's benchmarks (\(name) reads \(column), which the forecast does not forecast)",
            suggestion: nil), at: range)
      }
      for (k, size) in sizes.enumerated() {
        let central = forecast.predict(family: family, size: size, tokens: tokens, level: level)
        var samples = forecast.draws(
          family: family, size: size, tokens: tokens, count: count, seed: UInt64(k))
        samples.insert(central.scores, at: 0)
        let d =
          tokens ?? forecast.familyTokens[family].map { Elementary.pow10($0) }
          ?? Elementary.pow10(forecast.meanTokens)
        var columns: [ScoreColumn] = [
          .text(ScoreTable.modelColumn, samples.indices.map { "draw \($0)" }),
          .text(ScoreTable.familyColumn, [String](repeating: family, count: samples.count)),
          .numbers(ScoreTable.sizeColumn, [Double](repeating: size, count: samples.count)),
          .numbers(ScoreTable.dataColumn, [Double](repeating: d, count: samples.count)),
          .numbers(ScoreTable.flopsColumn, [Double](repeating: 6 * size * d, count: samples.count)),
        ]
        for (j, benchmark) in forecast.benchmarks.enumerated() {
          columns.append(.numbers(benchmark, samples.map { $0[j] }))
        }
        let application: ScalingLawFit.Application
        do {
          application = try fit.apply(to: try ScoreTable(columns: columns))
        } catch let error as ScalingLawsError {
          throw EvaluationFailure(.engine(error), at: range)
        }
        let predictions = application.rows.map(\.predicted)
        guard let point = predictions.first else { continue }
        let sorted = predictions.dropFirst().filter(\.isFinite).sorted()
        rows.append([
          .text("\(family) \(formatNumber(size))B"), .text(name), .text(fit.specification.target),
          .number(point), .of(BootstrapBands.quantile(sorted, (1 - level) / 2)),
          .of(BootstrapBands.quantile(sorted, (1 + level) / 2)),
        ])
      }
    }
    let percent = NumberFormatting.significant(level * 100, 3)
    return [
      .table(
        DataTable(
          name: "downstream",
          columns: [
            DataColumn("model"), DataColumn("law"), DataColumn("target"),
            DataColumn("forecast", .fixed(4)), DataColumn("\(percent)% low", .fixed(4)),
            DataColumn("\(percent)% high", .fixed(4)),
          ], rows: rows)),
      .text(
        "downstream: each law applied as fitted (its imputer, PCA and law) to the forecast benchmarks; its interval from \(count) draws of them (the family offset's, its own slope's and each benchmark's uncertainty), not the law's own"
      ),
    ]
  }
}

extension Presenter {
  /// A forecast: how it reads a model (the capability's formula), the families' offsets and
  /// each benchmark's link.
  func forecastOutput(_ forecast: FamilyForecast, name: String?, brief: Bool) -> Output {
    let k = forecast.skills
    var fields: [Field] = (0..<k).map { skill in
      let w = forecast.slopes[skill]
      return Field(
        k == 1 ? "capability" : "skill \(skill + 1)",
        .text(
          "θ\(k == 1 ? "" : String(skill + 1)) = a_family\(NumberFormatting.formulaTerm(w[0]))·n\(NumberFormatting.formulaTerm(w[1]))·d\(NumberFormatting.formulaTerm(w[2]))·n·d"
        ))
    }
    fields += [
      Field(
        "n, d",
        .text(
          forecast.hasTokens
            ? "log10 parameters (B) − \(NumberFormatting.significant(forecast.centre[0], 3)), log10 tokens (T) − \(NumberFormatting.significant(forecast.centre[1], 3))"
            : "log10 parameters (B) − \(NumberFormatting.significant(forecast.centre[0], 3)); no model has tokens, so d = 0 and the forecast reads size alone"
        )),
      Field(
        "models", .number(Double(forecast.trainModels)),
        display: "\(forecast.trainModels) in \(forecast.offsets.count) families"),
      Field("benchmarks", .text(forecast.benchmarks.joined(separator: ", "))),
      Field(
        "family offsets", .number(forecast.offsetDeviation.first ?? .nan),
        display:
          "sd \(forecast.offsetDeviation.map { NumberFormatting.significant($0, 3) }.joined(separator: ", ")); ridge (logit scale) \(NumberFormatting.significant(forecast.prior, 3)) pulls a family known by few models toward 0, the common line"
      ),
      Field("solver", .text(forecast.solver.termination.message)),
    ]
    // Each floor is a guessing level, fitted (no known level), or a benchmark's lowest score
    // (its scores go below its guessing level).
    var kinds: [(kind: String, names: [String])] = [
      ("guessing level", []), ("the lowest score, below the guessing level", []),
      ("fitted below the lowest score", []),
    ]
    for (j, name) in forecast.benchmarks.enumerated() {
      let level = forecast.chance[name]
      let kind = level.map { forecast.floors[j] < $0 - 1e-12 ? 1 : 0 } ?? 2
      // A floor below the guessing level names the level it replaced.
      kinds[kind].names.append(
        kind == 1 ? "\(name) (\(NumberFormatting.significant(level ?? 0, 3)))" : name)
    }
    let used = kinds.filter { !$0.names.isEmpty }
    let floors =
      used.count == 1 && !kinds[0].names.isEmpty
      ? "each benchmark's guessing level"
      : used.map { "\($0.kind): \($0.names.joined(separator: ", "))" }.joined(separator: "; ")
    fields.insert(
      Field("floors", .number(Double(kinds[0].names.count)), display: floors),
      at: fields.count - 1)
    let title =
      "\(name.map { $0 + ": " } ?? "")family-aware forecast of \(forecast.benchmarks.count) benchmarks from size and tokens (\(k) skill\(k == 1 ? "" : "s"))"
    if brief { return Output(kind: .forecast, name: name, title: title, blocks: []) }
    let families = forecast.offsets.sorted {
      let (a, b) = ($0.value.first ?? 0, $1.value.first ?? 0)
      return a != b ? a > b : $0.key < $1.key
    }
    let skillNames = (0..<k).map { k == 1 ? "" : " \($0 + 1)" }
    return Output(
      kind: .forecast, name: name, title: title,
      blocks: [
        .fields(fields),
        .table(
          DataTable(
            name: "benchmarks",
            columns: [
              DataColumn("benchmark"), DataColumn("floor γ", .fixed(3)),
              DataColumn("ceiling κ", .fixed(3)),
            ]
              + skillNames.map { DataColumn("loading λ\($0)", .significant(3)) } + [
                DataColumn("bias c", .significant(3)), DataColumn("train RMSE", .significant(3)),
              ],
            rows: forecast.benchmarks.indices.map { j in
              [
                .text(forecast.benchmarks[j]), .number(forecast.floors[j]),
                .number(forecast.ceilings[j]),
              ]
                + forecast.loadings[j].map { .number($0) } + [
                  .number(forecast.biases[j]), .number(forecast.residualDeviation[j]),
                ]
            })),
        .table(
          DataTable(
            name: "families",
            columns: [DataColumn("family"), DataColumn("models", .integer)]
              + skillNames.map { DataColumn("offset\($0)", .fixed(3)) },
            rows: families.map {
              [.text($0.key), .number(Double(forecast.familyModels[$0.key] ?? 0))]
                + $0.value.map { .number($0) }
            }, displayLimit: displayRows)),
        .text(
          "each benchmark: γ + (κ − γ)·σ(c + Σ λ·θ); a family the forecast has not seen sits on the common line (offsets 0)"
        ),
      ] + Self.ceilingWarning(forecast))
  }

  /// The warning on ceilings at the data: a benchmark whose fitted ceiling is its highest train
  /// score, where the data do not show where it saturates and no forecast can exceed the best
  /// model the fit saw. None when there are none.
  static func ceilingWarning(_ forecast: FamilyForecast) -> [Block] {
    let capped = forecast.ceilingsAtTheData
    guard !capped.isEmpty else { return [] }
    let named = capped.map {
      "\(forecast.benchmarks[$0].visibleInline) (\(NumberFormatting.significant(forecast.ceilings[$0], 3)))"
    }
    return [
      .text(
        "warning: the ceiling\(capped.count == 1 ? "" : "s") of \(named.joined(separator: ", ")) \(capped.count == 1 ? "is" : "are") within \(capped.count == 1 ? "its" : "their") scatter of the best score in the table: no forecast can exceed the best model here by more than that, so where a larger model may score higher, its forecast is a lower bound; ceilings = one lets the link rise to 1"
      )
    ]
  }

  /// A family's models at new sizes: each benchmark's forecast and interval.
  func forwardForecast(
    _ forecast: FamilyForecast, family: String, sizes: [Double], tokens: Double?, level: Double
  ) -> [Block] {
    let percent = NumberFormatting.significant(level * 100, 3)
    var rows: [[Cell]] = []
    // Forecasts at a ceiling the data do not place: named, since they cannot go higher.
    let capped = forecast.ceilingsAtTheData
    var atCeiling: [String] = []
    for size in sizes {
      let prediction = forecast.predict(family: family, size: size, tokens: tokens, level: level)
      for j in forecast.benchmarks.indices {
        rows.append([
          .text("\(family) \(formatNumber(size))B"), .number(size),
          .text(forecast.benchmarks[j]), .number(prediction.scores[j]), .number(prediction.low[j]),
          .number(prediction.high[j]),
        ])
      }
      for j in capped where prediction.scores[j] > forecast.ceilings[j] - 0.02 {
        atCeiling.append("\(formatNumber(size))B \(forecast.benchmarks[j].visibleInline)")
      }
    }
    let known = forecast.familyModels[family] ?? 0
    let ceilingNote: [Block] =
      atCeiling.isEmpty
      ? []
      : [
        .text(
          "warning: at a ceiling within the scatter of the table's best score: \(atCeiling.joined(separator: ", ")) — lower bounds where a larger model may score higher (ceilings = one lets them rise)"
        )
      ]
    // Tokens given for a table without any: the fit has nothing to read them by.
    let tokensNote: [Block] =
      tokens != nil && !forecast.hasTokens
      ? [
        .text(
          "warning: tokens = \(formatNumber(tokens ?? 0)) changes nothing: no model in the table has its tokens (\(ScoreTable.dataColumn)), so the forecast reads size alone"
        )
      ] : []
    // Sizes more than a decade outside the table's: the shared slopes carried past every
    // family's models, which the intervals (from the table's own scatter) cannot know about.
    let range = forecast.sizeRange
    let far = sizes.filter {
      let n = Elementary.log10($0)
      return n > range.upperBound + Self.farDecades || n < range.lowerBound - Self.farDecades
    }
    let farNote: [Block] =
      far.isEmpty
      ? []
      : [
        .text(
          "warning: \(far.map { formatNumber($0) + "B" }.joined(separator: ", ")) \(far.count == 1 ? "lies" : "lie") more than a decade outside the table's sizes (\(NumberFormatting.significant(Elementary.pow10(range.lowerBound), 3))B to \(NumberFormatting.significant(Elementary.pow10(range.upperBound), 3))B): the shared slopes are extrapolated past every family's models, and the intervals do not know how far they hold"
        )
      ]
    return [
      .table(
        DataTable(
          name: "forecasts",
          columns: [
            DataColumn("model"), DataColumn("size (B)", .significant(4)), DataColumn("benchmark"),
            DataColumn("forecast", .fixed(4)), DataColumn("\(percent)% low", .fixed(4)),
            DataColumn("\(percent)% high", .fixed(4)),
          ], rows: rows)),
      .text(
        known == 0
          ? "warning: \(family) has no model in the table: it is forecast on the common line, as an average family"
          : "\(family): its offset from its \(known) model\(known == 1 ? "" : "s") in the table; tokens \(tokens.map { formatNumber($0) + "T" } ?? (forecast.hasTokens ? "the family's mean" : "none in the table (size alone)"))"
      ),
    ] + ceilingNote + farNote + tokensNote
  }

  /// How many decades outside the table's sizes a forecast size may lie before it is called
  /// a far extrapolation (docs/ENGINE.md, "Forecasting a family").
  static let farDecades = 1.0
}
