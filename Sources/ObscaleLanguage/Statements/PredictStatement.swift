internal import ScalingLaws

extension StatementInfo {
  /// `predict`: Lists every model's actual and predicted score, residual and f-equivalent FLOPs.
  static let predict = StatementInfo(
    name: "predict",
    summary: "Lists every model's actual and predicted score, residual and f-equivalent FLOPs.",
    syntax: "predict fit [for [models]] [on table] [side = train | test | all]",
    options: [
      PredictStatement.Options.models.info, PredictStatement.Options.side.info,
      PredictStatement.Options.table.info, PredictStatement.Options.interval.info,
    ],
    examples: [
      "predict f", "predict f for [Atlas-70B, Iris-405B]", "predict f side = test",
      "predict f on data",
    ],
    completion: StatementCompletion(
      subject: .bound([.fit]),
      connectives: [
        .init(word: "on", then: .bound([.table])), .init(word: "for", then: .list(.subjectModels)),
      ]))
}

/// `predict f [for [models]] [on table] [options]`.
struct PredictStatement: StatementNode {
  static var info: StatementInfo { .predict }

  /// The fit.
  var fit: Located<String>
  /// Its options, with `for […]` as `models` and `on t` as `table`.
  var options: [OptionSetting]

  static func parse(_ parser: inout Parser) throws -> PredictStatement {
    let fit = try parser.parseName("a fit name after 'predict'")
    var options: [OptionSetting] = []
    // `for [models]` and `on table`, in either order, each at most once.
    while case .word(let next) = parser.current.kind, ["for", "on"].contains(next.lowercased()) {
      let clauseRange = parser.current.range
      let option = next.lowercased() == "for" ? "models" : "table"
      if options.contains(where: { $0.name.value == option }) {
        throw parser.fail(.duplicateOption(option), at: clauseRange)
      }
      parser.advance()
      if option == "models" {
        options.append(
          OptionSetting(name: Located(option, clauseRange), value: try parser.parseExpression()))
      } else {
        let table = try parser.parseName("a table name after 'on'")
        options.append(
          OptionSetting(
            name: Located(option, clauseRange),
            value: Located(.name(table.value, quoted: false), table.range)))
      }
    }
    let rest = try parser.parseOptions(for: info)
    for clash in rest where options.contains(where: { $0.name.value == clash.name.value }) {
      throw parser.fail(.duplicateOption(clash.name.value), at: clash.name.range)
    }
    return PredictStatement(fit: fit, options: options + rest)
  }

}

