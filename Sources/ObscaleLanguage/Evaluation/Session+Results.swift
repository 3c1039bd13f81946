internal import ScalingLaws

extension Session {
  /// The per-model predictions of a fit, optionally for some models or one side.
  func predictions(_ fit: ScalingLawFit, name: String, _ options: Options) throws -> Output {
    if let table = options["table"] {
      return try applied(fit, name: name, to: table.value, options)
    }
    var rows = fit.rows
    if let models = options["models"] {
      let list = try names(models.value, option: "models")
      var chosen: [FitRow] = []
      let ids = rows.map(\.model)
      for (offset, model) in list.enumerated() {
        let short = { (id: String) in id.split(separator: "/").last.map(String.init) ?? id }
        guard let row = rows.first(where: { $0.model == model || short($0.model) == model }) else {
          let dropped = fit.dropped.first { $0.model == model || short($0.model) == model }
          throw EvaluationFailure(
            .unknownModel(
              model,
              suggestion: dropped == nil
                ? Suggestion.closest(to: model, among: ids + ids.map(short)) : nil),
            at: itemRange(models.value, offset),
            notes: dropped.map { ["the model was dropped from the fit: \(reason($0.reason))"] }
              ?? [])
        }
        chosen.append(row)
      }
      rows = chosen
    } else {
      rows.sort {
        ($0.side == .train ? 0 : 1, $0.capability) < ($1.side == .train ? 0 : 1, $1.capability)
      }
    }
    if let side = options["side"] {
      let which = try choice(side.value, option: "side", among: ["train", "test", "all"])
      if which != "all" { rows = rows.filter { $0.side.rawValue == which } }
    }
    let hasEquivalence = fit.equivalence != nil
    var columns = [
      DataColumn("model"), DataColumn("family"), DataColumn("split"),
      DataColumn("actual", .fixed(4)), DataColumn("predicted", .fixed(4)),
      DataColumn("residual", .fixed(4)), DataColumn("log10 FLOPs", .fixed(2)),
    ]
    if hasEquivalence { columns.append(DataColumn("f-equiv log10 FLOPs", .fixed(2))) }
    // With bootstrap bands, each prediction's band (looked up by model: rows may be reordered).
    let bands = fit.uncertainty.map { uncertainty in
      Dictionary(
        zip(fit.rows.map(\.model), uncertainty.predictions), uniquingKeysWith: { first, _ in first }
      )
    }
    if let uncertainty = fit.uncertainty {
      let percent = NumberFormatting.significant(uncertainty.level * 100, 3)
      columns.insert(
        contentsOf: [
          DataColumn("\(percent)% low", .fixed(4)), DataColumn("\(percent)% high", .fixed(4)),
        ], at: 5)
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
    return Output(
      kind: .predictions, name: name,
      title: "\(name): \(fit.specification.target) for \(rows.count) models",
      blocks: [
        .fields(fields),
        .table(DataTable(name: "predictions", columns: columns, rows: cells)),
      ])
  }

  /// Describes why a model was dropped from a fit.
  private func reason(_ reason: DropReason) -> String {
    switch reason {
    case .missingTarget: return "it has no target value"
    case .missingPredictor(let columns): return "it lacks " + columns.joined(separator: ", ")
    }
  }

  /// Every model's f-equivalent FLOPs against the fit's reference family.
  func equivalence(_ fit: ScalingLawFit, name: String, at range: SourceRange) throws -> Output {
    guard let equivalence = fit.equivalence else {
      throw EvaluationFailure(
        .invalidValue(
          option: "reference", value: "none", expected: "a reference family", suggestion: nil),
        at: range,
        notes: ["the fit has no reference family; write equiv \(name) reference = <family>"])
    }
    let rows = fit.rows.sorted { $0.capability < $1.capability }
    let cells: [[Cell]] = rows.map { row in
      let x = row.equivalentLog10FLOPs ?? .nan
      return [
        .text(row.model), .text(row.family), .text(row.side.rawValue), .number(row.capability),
        .of(row.flops > 0 ? Elementary.log10(row.flops) : .nan), .of(x), .of(Elementary.pow10(x)),
      ]
    }
    let sign = equivalence.intercept < 0 ? "−" : "+"
    return Output(
      kind: .equiv, name: name, title: "\(name): f-equivalent FLOPs of \(equivalence.family)",
      blocks: [
        .fields(
          [
            Field("reference", .text(equivalence.family)),
            Field(
              "slope", .number(equivalence.slope),
              display: NumberFormatting.significant(equivalence.slope, 5)),
            Field(
              "intercept", .number(equivalence.intercept),
              display: NumberFormatting.significant(equivalence.intercept, 5)),
            Field(
              "regression",
              .text(
                "P = \(NumberFormatting.significant(equivalence.slope, 4))·log10 C \(sign) \(NumberFormatting.significant(abs(equivalence.intercept), 4))"
              ),
              display:
                "P = \(NumberFormatting.significant(equivalence.slope, 4))·log10 C \(sign) \(NumberFormatting.significant(abs(equivalence.intercept), 4)) over \(equivalence.models.count) models\(Presenter.rSquaredText(equivalence)); C̄ = 10^((P − b_f)/w_f)"
            ),
          ]
            + (equivalence.rSquared.map {
              [Field("R²", .number($0), display: NumberFormatting.fixed($0, 4))]
            } ?? [])),
        .table(
          DataTable(
            name: "equivalence",
            columns: [
              DataColumn("model"), DataColumn("family"), DataColumn("split"),
              DataColumn("capability P", .fixed(3)), DataColumn("log10 FLOPs", .fixed(2)),
              DataColumn("f-equiv log10 FLOPs", .fixed(2)),
              DataColumn("f-equiv FLOPs (1E21)", .scientific(2)),
            ],
            rows: cells)),
      ] + (Presenter.referenceWarning(equivalence).map { [Block.text($0)] } ?? []))
  }

  /// The law's weight on each benchmark.
  func weights(_ fit: ScalingLawFit, name: String, at range: SourceRange) throws -> Output {
    let weights: [BenchmarkWeight]
    do {
      weights = try fit.benchmarkWeights()
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: range)
    }
    let total = weights.reduce(0) { $0 + abs($1.weight) }
    let rows: [[Cell]] = weights.map {
      [.text($0.benchmark), .number($0.weight), .number(total > 0 ? abs($0.weight) / total : 0)]
    }
    return Output(
      kind: .weights, name: name,
      title:
        "\(name): weight of each benchmark in \(fit.specification.target) (w·γ over \(fit.specification.predictors.description))",
      blocks: [
        .table(
          DataTable(
            name: "weights",
            columns: [
              DataColumn("benchmark"), DataColumn("weight", .fixed(4)),
              DataColumn("share of |weight|", .percent),
            ], rows: rows))
      ])
  }

