internal import ObscaleJSON
internal import ScalingLaws

extension Presenter {
  /// Returns the output that shows `value`; `brief` gives a summary of a table instead of rows.
  func present(_ value: Value, name: String?, brief: Bool) -> Output {
    switch value {
    case .table(let table):
      if brief { return tableSummary(table, name: name) }
      return tableOutput(
        table, name: name ?? "table", columns: table.columnNames, limit: displayRows)
    case .result(let result):
      return present(.table(result.table), name: name, brief: brief)
    case .forecast(let forecast):
      return forecastOutput(forecast, name: name, brief: brief)
    case .fit(let fit):
      return fitOutput(fit, name: name)
    case .capabilities(let analysis):
      return capabilitiesOutput(analysis, name: name)
    case .selection(let analysis):
      return selectionOutput(analysis, name: name)
    case .list(let items):
      let numeric = items.allSatisfy { if case .number = $0 { return true } else { return false } }
      let table = DataTable(
        name: "items", columns: [DataColumn("item", numeric ? .significant(6) : .text)],
        rows: items.map { item in
          switch item {
          case .text(let text): return [.text(text)]
          case .number(let value): return [.number(value)]
          }
        })
      return Output(
        kind: .list, name: name,
        title: "\(name.map { $0 + ": " } ?? "")list of \(items.count): "
          + items.map(\.display).joined(separator: ", "), blocks: brief ? [] : [.table(table)])
    case .number(let number):
      return Output(
        kind: .value, name: name, title: "\(name.map { $0 + " = " } ?? "")\(formatNumber(number))",
        blocks: [.fields([Field("value", .number(number))])])
    case .text(let text):
      return Output(
        kind: .value, name: name, title: "\(name.map { $0 + " = " } ?? "")\"\(text)\"",
        blocks: [.fields([Field("value", .text(text))])])
    }
  }

  /// A one-block summary of a table: size, families, benchmarks and where it came from.
  func tableSummary(_ table: ScoreTable, name: String?) -> Output {
    var fields = [
      Field(table.rowNoun, .number(Double(table.rowCount))),
      Field("columns", .number(Double(table.columnNames.count))),
    ]
    let families = table.familyNames
    if !families.isEmpty, table.key != ScoreTable.familyColumn {
      fields.append(Field("families", .number(Double(families.count))))
    }
    // A wide table (the post-training join has about 230 columns) is summarized on a screen:
    // its first columns and a count; the JSON keeps every name, and describe lists them.
    let metrics = table.metricNames
    // As many names as fit about a line (at least three).
    var shown = 0
    var width = 0
    while shown < metrics.count, shown < 3 || width + metrics[shown].count <= 130 {
      width += metrics[shown].count + 2
      shown += 1
    }
    let list =
      metrics.count <= shown
      ? metrics.joined(separator: ", ")
      : metrics.prefix(shown).joined(separator: ", ")
        + ", … and \(metrics.count - shown) more (describe\(name.map { " " + $0 } ?? "") lists them)"
    fields.append(Field("numeric columns", .text(metrics.joined(separator: ", ")), display: list))
    if let provenance = table.provenance { fields.append(Field("source", .text(provenance))) }
    return Output(
      kind: .table, name: name,
      title:
        "\(name.map { $0 + ": " } ?? "")\(table.rowCount) \(table.rowNoun) × \(table.columnNames.count) columns",
      blocks: [.fields(fields)])
  }