extension Environment {
  /// The per-model predictions of a fit, optionally for some models or one side.
  fileprivate func predictions(
    _ fit: ScalingLawFit, name: String, _ settings: PredictStatement.Settings
  ) throws -> Output {
    if let table = settings.table {
      return try applied(fit, name: name, to: table, settings)
    }
    let rows = try chosenRows(of: fit, settings)
    let hasEquivalence = fit.equivalence != nil
    var columns = [
      DataColumn("model"), DataColumn("family"), DataColumn("split"),
      DataColumn("actual", .fixed(4)), DataColumn("predicted", .fixed(4)),
      DataColumn("residual", .fixed(4)), DataColumn("log10 FLOPs", .fixed(2)),
    ]
    if hasEquivalence { columns.append(DataColumn("f-equiv log10 FLOPs", .fixed(2))) }
    // How many of each model's benchmark cells the fit's imputer filled.
    let imputedByModel = Dictionary(grouping: fit.imputation?.cells ?? [], by: \.model)
      .mapValues(\.count)
    let showsImputed = !imputedByModel.isEmpty
    if showsImputed { columns.append(DataColumn("imputed", .fixed(0))) }
    // With a bootstrap, each prediction's interval (looked up by model: rows may be
    // reordered): the prediction interval, or the law's band with interval = law.
    let interval = IntervalKind(settings.interval, fit)
    let bands = fit.uncertainty.map { uncertainty in
      Dictionary(
        zip(fit.rows.map(\.model), interval.bands(of: uncertainty)),
        uniquingKeysWith: { first, _ in first })
    }
    if let uncertainty = fit.uncertainty {
      columns.insert(contentsOf: interval.columns(uncertainty.level), at: 5)
    }
    let cells: [[Cell]] = rows.map { row in
      var cells: [Cell] = [
        .text(row.model), .text(row.family), .text(row.side.rawValue), .number(row.actual),
        .number(row.predicted), .number(row.residual),
        .of(row.flops > 0 ? Elementary.log10(row.flops) : .nan),
      ]
      if let bands {
        cells.insert(contentsOf: [.of(bands[row.model]?.low), .of(bands[row.model]?.high)], at: 5)
      }
      if hasEquivalence { cells.append(.of(row.equivalentLog10FLOPs)) }
      if showsImputed { cells.append(.number(Double(imputedByModel[row.model] ?? 0))) }
      return cells
    }
    let train = ErrorSummary(rows.filter { $0.side == .train })
    let test = ErrorSummary(rows.filter { $0.side == .test })
    // Only the errors of sides that have models (side = test shows no "train MSE over 0").
    var fields: [Field] = []
    if train.count > 0 {
      fields.append(
        Field(
          "train MSE", .of(train.mse),
          display: "\(NumberFormatting.scientific(train.mse, 3)) over \(train.count) models"))
    }
    if test.count > 0 {
      fields.append(
        Field(
          "test MSE", .of(test.mse),
          display: "\(NumberFormatting.scientific(test.mse, 3)) over \(test.count) models"))
      fields.append(
        Field("test MAE", .of(test.mae), display: NumberFormatting.scientific(test.mae, 3)))
    }
    if fields.isEmpty { fields.append(Field("models", .number(0), display: "none")) }
    if let bands, let uncertainty = fit.uncertainty {
      fields += interval.coverage(
        rows.filter { $0.side == .test }.map { ($0.actual, bands[$0.model]) },
        level: uncertainty.level, side: "test")
    }
    var blocks: [Block] = [
      .fields(fields), .table(DataTable(name: "predictions", columns: columns, rows: cells)),
    ]
    blocks += Self.mostlyImputed(
      rows.map(\.model), imputed: imputedByModel, of: fit.specification.benchmarks.count)
    return Output(
      kind: .predictions, name: name,
      title:
        "\(name): \(fit.specification.target) for \(rows.count) model\(rows.count == 1 ? "" : "s")",
      blocks: blocks)
  }

  /// The fit's own models `predict` lists: those of `for [...]` in that order, else all,
  /// train first, by capability; only one side with `side =`.
  private func chosenRows(of fit: ScalingLawFit, _ settings: PredictStatement.Settings) throws
    -> [FitRow]
  {
    var rows = fit.rows
    if let (list, models) = settings.models {
      var chosen: [FitRow] = []
      let index = ModelIndex(rows.map(\.model))
      for (offset, model) in list.enumerated() {
        do {
          chosen.append(rows[try index.row(of: model)])
        } catch ScalingLawsError.unknownModel(let name, let suggestion) {
          let dropped = try? fit.dropped[ModelIndex(fit.dropped.map(\.model)).row(of: model)]
          throw EvaluationFailure(
            .unknownModel(name, suggestion: dropped == nil ? suggestion : nil),
            at: itemRange(models, offset),
            notes: dropped.map { ["the model was dropped from the fit: \(reason($0.reason))"] }
              ?? [])
        } catch let error as ScalingLawsError {
          throw EvaluationFailure(.engine(error), at: itemRange(models, offset))
        }
      }
      rows = chosen
    } else {
      rows.sort {
        ($0.side == .train ? 0 : 1, $0.capability) < ($1.side == .train ? 0 : 1, $1.capability)
      }
    }
    if settings.side != "all" { rows = rows.filter { $0.side.rawValue == settings.side } }
    return rows
  }

  /// The warning on the models more than half of whose `benchmarks` cells were imputed: their
  /// predictions rest mostly on the imputer. None when there are none.
  fileprivate static func mostlyImputed(
    _ models: [String], imputed: [String: Int], of benchmarks: Int
  )
    -> [Block]
  {
    let mostly = models.filter { 2 * (imputed[$0] ?? 0) > benchmarks }
    guard !mostly.isEmpty else { return [] }
    return [
      .text(
        "warning: more than half of the \(benchmarks) benchmarks imputed for "
          + mostly.prefix(6).map { "\($0.visibleInline) (\(imputed[$0] ?? 0))" }
          .joined(separator: ", ")
          + (mostly.count > 6 ? " and \(mostly.count - 6) more" : "")
          + ": \(mostly.count == 1 ? "its prediction rests" : "their predictions rest") mostly on the imputer, not on measurements"
      )
    ]
  }

