internal import ScalingLaws

extension StatementInfo {
  /// `fit`: Fits a scaling law from predictors to a target on the train split; the defaults are the paper's.
  static let fit = StatementInfo(
    name: "fit",
    summary:
      "Fits a scaling law from predictors to a target on the train split; the defaults are the paper's.",
    syntax: "name = fit table: target ~ predictors [options]",
    options: [
      FitStatement.Options.split.info, FitStatement.Options.law.info,
      FitStatement.Options.loss.info, FitStatement.Options.transform.info,
      FitStatement.Options.reference.info, FitStatement.Options.benchmarks.info,
      FitStatement.Options.components.info, FitStatement.Options.impute.info,
      FitStatement.Options.floor.info, FitStatement.Options.height.info,
      FitStatement.Options.start.info, FitStatement.Options.restarts.info,
      FitStatement.Options.seed.info, FitStatement.Options.evaluations.info,
    ],
    examples: [
      "f = fit data: emergent_task ~ pc(3) reference = Atlas",
      "g = fit data: emergent_task ~ log(flops) reference = Atlas",
      "h = fit data: agent_score ~ pc(2) transform = minmax(0, 10) split = rank(20%) loss = huber",
    ],
    operand: "table name, ':' and a formula",
    completion: StatementCompletion(subject: .bound([.table]), form: .formula))
}

/// `fit t: target ~ predictors [options]`.
struct FitStatement: StatementNode {
  static var info: StatementInfo { .fit }

  /// The table fitted on.
  var table: Located<String>
  /// The target column (or a name bound to its name).
  var target: Located<String>
  /// The predictor terms, joined by `+`.
  var predictors: [Located<Expression>]
  /// Its options.
  var options: [OptionSetting]

  static func parse(_ parser: inout Parser) throws -> FitStatement {
    let table = try parser.parseName("a table name after 'fit'")
    try parser.expect(
      .colon, "':' between the table and the formula (fit table: target ~ predictors)")
    let target = try parser.parseName("the target column after ':'")
    try parser.expect(.tilde, "'~' between the target and the predictors")
    var terms = [try parser.parseExpression()]
    while parser.current.kind == .symbol(.plus) {
      parser.advance()
      terms.append(try parser.parseExpression())
    }
    return FitStatement(
      table: table, target: target, predictors: terms,
      options: try parser.parseOptions(for: info))
  }

}

extension Environment {
  /// The models a cutoff or rank split tested because they have no value in its column,
  /// named, so that no one mistakes them for the largest models; nil when there are none.
  fileprivate func unsplitNote(_ fit: ScalingLawFit, table: ScoreTable) -> String? {
    let column: String
    switch fit.specification.split {
    case .cutoff(let name, _), .rank(let name, _): column = name
    default: return nil
    }
    guard let values = try? table.numbers(column) else { return nil }
    let tested = Set(fit.rows.filter { $0.side == .test }.map(\.model))
    let models = table.models.indices.filter { values[$0].isNaN }.map { table.models[$0] }.filter(
      tested.contains)
    guard !models.isEmpty else { return nil }
    let shown =
      models.prefix(8).joined(separator: ", ")
      + (models.count > 8 ? ", … (\(models.count - 8) more)" : "")
    let rule =
      fit.specification.split.isRank ? "they do not rank and are tested" : "the cutoff tests them"
    return
      "\(models.count) model\(models.count == 1 ? " has" : "s have") no '\(column)', so \(rule): \(shown)"
  }

  /// Decodes the formula and options into the fit's specification, then runs the fit.
  fileprivate func fit(
    _ tableName: Located<String>, target: Located<String>, predictors terms: [Located<Expression>],
    _ options: OptionSettings,
    progress: (String) -> Void
  ) throws -> ScalingLawFit {
    let table = try self.table(tableName)
    let (spec, target) = try specification(
      of: table, tableName, target: target, predictors: terms, options)
    if case .principalComponents = spec.predictors {
      announce(table.rowCount, spec.benchmarks.count, "fitting on", progress)
    }
    do {
      return try ScalingLawFit.fit(table, spec)
    } catch let error as ScalingLawsError {
      throw located(error, options, tableName: tableName, target: target, terms: terms)
    }
  }