  /// The rows of a table, with `columns` shown and the first `limit` rows displayed.
  func tableOutput(_ table: ScoreTable, name: String, columns: [String], limit: Int) -> Output {
    var dataColumns: [DataColumn] = []
    var cells: [[Cell]] = Array(repeating: [], count: table.rowCount)
    for column in table.columns where columns.contains(column.name) {
      switch column.values {
      case .text(let texts):
        dataColumns.append(DataColumn(column.name))
        for i in 0..<table.rowCount {
          cells[i].append(texts[i].isEmpty ? .missing : .text(texts[i]))
        }
      case .numbers(let numbers):
        dataColumns.append(DataColumn(column.name, .significant(4)))
        for i in 0..<table.rowCount { cells[i].append(.of(numbers[i])) }
      }
    }
    let shown = limit < table.rowCount ? " (first \(limit) shown)" : ""
    return Output(
      kind: .table, name: name,
      title: "\(name): \(table.rowCount) \(table.rowNoun) × \(dataColumns.count) columns\(shown)",
      blocks: [
        .table(
          DataTable(
            name: "rows", columns: dataColumns, rows: cells,
            displayLimit: limit == Int.max ? nil : limit))
      ])
  }

  /// Describes a table: its columns with missing cells and ranges, and its families.
  func describe(_ table: ScoreTable, name: String) -> Output {
    var fields = [
      Field(table.rowNoun, .number(Double(table.rowCount))),
      Field("columns", .number(Double(table.columnNames.count))),
    ]
    if let provenance = table.provenance { fields.append(Field("source", .text(provenance))) }
    let flops = (try? table.numbers(ScoreTable.flopsColumn))
    if let flops {
      let known = flops.filter { !$0.isNaN && $0 > 0 }
      if let low = known.min(), let high = known.max() {
        fields.append(
          Field(
            "FLOPs (1E21)",
            .text(
              "\(NumberFormatting.significant(low, 3)) to \(NumberFormatting.significant(high, 3))"),
            display:
              "\(NumberFormatting.significant(low, 3)) to \(NumberFormatting.significant(high, 3)) (\(NumberFormatting.fixed(Elementary.log10(high / low), 1)) orders of magnitude, \(flops.count - known.count) models without)"
          ))
      }
    }
    var columnRows: [[Cell]] = []
    for column in table.columns {
      switch column.values {
      case .text(let texts):
        columnRows.append([
          .text(column.name), .text("text"), .number(Double(texts.filter { !$0.isEmpty }.count)),
          .number(Double(texts.filter(\.isEmpty).count)), .missing, .missing, .missing,
        ])
      case .numbers(let numbers):
        let known = numbers.filter { !$0.isNaN }
        let mean = known.isEmpty ? Double.nan : known.reduce(0, +) / Double(known.count)
        columnRows.append([
          .text(column.name), .text("number"), .number(Double(known.count)),
          .number(Double(numbers.count - known.count)), .of(known.min()), .of(known.max()),
          .of(mean),
        ])
      }
    }
    var blocks: [Block] = [
      .fields(fields),
      .table(
        DataTable(
          name: "columns",
          columns: [
            DataColumn("column"), DataColumn("type"), DataColumn("present", .integer),
            DataColumn("missing", .integer), DataColumn("min", .significant(4)),
            DataColumn("max", .significant(4)), DataColumn("mean", .significant(4)),
          ],
          rows: columnRows)),
    ]
    if let families = table.families {
      var order: [String] = []
      var members: [String: [Int]] = [:]
      for (i, family) in families.enumerated() {
        if members[family] == nil { order.append(family) }
        members[family, default: []].append(i)
      }
      let rows: [[Cell]] = order.map { family in
        let indices = members[family] ?? []
        let compute = indices.compactMap { flops?[$0] }.filter { !$0.isNaN }
        return [
          .text(family), .number(Double(indices.count)), .of(compute.min()), .of(compute.max()),
        ]
      }
      blocks.append(
        .table(
          DataTable(
            name: "families",
            columns: [
              DataColumn("family"), DataColumn("models", .integer),
              DataColumn("min FLOPs (1E21)", .significant(3)),
              DataColumn("max FLOPs (1E21)", .significant(3)),
            ],
            rows: rows)))
    }
    return Output(
      kind: .describe, name: name,
      title:
        "\(name): \(table.rowCount) models, \(table.familyNames.count) families, \(table.columnNames.count) columns",
      blocks: blocks)
  }