  /// Describes why a model was dropped from a fit.
  fileprivate func reason(_ reason: DropReason) -> String {
    switch reason {
    case .missingTarget: return "it has no target value"
    case .missingPredictor(let columns): return "it lacks " + columns.joined(separator: ", ")
    }
  }

  /// `predict fit on table`: the fit applied, as it is, to another table's models
  /// (pre-registration), with their actual scores where the table has the target.
  fileprivate func applied(
    _ fit: ScalingLawFit, name: String, to expression: Located<Expression>,
    _ settings: PredictStatement.Settings
  ) throws -> Output {
    let interval = IntervalKind(settings.interval, fit)
    guard case .name(let tableName, _) = expression.value else {
      throw EvaluationFailure(
        .expected("a table name after 'on'", found: expression.value.display), at: expression.range)
    }
    let table = try self.table(Located(tableName, expression.range))
    var application: ScalingLawFit.Application
    do {
      application = try fit.apply(to: table)
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: expression.range)
    }
    if let (list, models) = settings.models {
      let index = ModelIndex(application.rows.map(\.model))
      var chosen: Set<Int> = []
      for (offset, model) in list.enumerated() {
        do {
          chosen.insert(try index.row(of: model))
        } catch let error as ScalingLawsError {
          throw EvaluationFailure(.engine(error), at: itemRange(models, offset))
        }
      }
      application.rows = application.rows.indices.filter(chosen.contains).map {
        application.rows[$0]
      }
      application.errors = ErrorSummary(application.rows.filter { !$0.actual.isNaN })
      let kept = Set(application.rows.map(\.model))
      application.imputedCells = application.imputedCells.filter { kept.contains($0.model) }
    }
    return AppliedPredictions(
      fit: fit, name: name, tableName: tableName, table: table, application: application,
      interval: interval
    ).output
  }
}

/// Another table's models predicted by a fit, as `predict fit on table` shows them: which of
/// them the fit has seen, the predictions with their bands, the errors and the notes.
private struct AppliedPredictions {
  let fit: ScalingLawFit
  let name: String
  let tableName: String
  let application: ScalingLawFit.Application
  /// The side of each model the fit has seen, as the same measurement.
  let sides: [String: SplitSide]
  /// Models whose ids the fit has seen but whose scores come from elsewhere.
  let newMeasurements: [String]
  /// Each model's imputed cells.
  let imputedByModel: [String: Int]
  /// The fit's benchmarks.
  var benchmarkCount: Int { fit.specification.benchmarks.count }
  /// Which interval a bootstrapped fit shows.
  let interval: IntervalKind
  /// Each row's interval, when the fit is bootstrapped.
  let bands: [BootstrapBands.Band]?

  init(
    fit: ScalingLawFit, name: String, tableName: String, table: ScoreTable,
    application: ScalingLawFit.Application, interval: IntervalKind
  ) {
    self.interval = interval
    // A bootstrapped fit gives every model its interval: each refit's law applied to the
    // model's predictors (the fit's own imputer and PCA), then the percentiles.
    let predictors = application.rows.map(\.predictors)
    let bands = fit.uncertainty.flatMap { interval.bands(predictors, of: fit.law, $0) }
    self.bands = bands?.count == application.rows.count ? bands : nil
    self.fit = fit
    self.name = name
    self.tableName = tableName
    self.application = application
    // Which of the table's models the fit has seen: errors over them are not held out. An id
    // the fit has seen names the same measurement only when it comes from the fit's table (a
    // selection of it) or has the same predictors; your own run of a paper model is new.
    let seenRows = Dictionary(
      fit.rows.map { ($0.model, $0) }, uniquingKeysWith: { first, _ in first })
    let sameOrigin = table.provenance != nil && table.provenance == fit.provenance
    var sides: [String: SplitSide] = [:]
    var newMeasurements: [String] = []
    for row in application.rows {
      guard let seen = seenRows[row.model] else { continue }
      let samePredictors =
        seen.predictors.count == row.predictors.count
        && zip(seen.predictors, row.predictors).allSatisfy {
          abs($0 - $1) <= 1e-9 * max(1, abs($0))
        }
      if sameOrigin || samePredictors {
        sides[row.model] = seen.side
      } else {
        newMeasurements.append(row.model)
      }
    }
    self.sides = sides
    self.newMeasurements = newMeasurements
    imputedByModel = Dictionary(grouping: application.imputedCells, by: \.model)
      .mapValues(\.count)
  }