  /// Errors of several fits side by side, also over the test models they all share.
  func compare(_ fits: [(name: String, fit: ScalingLawFit)]) -> Output {
    var common = Set(fits[0].fit.rows.filter { $0.side == .test }.map(\.model))
    for entry in fits.dropFirst() {
      common.formIntersection(entry.fit.rows.filter { $0.side == .test }.map(\.model))
    }
    let rows: [[Cell]] = fits.map { entry in
      let fit = entry.fit
      let shared = fit.errors(side: .test, models: common)
      return [
        .text(entry.name), .text(fit.specification.target),
        .text(fit.specification.predictors.description), .text(fit.law.form.rawValue),
        .number(Double(fit.trainErrors.count)), .of(fit.trainErrors.mse),
        .number(Double(fit.testErrors.count)), .of(fit.testErrors.mse), .of(fit.testErrors.mae),
        .of(shared.mse),
      ]
    }
    // Errors on different targets are on different scales: a winner is named within a
    // target only.
    var targets: [String] = []
    for entry in fits where !targets.contains(entry.fit.specification.target) {
      targets.append(entry.fit.specification.target)
    }
    var blocks: [Block] = [
      .table(
        DataTable(
          name: "comparison",
          columns: [
            DataColumn("fit"), DataColumn("target"), DataColumn("predictors"), DataColumn("law"),
            DataColumn("train n", .integer), DataColumn("train MSE", .scientific(2)),
            DataColumn("test n", .integer), DataColumn("test MSE", .scientific(2)),
            DataColumn("test MAE", .scientific(2)), DataColumn("common test MSE", .scientific(2)),
          ],
          rows: rows))
    ]
    if targets.count > 1 {
      blocks.append(
        .text(
          "warning: these fits predict different targets (\(targets.joined(separator: ", "))), whose errors are not comparable; the lowest test MSE is named within each target"
        ))
    }
    for target in targets {
      let group = fits.filter { $0.fit.specification.target == target }
      var shared = Set(group[0].fit.rows.filter { $0.side == .test }.map(\.model))
      for entry in group.dropFirst() {
        shared.formIntersection(entry.fit.rows.filter { $0.side == .test }.map(\.model))
      }
      guard group.count > 1, !shared.isEmpty,
        let best = group.min(by: {
          $0.fit.errors(side: .test, models: shared).mse
            < $1.fit.errors(side: .test, models: shared).mse
        })
      else { continue }
      let scope = targets.count > 1 ? " of \(target)" : ""
      blocks.append(
        .text(
          "lowest test MSE\(scope) on the \(shared.count) test models \(group.count == fits.count ? "all" : "these") fits share: \(best.name)"
        ))
    }
    return Output(
      kind: .compare, title: "comparison of " + fits.map(\.name).joined(separator: ", "),
      blocks: blocks)
  }