  /// The summary of a fit: formula, split, errors, solver, reference.
  func fitOutput(_ fit: ScalingLawFit, name: String?) -> Output {
    let spec = fit.specification
    let law = fit.law
    let loss: String
    switch spec.law.loss {
    case .leastSquares: loss = "least squares"
    case .huber(let delta): loss = "Huber δ = \(formatNumber(delta))"
    }
    let transforms =
      spec.targetTransforms.isEmpty
      ? "" : " (" + spec.targetTransforms.map(\.name).joined(separator: ", ") + ")"
    var fields = [
      Field("formula", .text(LawFormula.text(law))),
      Field("target", .text(spec.target + transforms)),
      Field("predictors", .text(spec.predictors.description)),
      Field("split", .text(spec.split.description)),
      Field("train models", .number(Double(fit.trainErrors.count))),
      Field("test models", .number(Double(fit.testErrors.count))),
      Field(
        "train MSE", .of(fit.trainErrors.mse),
        display: NumberFormatting.scientific(fit.trainErrors.mse, 3)),
      Field(
        "test MSE", .of(fit.testErrors.mse),
        display: NumberFormatting.scientific(fit.testErrors.mse, 3)),
      Field(
        "test MAE", .of(fit.testErrors.mae),
        display: NumberFormatting.scientific(fit.testErrors.mae, 3)),
      Field(
        "solver", .text(law.solver.termination.rawValue),
        display:
          "\(law.solver.termination.message) (\(law.solver.iterations) iteration\(law.solver.iterations == 1 ? "" : "s"), \(law.solver.evaluations) evaluation\(law.solver.evaluations == 1 ? "" : "s"), \(law.solver.method)\(law.solver.starts > 1 ? ", best of \(law.solver.starts) starts" : ""))"
      ),
    ]
    if let equivalence = fit.equivalence {
      fields.append(
        Field(
          "reference", .text(equivalence.family),
          display:
            "\(equivalence.family): P = \(NumberFormatting.formula(equivalence.slope))·log10 C\(NumberFormatting.formulaTerm(equivalence.intercept)) over \(equivalence.models.count) models\(Self.rSquaredText(equivalence))"
        ))
    }
    if let imputation = fit.imputation {
      fields.append(Field("imputed cells", .number(Double(imputation.cells.count))))
    }
    if let bands = fit.uncertainty {
      fields.append(
        Field(
          "bootstrap", .number(Double(bands.succeeded)),
          display:
            "\(NumberFormatting.significant(bands.level * 100, 3))% bands from \(bands.succeeded) refits (seed \(bands.seed))"
        ))
    }
    if !fit.dropped.isEmpty {
      let missingTarget = fit.dropped.filter { $0.reason == .missingTarget }.count
      fields.append(
        Field(
          "dropped models", .number(Double(fit.dropped.count)),
          display:
            "\(fit.dropped.count) (\(missingTarget) without a target, \(fit.dropped.count - missingTarget) without a predictor)"
        ))
    }
    let names = law.form.parameterNames(predictors: law.weights.count)
    let parameters = DataTable(
      name: "parameters", columns: [DataColumn("parameter"), DataColumn("value", .significant(6))],
      rows: zip(names, law.parameters).map { [.text($0), .number($1)] })
    var blocks: [Block] = [.fields(fields), .table(parameters)]
    if let warning = Self.referenceWarning(fit.equivalence) { blocks.append(.text(warning)) }
    if let first = law.solver.defaultStartCost, law.solver.cost > 0 {
      let above = NumberFormatting.significant((first / law.solver.cost - 1) * 100, 2)
      blocks.append(
        .text(
          "note: the starts disagree: the default start ended at a train loss \(above)% above the best of \(law.solver.starts) (start \(law.solver.winningStart + 1) kept); the law has more than one local optimum here"
        ))
    }
    if let range = law.form.range {
      let outside = fit.rows.filter { !$0.actual.isNaN && !range.contains($0.actual) }.map(\.model)
      if !outside.isEmpty {
        blocks.append(
          .text(
            "warning: \(outside.count) target value\(outside.count == 1 ? " lies" : "s lie") outside [\(NumberFormatting.significant(range.lowerBound, 3)), \(NumberFormatting.significant(range.upperBound, 3))], which the \(law.form.rawValue) law cannot reach: "
              + outside.prefix(5).joined(separator: ", ") + (outside.count > 5 ? ", …" : "")))
      }
    }
    if fit.trainErrors.count < law.parameters.count {
      blocks.append(
        .text(
          "warning: \(fit.trainErrors.count) training models for \(law.parameters.count) parameters: the law is underdetermined (many laws fit these models equally well), so its predictions rest on the start point and the bounds"
        ))
    }
    if !law.solver.converged {
      blocks.append(
        .text(
          "warning: the solver did not converge; the law may be poor. Raise evaluations = …, add restarts = …, or check the data."
        ))
    }
    // For the JSON: the PCA fitted on the train models and the imputer (its settings, the
    // standardization and its own PCA), in the saved fit's form, so that the law can be
    // applied to other models from the JSON alone.
    let encoder = JSONTreeEncoder()
    if let components = fit.components, let value = try? encoder.encode(components) {
      blocks.append(.data(name: "pca", value))
    }
    if let imputer = fit.imputation?.imputer, let value = try? encoder.encode(imputer) {
      blocks.append(.data(name: "imputer", value))
    }
    return Output(
      kind: .fit, name: name,
      title:
        "\(name.map { $0 + ": " } ?? "")\(spec.target) ~ \(spec.predictors.description), \(law.form.rawValue), \(loss)",
      blocks: blocks)
  }