  /// The fit's settings: the formula and every option decoded, and checked against `table`,
  /// into one `FitSpecification` before anything is fitted; and the target column as read.
  private func specification(
    of table: ScoreTable, _ tableName: Located<String>, target: Located<String>,
    predictors terms: [Located<Expression>], _ options: OptionSettings
  ) throws -> (FitSpecification, target: Located<String>) {
    // A target that is not a column but a name bound to a string names the column in the
    // string, so that a notebook's parameters cell (`task = "…"`) can choose it.
    var target = target
    if !table.columnNames.contains(target.value), case .text(let column)? = values[target.value] {
      target.value = column
    }
    try requireColumn(target.value, in: table, tableName: tableName.value, at: target.range)
    var spec = FitSpecification(target: target.value)
    spec.predictors = try predictorSpec(terms, table: table, tableName: tableName.value)
    if spec.predictors.usesComponents {
      spec.benchmarks = try benchmarks(
        FitStatement.Options.benchmarks, of: options, table: table, tableName: tableName.value,
        at: tableName.range)
      spec.benchmarks = try withoutTarget(
        spec.benchmarks, target: target, given: options[FitStatement.Options.benchmarks])
      spec.imputation = try value(FitStatement.Options.impute, of: options)
      if case .principalComponents(let k) = spec.predictors { spec.computedComponents = max(k, 5) }
      if let value = options[FitStatement.Options.components] {
        spec.computedComponents = try count(
          value.value, option: "components", in: 1...max(1, spec.benchmarks.count))
      }
    }
    if let value = options[FitStatement.Options.split] {
      spec.split = try splitRule(value.value, rankBy: target.value)
      if case .cutoff(let column, _) = spec.split {
        try requireColumn(column, in: table, tableName: tableName.value, at: value.value.range)
      }
      if case .rank(let column, _) = spec.split {
        try requireColumn(column, in: table, tableName: tableName.value, at: value.value.range)
      }
    } else if !table.hasColumn(ScoreTable.flopsColumn) {
      throw EvaluationFailure(
        .unknownColumn(ScoreTable.flopsColumn, table: "'\(tableName.value)'", suggestion: nil),
        at: tableName.range,
        notes: [
          "the default split is the paper's cutoff(84) on FLOPs (1E21); choose another with split = rank(20%), random(20%) or none"
        ])
    }
    try readLaw(into: &spec, options)
    try readReference(into: &spec, options, families: table.familyNames)
    return (spec, target)
  }

  /// The benchmarks the components come from, never the target itself: a law whose
  /// predictors hold its target predicts it from itself (a leak that wins every comparison).
  /// The paper's default eight lose the target, which the fit's output says; a list given with
  /// `benchmarks =` that holds it is refused at the target's item.
  private func withoutTarget(
    _ benchmarks: [String], target: Located<String>, given: OptionSetting?
  ) throws -> [String] {
    guard let position = benchmarks.firstIndex(of: target.value) else { return benchmarks }
    if let given {
      throw EvaluationFailure(
        .invalidValue(
          option: "benchmarks", value: target.value,
          expected:
            "benchmarks other than the target '\(target.value)': a law cannot take its target among its predictors",
          suggestion: nil), at: itemRange(given.value, position))
    }
    var kept = benchmarks
    kept.remove(at: position)
    guard !kept.isEmpty else {
      throw EvaluationFailure(
        .invalidValue(
          option: "benchmarks", value: target.value,
          expected: "a benchmark other than the target", suggestion: nil), at: target.range)
    }
    return kept
  }