  /// The output of `predict … on`.
  var output: Output {
    Output(
      kind: .predictions, name: name,
      title:
        "\(name): \(fit.specification.target) for \(application.rows.count) model\(application.rows.count == 1 ? "" : "s") of \(tableName)",
      blocks: [.fields(fields), .table(predictions)] + notes)
  }

  /// One row per model: its side, principal capabilities, prediction with its band, residual,
  /// imputed cells and compute.
  var predictions: DataTable {
    let hasActual = application.rows.contains { !$0.actual.isNaN }
    let hasEquivalence = fit.equivalence != nil
    var columns = [DataColumn("model"), DataColumn("family"), DataColumn("in fit")]
    // A PC law shows each model's principal capabilities: its scores on the fit's own PCA.
    var components = 0
    if case .principalComponents(let k) = fit.specification.predictors { components = k }
    columns += (0..<components).map { DataColumn("PC-\($0 + 1)", .fixed(3)) }
    if hasActual { columns.append(DataColumn("actual", .fixed(4))) }
    columns.append(DataColumn("predicted", .fixed(4)))
    if bands != nil, let uncertainty = fit.uncertainty {
      columns += interval.columns(uncertainty.level)
    }
    if hasActual { columns.append(DataColumn("residual", .fixed(4))) }
    let showsImputed = !application.imputedCells.isEmpty
    if showsImputed { columns.append(DataColumn("imputed", .fixed(0))) }
    columns.append(DataColumn("log10 FLOPs", .fixed(2)))
    if hasEquivalence { columns.append(DataColumn("f-equiv log10 FLOPs", .fixed(2))) }
    let rows: [[Cell]] = application.rows.enumerated().map { index, row in
      let label =
        sides[row.model]?.rawValue
        ?? (newMeasurements.contains(row.model) ? "new (id seen)" : "new")
      var cells: [Cell] = [.text(row.model), .text(row.family), .text(label)]
      cells += (0..<components).map { .of($0 < row.predictors.count ? row.predictors[$0] : .nan) }
      if hasActual { cells.append(.of(row.actual)) }
      cells.append(.number(row.predicted))
      if let bands {
        cells += [.of(bands[index].low), .of(bands[index].high)]
      }
      if hasActual { cells.append(.of(row.actual.isNaN ? .nan : row.residual)) }
      if showsImputed { cells.append(.number(Double(imputedByModel[row.model] ?? 0))) }
      cells.append(.of(row.flops > 0 ? Elementary.log10(row.flops) : .nan))
      if hasEquivalence { cells.append(.of(row.equivalentLog10FLOPs)) }
      return cells
    }
    return DataTable(name: "predictions", columns: columns, rows: rows)
  }