  /// The output of `pca`: explained variance, loadings and the scores.
  func capabilitiesOutput(_ analysis: CapabilityAnalysis, name: String?) -> Output {
    let pca = analysis.components
    var cumulative = 0.0
    let variances = pca.explainedVariance
    let variance: [[Cell]] = pca.explainedVarianceRatio.enumerated().map { k, ratio in
      cumulative += ratio
      return [
        .text("PC-\(k + 1)"), .number(ratio), .number(cumulative), .number(variances[k]),
        .number(pca.singularValues[k]),
      ]
    }
    let componentNames = (1...pca.count).map { "PC-\($0)" }
    // Each benchmark's loadings, and the mean the scores are centred on: with these the
    // scores of any other model can be computed from the output alone.
    let loadings: [[Cell]] = analysis.benchmarks.enumerated().map { t, benchmark in
      [.text(benchmark)] + (0..<pca.count).map { .number(pca.components[$0, t]) }
        + [.number(pca.mean[t])]
    }
    let scores: [[Cell]] = analysis.models.indices.map { i in
      [.text(analysis.models[i]), .text(analysis.families[i])]
        + (0..<pca.count).map { .number(analysis.scores[i, $0]) }
    }
    var fields = [
      Field("models", .number(Double(analysis.models.count))),
      Field("benchmarks", .number(Double(analysis.benchmarks.count))),
    ]
    if let imputer = analysis.imputation {
      let report = imputer.report
      fields.append(
        Field(
          "imputation", .text(report.converged ? "converged" : "not converged"),
          display:
            "\(report.missingCells) cells in \(report.rounds) rounds, \(report.converged ? "converged" : "NOT converged")"
        ))
    } else if !analysis.dropped.isEmpty {
      fields.append(
        Field(
          "dropped models", .number(Double(analysis.dropped.count)),
          display: "\(analysis.dropped.count) with missing cells: " + elide(analysis.dropped)))
    }
    if !analysis.empty.isEmpty {
      fields.append(
        Field(
          "left out", .number(Double(analysis.empty.count)),
          display:
            "\(analysis.empty.count) with none of the \(analysis.benchmarks.count) benchmarks (nothing to impute from): "
            + elide(analysis.empty)))
    }
    return Output(
      kind: .pca, name: name,
      title:
        "\(name.map { $0 + ": " } ?? "")principal capabilities of \(analysis.benchmarks.count) benchmarks; PC-1 explains \(NumberFormatting.percent(pca.explainedVarianceRatio.first ?? 0))",
      blocks: [
        .fields(fields),
        .table(
          DataTable(
            name: "explained_variance",
            columns: [
              DataColumn("component"), DataColumn("ratio", .percent),
              DataColumn("cumulative", .percent), DataColumn("variance", .significant(4)),
              DataColumn("singular value", .significant(4)),
            ], rows: variance)),
        .table(
          DataTable(
            name: "loadings",
            columns: [DataColumn("benchmark")] + componentNames.map { DataColumn($0, .fixed(3)) }
              + [DataColumn("mean", .fixed(4))],
            rows: loadings)),
        .table(
          DataTable(
            name: "scores",
            columns: [DataColumn("model"), DataColumn("family")]
              + componentNames.map { DataColumn($0, .fixed(3)) }, rows: scores, displayLimit: 0)),
      ])
  }
}