  /// The law's options: its form, loss, target transforms, bounds, start and solver settings.
  private func readLaw(into spec: inout FitSpecification, _ options: OptionSettings) throws {
    typealias Rows = FitStatement.Options
    if let form = try given(Rows.law, of: options) {
      spec.law.form = LawForm(rawValue: form) ?? .sigmoidParametric
    }
    if let loss = try given(Rows.loss, of: options) { spec.law.loss = loss }
    if let transforms = try given(Rows.transform, of: options) {
      spec.targetTransforms = transforms
    }
    if let floor = try given(Rows.floor, of: options), let floor { spec.law.bounds.floor = floor }
    if let height = try given(Rows.height, of: options), let height {
      spec.law.bounds.height = height
    }
    if let start = try given(Rows.start, of: options) { spec.law.start = start }
    spec.law.restarts = try value(Rows.restarts, of: options)
    spec.law.seed = UInt64(try value(Rows.seed, of: options))
    spec.law.maxEvaluations = try value(Rows.evaluations, of: options)
  }

  /// `reference`: the family whose compute defines f-equivalent FLOPs, `none`, or by default
  /// the paper's.
  private func readReference(
    into spec: inout FitSpecification, _ options: OptionSettings, families: [String]
  ) throws {
    if let value = options[FitStatement.Options.reference] {
      if case .name("none", false) = value.value.value {
        spec.referenceFamily = nil
      } else {
        let family = try oneName(value.value, option: "reference", what: "one family")
        guard families.contains(family) else {
          throw EvaluationFailure(
            .unknownFamily(family, suggestion: Suggestion.closest(to: family, among: families)),
            at: value.value.range)
        }
        spec.referenceFamily = family
      }
    } else {
      spec.referenceFamily = FitSpecification.defaultReference(among: families)
    }
  }

  /// An engine error of the fit at the part of the statement it is about: the option that
  /// answers for it when it was given, else the target, the formula or the table.
  private func located(
    _ error: ScalingLawsError, _ options: OptionSettings, tableName: Located<String>,
    target: Located<String>, terms: [Located<Expression>]
  ) -> EvaluationFailure {
    let notes =
      FitStatement.Options.reference.answersFor.contains(error.typedSubject)
      ? ["choose another family with reference = … or turn it off with reference = none"] : []
    // The option whose row answers for the error, when it was given; else the part of the
    // statement the error is about.
    if let owner = options.owner(of: error) {
      return EvaluationFailure(.engine(error), at: owner.value.range, notes: notes)
    }
    let formula = terms[0].range.union(terms[terms.count - 1].range)
    switch error {
    case .targetOutsideLawRange, .invalidTransform, .noTargetValues, .constantTarget:
      return EvaluationFailure(.engine(error), at: target.range)
    case .logOfNonPositive:
      return EvaluationFailure(.engine(error), at: formula)
    case .referenceSlopeNotPositive, .referenceFamilyTooSmall, .emptySplit, .tooFewTrainRows:
      return EvaluationFailure(.engine(error), at: tableName.range, notes: notes)
    case .infeasibleStart, .invalidParameter:
      return EvaluationFailure(.engine(error), at: target.range.union(formula))
    default:
      return EvaluationFailure(.engine(error), at: tableName.range.union(formula))
    }
  }