  /// How many models, which the fit has seen, the errors over the new ones, what was imputed
  /// and what could not be predicted.
  var fields: [Field] {
    let scored = application.rows.filter { !$0.actual.isNaN }
    let fresh = ErrorSummary(scored.filter { sides[$0.model] == nil })
    let trained = application.rows.filter { sides[$0.model] == .train }.count
    let tested = application.rows.filter { sides[$0.model] == .test }.count
    let newCount = application.rows.count - trained - tested
    var seen: [String] = []
    if trained > 0 { seen.append("\(trained) trained '\(name)'") }
    if tested > 0 { seen.append("\(tested) tested it") }
    let description =
      seen.isEmpty
      ? "\(application.rows.count) of '\(tableName)', none used to fit '\(name)'"
      : "\(application.rows.count) of '\(tableName)': \(newCount) new, \(seen.joined(separator: ", "))"
    var fields = [Field("models", .number(Double(application.rows.count)), display: description)]
    if scored.isEmpty {
      // No model of the table has the target (your own models, say): predictions only.
      fields.append(
        Field(
          "actual", .text("none"),
          display:
            "'\(tableName)' has no \(fit.specification.target) scores: predictions only, no errors")
      )
    } else {
      fields += [
        Field(
          "MSE", .of(fresh.mse),
          display: fresh.count == 0
            ? "— (none of the new models has a score for \(fit.specification.target))"
            : "\(NumberFormatting.scientific(fresh.mse, 3)) over the \(fresh.count) new models with a score"
        ),
        Field(
          "MAE", .of(fresh.mae),
          display: fresh.count == 0 ? "—" : NumberFormatting.scientific(fresh.mae, 3)),
      ]
    }
    if let bands, let uncertainty = fit.uncertainty {
      fields += interval.coverage(
        application.rows.indices.filter { sides[application.rows[$0].model] == nil }.map {
          (application.rows[$0].actual, bands[$0])
        }, level: uncertainty.level, side: "new models'")
    }
    let old = ErrorSummary(scored.filter { sides[$0.model] != nil })
    if old.count > 0 {
      fields.append(
        Field(
          "MSE of seen models", .of(old.mse),
          display:
            "\(NumberFormatting.scientific(old.mse, 3)) over the \(old.count) the fit has seen (not held out)"
        ))
    }
    if !application.imputedCells.isEmpty {
      fields.append(
        Field(
          "imputed cells", .number(Double(application.imputedCells.count)),
          display:
            "\(application.imputedCells.count), by the fit's own imputer (the imputed column counts each model's, of its \(benchmarkCount) benchmarks)"
        ))
    }
    if !application.dropped.isEmpty {
      let empty = application.dropped.filter {
        $0.reason == .missingPredictor(fit.specification.benchmarks) && benchmarkCount > 0
      }
      let list = { (rows: [DroppedRow]) in
        rows.map(\.model).prefix(5).joined(separator: ", ") + (rows.count > 5 ? ", …" : "")
      }
      var parts: [String] = []
      if !empty.isEmpty {
        parts.append(
          "\(empty.count) with none of the \(benchmarkCount) benchmarks (nothing to impute from): "
            + list(empty))
      }
      let others = application.dropped.filter { !empty.map(\.model).contains($0.model) }
      if !others.isEmpty { parts.append("\(others.count): " + list(others)) }
      fields.append(
        Field(
          "not predicted", .number(Double(application.dropped.count)),
          display: parts.joined(separator: "; ")))
    }
    return fields
  }

  /// A note on ids the fit has seen in another measurement, and the warning on predictions
  /// that rest mostly on the imputer.
  var notes: [Block] {
    var notes: [Block] = []
    if !newMeasurements.isEmpty {
      notes.append(
        .text(
          "\(elide(newMeasurements)): the id\(newMeasurements.count == 1 ? " also names a model" : "s also name models") '\(name)' has seen, but '\(tableName)' holds another measurement (another table, other scores), so \(newMeasurements.count == 1 ? "it is" : "they are") predicted as new (\"new (id seen)\")"
        ))
    }
    notes += Environment.mostlyImputed(
      application.rows.map(\.model), imputed: imputedByModel, of: benchmarkCount)
    return notes
  }
}

extension PredictStatement {
  /// The options of `predict`, declared once: help, completion and evaluation read them.
  enum Options {
    static let models = Option(
      "models", NamesValue(names: .models, syntax: "a list of models (or write for [...])"),
      default: "all", summary: "only these models")
    static let side = Option(
      "side", WordValue(["train", "test", "all"], syntax: "train, test or all"), default: "all",
      summary: "only one side of the split")
    static let table = Option(
      "table", NamesValue(names: .tables, syntax: "a table (or write on table)"),
      default: "the fit's own models",
      summary: "predict another table's models with the fit as it is (pre-registration)")
    static let interval = Option(
      "interval", WordValue(["prediction", "law"], syntax: "prediction or law"),
      default: "prediction",
      summary:
        "of a bootstrapped fit: where each model's score will fall (prediction), or where the law could be (law)"
    )
  }
}