extension Presenter {
  /// The output of `bootstrap`: how the resamples went (and why any failed), the
  /// parameters' bands, and how wide the law's band and the prediction intervals are on each
  /// side of the split, with how far their ends would move with another seed.
  func bootstrapOutput(_ fit: ScalingLawFit, name: String) -> Output {
    guard let bands = fit.uncertainty else { return fitOutput(fit, name: name) }
    let percent = NumberFormatting.significant(bands.level * 100, 3)
    let law = fit.law
    let names = law.form.parameterNames(predictors: law.weights.count)
    func mean(
      _ side: SplitSide, _ of: [BootstrapBands.Band], _ value: (BootstrapBands.Band) -> Double
    )
      -> Double
    {
      let values = fit.rows.indices.filter { fit.rows[$0].side == side && $0 < of.count }.map {
        value(of[$0])
      }
      return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }
    func width(_ band: BootstrapBands.Band) -> Double { band.high - band.low }
    let train = fit.rows.filter { $0.side == .train }.count
    let failed = bands.samples - bands.succeeded
    var fields = [
      Field(
        "resamples", .number(Double(bands.samples)),
        display:
          "\(bands.samples) of the \(train) train models, with replacement (seed \(bands.seed)); \(bands.succeeded) refits succeeded"
      ),
      Field(
        "level", .number(bands.level),
        display:
          "\(percent)%: the law's band (percentile), and prediction intervals (the law's uncertainty and the models' scatter around it)"
      ),
    ]
    let intervals = bands.predictionIntervals ?? []
    for side in [SplitSide.train, .test] {
      let lawWidth = mean(side, bands.predictions, width)
      fields.append(
        Field(
          "\(side.rawValue) band of the law", .of(lawWidth),
          display: "\(NumberFormatting.significant(lawWidth, 3)) wide on average"))
      if !intervals.isEmpty {
        let intervalWidth = mean(side, intervals, width)
        let error = mean(side, intervals) { $0.monteCarloError }
        fields.append(
          Field(
            "\(side.rawValue) prediction interval", .of(intervalWidth),
            display:
              "\(NumberFormatting.significant(intervalWidth, 3)) wide on average; its ends move by ±\(NumberFormatting.significant(error, 2)) with another seed"
          ))
      }
    }
    if let residuals = bands.residuals, !residuals.isEmpty {
      let sd = (residuals.map { $0 * $0 }.reduce(0, +) / Double(residuals.count)).squareRoot()
      fields.append(
        Field(
          "scatter", .number(sd),
          display:
            "\(NumberFormatting.significant(sd, 3)) (sd of the train residuals, inflated for the law's \(law.parameters.count) parameters)\(bands.clipsToUnitRange == true ? "; intervals clipped to [0, 1]" : "")"
        ))
    }
    let parameters = DataTable(
      name: "parameters",
      columns: [
        DataColumn("parameter"), DataColumn("value", .significant(6)),
        DataColumn("\(percent)% low", .significant(6)), DataColumn("median", .significant(6)),
        DataColumn("\(percent)% high", .significant(6)),
      ],
      rows: zip(names, zip(law.parameters, bands.parameters)).map { name, pair in
        [
          .text(name), .number(pair.0), .number(pair.1.low), .number(pair.1.median),
          .number(pair.1.high),
        ]
      })
    var notes: [Block] = []
    if failed > 0 {
      let reasons = (bands.failures ?? [:]).sorted {
        $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
      }.map {
        "\($0.value) \($0.key)"
      }
      notes.append(
        .text(
          "\(failed) of \(bands.samples) refits failed\(reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; ")). The bands rest on the \(bands.succeeded) others\(10 * failed > bands.samples ? "; so many failures are the resamples least like the data, so the bands may be too narrow" : "")"
        ))
    }
    if let misses = bands.curveMisses, misses > 0 {
      notes.append(
        .text(
          "\(misses) refit\(misses == 1 ? "" : "s") left out of the curve along f-equivalent FLOPs only: the reference family's regression on \(misses == 1 ? "its" : "their") capabilities failed (they fall with compute); kept for the parameters and predictions"
        ))
    }
    let settle = BootstrapBands.settlingSamples(level: bands.level)
    if bands.samples < settle {
      notes.append(
        .text(
          "warning: \(bands.samples) resamples are too few for \(percent)% intervals to settle (about \(settle): Efron & Tibshirani 1993, §19.3); their ends move with the seed as the ± above says: bootstrap \(name) samples = \(settle)"
        ))
    }
    if let widened = bands.widened, widened > 0 {
      notes.append(
        .text(
          "\(widened) interval\(widened == 1 ? " was" : "s were") widened to contain \(widened == 1 ? "its" : "their") estimate: the refits lay all on one side of it"
        ))
    }
    notes.append(
      .text(
        "predict \(name) lists each model's prediction interval (interval = law: the law's band); plot \(name) draws both along f-equivalent FLOPs"
      ))
    return Output(
      kind: .bootstrap, name: name,
      title:
        "\(name): \(percent)% bootstrap intervals of \(fit.specification.target) ~ \(fit.specification.predictors.description)",
      blocks: [.fields(fields), .table(parameters)] + notes
        + Self.thinResamplesWarning(bands, parameters: law.parameters.count, train: train))
  }

  /// The warning on a bootstrap most of whose resamples hold no more distinct models than the
  /// law has parameters: those refits are not identified, and the bands rest on the rest.
  static func thinResamplesWarning(_ bands: BootstrapBands, parameters: Int, train: Int)
    -> [Block]
  {
    guard let thin = bands.thinResamples, 2 * thin > bands.samples else { return [] }
    return [
      .text(
        "warning: \(thin) of the \(bands.samples) resamples hold no more distinct models than the law has parameters (\(parameters)); their refits are not identified, so the bands say little: \(train) train models are too few for this law"
      )
    ]
  }

  /// ", R² 0.997" for a reference regression that recorded it.
  static func rSquaredText(_ equivalence: ComputeEquivalence) -> String {
    equivalence.rSquared.map { ", R² \(NumberFormatting.fixed($0, 3))" } ?? ""
  }

  /// A warning when the reference regression fits its family poorly.
  static func referenceWarning(_ equivalence: ComputeEquivalence?) -> String? {
    guard let equivalence, let r2 = equivalence.rSquared, r2 < ComputeEquivalence.poorFit else {
      return nil
    }
    return
      "warning: the reference regression fits \(equivalence.family) poorly (R² \(NumberFormatting.fixed(r2, 3)) over \(equivalence.models.count) models, below \(NumberFormatting.fixed(ComputeEquivalence.poorFit, 1))): its f-equivalent FLOPs are uncertain; a family with more models, or a steadier one, reads better"
  }
}

extension ScoreTable {
  /// What the rows are called in titles: models, or rows for a result keyed otherwise.
  var rowNoun: String {
    switch key {
    case Self.modelColumn: return "models"
    case Self.familyColumn: return "families"
    default: return "rows"
    }
  }
}