  /// Reads the formula's right-hand side.
  fileprivate func predictorSpec(
    _ terms: [Located<Expression>], table: ScoreTable, tableName: String
  )
    throws -> PredictorSpec
  {
    var columns: [String] = []
    var logs: [Bool] = []
    let whole = terms[0].range.union(terms[terms.count - 1].range)
    for term in terms {
      switch term.value {
      case .name("pc", false), .name("pcs", false):
        guard terms.count == 1 else { throw mixed(terms, whole) }
        return .principalComponents(3)
      case .call(let name, let arguments) where name.value == "pc" || name.value == "pcs":
        guard terms.count == 1 else { throw mixed(terms, whole) }
        guard arguments.count == 1, arguments[0].label == nil else {
          throw EvaluationFailure(
            .invalidValue(
              option: "predictors", value: term.value.display,
              expected: "pc(K) with K the number of components", suggestion: nil), at: term.range)
        }
        return .principalComponents(try count(arguments[0].value, option: "pc count", in: 1...100))
      case .call(let name, let arguments)
      where name.value == "log" && arguments.count == 1 && arguments[0].label == nil:
        guard case .name(let inner, _) = arguments[0].value.value else {
          throw EvaluationFailure(
            .expected("a column inside log(…)", found: arguments[0].value.value.display),
            at: arguments[0].value.range)
        }
        if inner == "flops" || inner == "compute" {
          guard terms.count == 1 else { throw mixed(terms, whole) }
          try requireColumn(ScoreTable.flopsColumn, in: table, tableName: tableName, at: term.range)
          return .logFLOPs
        }
        if inner == "size" {
          guard terms.count == 1 else { throw mixed(terms, whole) }
          try requireColumn(ScoreTable.sizeColumn, in: table, tableName: tableName, at: term.range)
          return .logSize
        }
        try requireColumn(inner, in: table, tableName: tableName, at: arguments[0].value.range)
        columns.append(inner)
        logs.append(true)
      case .name(let name, _):
        try requireColumn(name, in: table, tableName: tableName, at: term.range)
        columns.append(name)
        logs.append(false)
      default:
        throw EvaluationFailure(
          .invalidValue(
            option: "predictor", value: term.value.display,
            expected: "pc(K), log(flops), log(size), a column or log(column)", suggestion: nil),
          at: term.range)
      }
    }
    guard Set(logs).count == 1 else {
      throw EvaluationFailure(
        .invalidValue(
          option: "predictors", value: "a mix of columns and log(columns)",
          expected: "all columns plain or all inside log(…)", suggestion: nil), at: whole)
    }
    return .columns(columns, log: logs[0])
  }

  /// The error for pc(K), log(flops) or log(size) combined with other terms: the formula as
  /// written, and what may be joined.
  fileprivate func mixed(_ terms: [Located<Expression>], _ range: SourceRange)
    -> EvaluationFailure
  {
    EvaluationFailure(
      .invalidValue(
        option: "predictors", value: terms.map(\.value.display).joined(separator: " + "),
        expected:
          "pc(K), log(flops) or log(size) alone (they join no other term), or columns joined by +",
        suggestion: nil),
      at: range)
  }
}