  /// `predict fit on table`: the fit applied, as it is, to another table's models
  /// (pre-registration), with their actual scores where the table has the target.
  private func applied(
    _ fit: ScalingLawFit, name: String, to expression: Located<Expression>, _ options: Options
  ) throws -> Output {
    if let side = options["side"] {
      throw EvaluationFailure(
        .invalidValue(
          option: "side", value: side.value.value.display,
          expected: "no side with 'on': the table's models are all new to the fit", suggestion: nil),
        at: side.value.range)
    }
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
    if let models = options["models"] {
      let list = try names(models.value, option: "models")
      let short = { (id: String) in id.split(separator: "/").last.map(String.init) ?? id }
      let ids = application.rows.map(\.model)
      for (offset, model) in list.enumerated()
      where !ids.contains(where: { $0 == model || short($0) == model }) {
        throw EvaluationFailure(
          .unknownModel(
            model, suggestion: Suggestion.closest(to: model, among: ids + ids.map(short))),
          at: itemRange(models.value, offset))
      }
      application.rows = application.rows.filter { row in
        list.contains { $0 == row.model || $0 == short(row.model) }
      }
      application.errors = ErrorSummary(application.rows.filter { !$0.actual.isNaN })
      let kept = Set(application.rows.map(\.model))
      application.imputedCells = application.imputedCells.filter { kept.contains($0.model) }
    }
    let hasActual = application.rows.contains { !$0.actual.isNaN }
    let hasEquivalence = fit.equivalence != nil
    // Which of the table's models the fit has seen: errors over them are not held out.
    let sides = Dictionary(
      fit.rows.map { ($0.model, $0.side) }, uniquingKeysWith: { first, _ in first })
    var columns = [DataColumn("model"), DataColumn("family"), DataColumn("in fit")]
    if hasActual { columns.append(DataColumn("actual", .fixed(4))) }
    columns.append(DataColumn("predicted", .fixed(4)))
    if hasActual { columns.append(DataColumn("residual", .fixed(4))) }
    columns.append(DataColumn("log10 FLOPs", .fixed(2)))
    if hasEquivalence { columns.append(DataColumn("f-equiv log10 FLOPs", .fixed(2))) }
    let rows: [[Cell]] = application.rows.map { row in
      var cells: [Cell] = [
        .text(row.model), .text(row.family), .text(sides[row.model]?.rawValue ?? "new"),
      ]
      if hasActual { cells.append(.of(row.actual)) }
      cells.append(.number(row.predicted))
      if hasActual { cells.append(.of(row.actual.isNaN ? .nan : row.residual)) }
      cells.append(.of(row.flops > 0 ? Elementary.log10(row.flops) : .nan))
      if hasEquivalence { cells.append(.of(row.equivalentLog10FLOPs)) }
      return cells
    }
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
    var fields = [
      Field("models", .number(Double(application.rows.count)), display: description),
      Field(
        "MSE", .of(fresh.mse),
        display: fresh.count == 0
          ? "— (no new model with a \(fit.specification.target) score)"
          : "\(NumberFormatting.scientific(fresh.mse, 3)) over the \(fresh.count) new models with a score"
      ),
      Field(
        "MAE", .of(fresh.mae),
        display: fresh.count == 0 ? "—" : NumberFormatting.scientific(fresh.mae, 3)),
    ]
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
          display: "\(application.imputedCells.count), by the fit's own imputer"))
    }
    if !application.dropped.isEmpty {
      fields.append(
        Field(
          "not predicted", .number(Double(application.dropped.count)),
          display: "\(application.dropped.count): "
            + application.dropped.map(\.model).prefix(5).joined(separator: ", ")
            + (application.dropped.count > 5 ? ", …" : "")))
    }
    return Output(
      kind: .predictions, name: name,
      title:
        "\(name): \(fit.specification.target) for \(application.rows.count) model\(application.rows.count == 1 ? "" : "s") of \(tableName)",
      blocks: [
        .fields(fields), .table(DataTable(name: "predictions", columns: columns, rows: rows)),
      ])
  }
}