extension PredictStatement {
  /// The options of one `predict`, decoded and checked before any prediction.
  struct Settings {
    /// The models asked for (`for […]`), with where the list was written.
    var models: ([String], Located<Expression>)?
    /// `train`, `test` or `all`.
    var side: String
    /// Another table to predict (`on t`).
    var table: Located<Expression>?
    /// `prediction` or `law`.
    var interval: String

    /// Decodes `options`; `side` with `on` is an error (the table's models are all new).
    init(decoding options: OptionSettings, in environment: Environment) throws {
      models = try options[Options.models].map {
        (try environment.names($0.value, option: "models"), $0.value)
      }
      side = try environment.given(Options.side, of: options) ?? "all"
      table = options[Options.table]?.value
      interval = try environment.given(Options.interval, of: options) ?? "prediction"
      if table != nil, let side = options[Options.side] {
        throw EvaluationFailure.invalid(
          side, expected: "no side with 'on': the table's models are all new to the fit")
      }
    }
  }
}

extension PredictStatement: EvaluatedStatement {
  /// Runs `predict`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let name = fit
    let fit = try environment.fit(name)
    let settings = try Settings(decoding: OptionSettings(options, .predict), in: environment)
    let output = try environment.predictions(fit, name: name.value, settings)
    // Bound, a prediction is a result: its rows shown, filtered, joined and saved as a table
    // is, and saved whole as JSON.
    return try Evaluation(
      result: output, rows: "predictions", provenance: "predictions of '\(name.value)'")
  }
}

/// Which interval `predict` shows for a bootstrapped fit: the prediction interval (where a
/// model's score will fall) or the band of the law (where the fitted curve could be).
struct IntervalKind {
  /// Whether the prediction interval is shown (else the law's band).
  let prediction: Bool

  /// The kind `word` names; the law's band for a fit bootstrapped before prediction
  /// intervals were kept.
  init(_ word: String, _ fit: ScalingLawFit) {
    prediction = word != "law" && fit.uncertainty?.predictionIntervals != nil
  }

  /// The columns of the interval's ends, labelled as what they are.
  func columns(_ level: Double) -> [DataColumn] {
    let percent = NumberFormatting.significant(level * 100, 3)
    return prediction
      ? [DataColumn("\(percent)% PI low", .fixed(4)), DataColumn("\(percent)% PI high", .fixed(4))]
      : [
        DataColumn("law \(percent)% low", .fixed(4)), DataColumn("law \(percent)% high", .fixed(4)),
      ]
  }

  /// The intervals of the fit's own rows.
  func bands(of uncertainty: BootstrapBands) -> [BootstrapBands.Band] {
    prediction ? uncertainty.predictionIntervals ?? [] : uncertainty.predictions
  }

  /// The intervals of other models' predictors.
  func bands(_ predictors: [[Double]], of law: FittedLaw, _ uncertainty: BootstrapBands)
    -> [BootstrapBands.Band]?
  {
    prediction
      ? uncertainty.predictionIntervals(predictors, of: law)
      : uncertainty.predictionBands(predictors, of: law)
  }

  /// How many of the models with an actual score lie inside their interval, as a field.
  func coverage(_ pairs: [(Double, BootstrapBands.Band?)], level: Double, side: String) -> [Field] {
    let scored = pairs.compactMap { actual, band -> Bool? in
      guard !actual.isNaN, let band else { return nil }
      return band.contains(actual)
    }
    guard !scored.isEmpty else { return [] }
    let inside = scored.filter { $0 }.count
    let percent = NumberFormatting.significant(level * 100, 3)
    let what = prediction ? "prediction interval" : "band of the law (not meant to hold scores)"
    return [
      Field(
        "\(side) coverage", .number(Double(inside) / Double(scored.count)),
        display:
          "\(inside) of \(scored.count) actual scores inside their \(percent)% \(what) (\(NumberFormatting.percent(Double(inside) / Double(scored.count))))"
      )
    ]
  }
}