extension FitStatement {
  /// The options of `fit`, declared once: help, completion and evaluation read them.
  enum Options {
    static let split = Option(
      "split", SplitValue(), default: "cutoff(84) on FLOPs (1E21)",
      summary:
        "which models train the law; the rest test it (column = … inside cutoff or rank; rank's default is the target)",
      answersFor: [
        .parameter("test size"), .parameter("test fraction"), .parameter("cutoff"),
        .parameter("relative cutoff"), .kind(.emptySplit), .kind(.tooFewTrainRows),
      ])
    static let law = Option(
      "law",
      WordValue(
        LawForm.allCases.map(\.rawValue),
        syntax: "sigmoid-parametric, sigmoid-parametric-free-height, sigmoid, exp, linear"),
      default: "sigmoid-parametric", summary: "the law's form",
      answersFor: [.kind(.targetOutsideLawRange)])
    static let loss = Option(
      "loss", LossValue(), default: "squares", summary: "the loss; huber alone means δ = 1",
      answersFor: [.parameter("huber delta")])
    static let transform = Option(
      "transform", TransformValue(), default: "none",
      summary: "transforms of the target, applied in order",
      answersFor: [.kind(.targetOutsideLawRange), .kind(.invalidTransform), .kind(.noTargetValues)])
    static let reference = Option(
      "reference", NamesValue(names: .families, words: ["none"], syntax: "a family, or none"),
      default: "Llama-2 (Atlas on the demo data)",
      summary: "the family whose compute defines f-equivalent FLOPs",
      answersFor: [.kind(.referenceSlopeNotPositive), .kind(.referenceFamilyTooSmall)])
    static let benchmarks = Option(
      "benchmarks", NamesValue(names: .columns, syntax: "a list of columns"),
      default: "the paper's eight", summary: "the benchmarks the components come from")
    static let components = Option(
      "components", FreeValue(syntax: "a count"), default: "5",
      summary: "components computed (at least the K used)")
    static let impute = Option.impute(
      summary: "impute missing benchmark cells; no drops incomplete rows")
    static let floor = Option(
      "floor", IntervalValue(), default: "[0, 0.2]", summary: "bounds of the floor b",
      answersFor: [.kind(.infeasibleStart)])
    static let height = Option(
      "height", IntervalValue(), default: "[0.6, 1]",
      summary: "bounds of the height a (free-height law)", answersFor: [.kind(.infeasibleStart)])
    static let start = Option(
      "start", NumbersValue(), default: "c = 0, w = 0.03, a = 1, b = 0",
      summary: "the solver's start point (c, w…, a, b)",
      answersFor: [.parameter("start"), .kind(.infeasibleStart)])
    static let restarts = Option(
      "restarts", CountValue(range: 0...10_000, defaultValue: LawOptions.defaultRestarts),
      default: "2",
      summary:
        "extra seeded random starts (the lowest cost wins; Huber also starts from the least-squares optimum)",
      answersFor: [.parameter("restarts")])
    static let seed = Option(
      "seed", CountValue(range: 0...Int.max, defaultValue: 0), default: "0",
      summary: "the seed of the restarts")
    static let evaluations = Option(
      "evaluations", CountValue(range: 1...100_000_000, defaultValue: LawOptions().maxEvaluations),
      default: "10000", summary: "the solver's evaluation budget per start")
  }
}

extension FitStatement: EvaluatedStatement {
  /// Runs `fit`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let tableName = table
    let binding = environment.binding
    let progress = environment.progress
    let fit = try environment.fit(
      tableName, target: target, predictors: predictors, OptionSettings(options, .fit),
      progress: progress)
    var output = environment.presenter.present(.fit(fit), name: binding, brief: false)
    if let note = environment.unsplitNote(fit, table: try environment.table(tableName)) {
      output.blocks.append(.text(note))
    }
    output.blocks += Self.identificationWarnings(fit).map(Block.text)
    if fit.specification.predictors.usesComponents,
      FitSpecification.paperBenchmarks.contains(fit.specification.target),
      options.setting(FitStatement.Options.benchmarks) == nil
    {
      output.blocks.append(
        .text(
          "note: the target \(fit.specification.target) is left out of the benchmarks its principal components come from (\(fit.specification.benchmarks.joined(separator: ", "))), so that the law does not predict it from itself; the paper's post-training laws do the same"
        ))
    }
    return Evaluation(.fit(fit), output)
  }
}

extension FitStatement {
  /// How far past the train models' span a test model's predictor may lie, in spans, before
  /// the prediction is called a far extrapolation.
  static let extrapolationSpans = 1.0
  /// How many times PC-1's pull a minor predictor's may have before the law is said to lean on
  /// it.
  static let dominance = 2.0
  /// The condition index of the law's scaled Jacobian (Belsley, Kuh & Welsch 1980) above which
  /// its parameters are called unidentified. Their 30 and 100 mark moderate and strong
  /// dependence in linear regression; sigmoid laws sit at 7–300 on the paper's analyses
  /// (measured: every fit of the notebooks), and at 900–32 000 where a fit is degenerate (the
  /// paper's models below 10 × 1E21 FLOPs, 2 900; the compute law of Persian QA, 5 100).
  static let conditionLimit = 1000.0

  /// Warnings on what the fit cannot carry: parameters the train models barely identify (the
  /// Jacobian's condition index above `conditionLimit`), a predictor other than the first that
  /// moves the capability more than `dominance` times as much as the first over the train
  /// models (a law leaning on a minor component, the mark of weights fitted to noise), and
  /// test models whose predictors lie more than `extrapolationSpans` train spans beyond the
  /// train models.
  static func identificationWarnings(_ fit: ScalingLawFit) -> [String] {
    let train = fit.rows.filter { $0.side == .train }
    let weights = fit.law.weights
    let names = fit.law.predictorNames
    guard !train.isEmpty, weights.count == names.count, !weights.isEmpty else { return [] }
    var lows = [Double](repeating: .infinity, count: weights.count)
    var highs = [Double](repeating: -.infinity, count: weights.count)
    for row in train where row.predictors.count == weights.count {
      for j in weights.indices where row.predictors[j].isFinite {
        lows[j] = min(lows[j], row.predictors[j])
        highs[j] = max(highs[j], row.predictors[j])
      }
    }
    var warnings: [String] = []
    // Fewer than two train models per parameter hold too little to fit, let alone test.
    let parameters = fit.law.parameters.count
    if train.count < 2 * parameters {
      warnings.append(
        "warning: \(train.count) train models for the law's \(parameters) parameters: fewer than two per parameter, too few to pin the law down"
      )
    }
    // The solver's own Jacobian at the optimum, its columns scaled: a large condition index
    // means some combination of the parameters barely moves the predictions.
    if let index = fit.law.conditionIndex(Matrix(rows: train.map(\.predictors))),
      index > conditionLimit
    {
      warnings.append(
        "warning: the law's parameters are barely identified by its \(train.count) train models: the condition index of its Jacobian is \(index.isFinite ? NumberFormatting.scientific(index, 2) : "infinite") (above \(formatNumber(conditionLimit))), so other parameters fit them almost as well and its predictions beyond them are weakly determined"
      )
    }
    // The pull of each predictor: its weight times its span over the train models.
    let pulls = weights.indices.map { abs(weights[$0]) * max(0, highs[$0] - lows[$0]) }
    // Only components have an order of importance: PC-1 carries the most benchmark variance.
    if fit.specification.predictors.usesComponents, let first = pulls.first, first > 0 {
      for j in pulls.indices.dropFirst() where pulls[j] > dominance * first {
        warnings.append(
          "warning: \(names[j]) moves the capability \(NumberFormatting.significant(pulls[j] / first, 3))× as much as \(names[0]) over the train models (weight × span: \(NumberFormatting.significant(pulls[j], 3)) against \(NumberFormatting.significant(first, 3))): the law leans on a minor predictor, which its test error may not bear out"
        )
      }
    }
    // Far extrapolation: test models beyond the train span by more than the span itself.
    var far: [(model: String, spans: Double, predictor: String)] = []
    for row in fit.rows where row.side == .test && row.predictors.count == weights.count {
      var worst = (spans: 0.0, predictor: "")
      for j in weights.indices where highs[j] > lows[j] && row.predictors[j].isFinite {
        let span = highs[j] - lows[j]
        let beyond = max(row.predictors[j] - highs[j], lows[j] - row.predictors[j], 0) / span
        if beyond > worst.spans { worst = (beyond, names[j]) }
      }
      if worst.spans > extrapolationSpans { far.append((row.model, worst.spans, worst.predictor)) }
    }
    if !far.isEmpty {
      far.sort { $0.spans > $1.spans }
      let shown = far.prefix(5).map {
        "\($0.model) (\($0.predictor) \(NumberFormatting.significant($0.spans, 2)) spans out)"
      }
      warnings.append(
        "warning: \(far.count) test model\(far.count == 1 ? " lies" : "s lie") more than \(formatNumber(extrapolationSpans)) train span beyond the train models on a predictor: \(shown.joined(separator: ", "))\(far.count > 5 ? ", …" : ""); their predictions are far extrapolations"
      )
    }
    return warnings
  }
}
