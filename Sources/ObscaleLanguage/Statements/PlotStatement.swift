internal import ScalingLaws

extension StatementInfo {
  /// `plot`: Plots a fit (points and the fitted curve) or a pca (PC-1 against log FLOPs by family).
  static let plot = StatementInfo(
    name: "plot",
    summary:
      "Plots a fit (points and the fitted curve) or a pca (PC-1 against log FLOPs by family).",
    syntax:
      "plot fit [with table, ...] [x = equiv | capability | pc1 | flops] | plot fit, fit, ... | plot pca | plot table: column ~ column",
    options: [
      PlotStatement.Options.x.info, PlotStatement.Options.samples.info,
      PlotStatement.Options.save.info,
    ],
    examples: [
      "plot f", "plot f x = capability", "plot fewshot, cot", "plot caps",
      "plot f save = \"law.svg\"", "plot f with mine", "plot data: MMLU ~ log(`FLOPs (1E21)`)",
    ],
    completion: StatementCompletion(
      subject: .bound([.fit, .capabilities]), listsSubjects: true,
      connectives: [.init(word: "with", then: .bound([.table]), repeats: true)]))
}

/// `plot f [x = …]` or `plot p`.
struct PlotStatement: StatementNode {
  static var info: StatementInfo { .plot }

  /// The fits or pca results drawn.
  var subjects: [Located<String>]
  /// Tables whose models are drawn over a fit's chart (`with`).
  var overlays: [Located<String>] = []
  /// For a table or a result: the column drawn up (`y`) against the one across (`x`), each
  /// on a log axis when written `log(column)`.
  var columns: ColumnAxes?

  /// `column ~ column` after a table: what `plot t:` draws.
  struct ColumnAxes: Equatable, Sendable {
    /// The vertical column, and whether its axis is logarithmic.
    var y: Located<String>
    /// See `y`.
    var logY: Bool
    /// The horizontal column, and whether its axis is logarithmic.
    var x: Located<String>
    /// See `x`.
    var logX: Bool
  }
  /// Its options.
  var options: [OptionSetting]

  static func parse(_ parser: inout Parser) throws -> PlotStatement {
    let subjects = try parser.parseNameList(what: "a fit or pca name", minimum: 1)
    if subjects.count == 1, parser.current.kind == .symbol(.colon) {
      parser.advance()
      func axis() throws -> (Located<String>, Bool) {
        if parser.isWord("log"), parser.peek(1).kind == .symbol(.openParen) {
          parser.advance()
          parser.advance()
          let column = try parser.parseName("a column inside log(…)")
          try parser.expect(.closeParen, "')' after the column")
          return (column, true)
        }
        return (try parser.parseName("a column"), false)
      }
      let (y, logY) = try axis()
      try parser.expect(.tilde, "'~' and the column across (plot t: y ~ x)")
      let (x, logX) = try axis()
      return PlotStatement(
        subjects: subjects, columns: ColumnAxes(y: y, logY: logY, x: x, logX: logX),
        options: try parser.parseOptions(for: info))
    }
    var overlays: [Located<String>] = []
    if parser.isWord("with") {
      parser.advance()
      overlays = try parser.parseNameList(what: "a table to draw over the chart", minimum: 1)
    }
    return PlotStatement(
      subjects: subjects, overlays: overlays, options: try parser.parseOptions(for: info))
  }
}

extension Environment {
  /// Plots a fit or a pca result.
  fileprivate func plot(
    _ value: Value, name: Located<String>, with overlays: [Located<String>],
    _ settings: PlotStatement.Settings
  ) throws -> Output {
    if case .fit = value {
    } else if let first = overlays.first {
      throw EvaluationFailure(
        .invalidValue(
          option: "with", value: first.value,
          expected: "a fit to draw the tables' models over ('\(name.value)' is not one)",
          suggestion: nil), at: first.range)
    }
    switch value {
    case .fit(let fit):
      let drawn = try overlays.map { overlay in
        (name: overlay.value, rows: try self.overlay(overlay, on: fit))
      }
      return try plotFit(fit, name: name.value, with: drawn, settings)
    case .capabilities(let analysis):
      if let x = settings.x {
        throw EvaluationFailure(
          .invalidValue(
            option: "x", value: x.value,
            expected: "no x option: a pca plot is PC-1 against log FLOPs", suggestion: nil),
          at: x.range)
      }
      return plotCapabilities(analysis, name: name.value)
    default:
      throw EvaluationFailure(
        .wrongKind(
          name: name.value, expected: "a fit or a pca result", found: value.kindDescription),
        at: name.range)
    }
  }

  /// A table's models predicted by `fit`, to draw over its chart; an error at the table's
  /// name when the fit cannot read it.
  private func overlay(_ name: Located<String>, on fit: ScalingLawFit) throws
    -> ScalingLawFit.Application
  {
    let table = try self.table(name)
    do {
      return try fit.apply(to: table)
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: name.range)
    }
  }

  /// The fit's points by family and side, and its curve, along the chosen axis; the models of
  /// `overlays` drawn over them, marked apart.
  fileprivate func plotFit(
    _ fit: ScalingLawFit, name: String,
    with overlays: [(name: String, rows: ScalingLawFit.Application)] = [],
    _ settings: PlotStatement.Settings
  ) throws -> Output {
    let axisName = try Self.axisName(settings.x, of: fit)
    let samples = settings.samples
    let spec = fit.specification
    let law = fit.law
    let (xOf, axis, curveAt) = Self.axis(axisName, of: fit)
    let yLabel =
      spec.target
      + (spec.targetTransforms.isEmpty
        ? "" : " (" + spec.targetTransforms.map(\.name).joined(separator: ", ") + ")")
    var series = Self.points(of: fit, at: xOf)
    // The curve spans the overlaid models too: a model beyond the fit's range is read against
    // the law extrapolated to it.
    let xs = (fit.rows + overlays.flatMap(\.rows.rows)).map(xOf).filter(\.isFinite)
    var curve: [PlotPoint] = []
    if let curveAt, let low = xs.min(), let high = xs.max() {
      let pad = (high - low) * 0.05
      for k in 0..<samples {
        let x = low - pad + (high - low + 2 * pad) * Double(k) / Double(samples - 1)
        curve.append(PlotPoint(x: x, y: curveAt(x)))
      }
      series.append(PlotSeries(name: "fitted law", style: .line, group: "law", points: curve))
    }
    if axisName == "equiv", let uncertainty = fit.uncertainty {
      // Both quantities, named apart: the band of the law over the wider prediction interval.
      series.insert(contentsOf: Self.bands(of: uncertainty), at: 0)
    }
    let (drawn, overlaid, overlayNotes) = Self.overlaid(overlays, at: xOf)
    series += drawn
    let caption =
      [
        LawFormula.text(law),
        "train MSE \(NumberFormatting.scientific(fit.trainErrors.mse, 2)) (\(fit.trainErrors.count) models), test MSE \(NumberFormatting.scientific(fit.testErrors.mse, 2)) (\(fit.testErrors.count) models); filled = train, hollow = test",
      ]
      + (curveAt == nil
        ? [
          "no curve: the law has more than one predictor, so it is not a function of this axis alone"
        ] : []) + overlayNotes
    let points: [[Cell]] = fit.rows.map { row in
      [
        .text(row.model), .text(row.family), .text(row.side.rawValue), .of(xOf(row)),
        .number(row.actual), .number(row.predicted),
      ]
    }
    let xColumn = axis.log10 ? "x (log10)" : "x"
    return Output(
      kind: .plot, name: name, title: "\(name): \(spec.target) against \(axis.label)",
      blocks: [
        .plot(
          Plot(
            title: "\(spec.target) ~ \(spec.predictors.description)", x: axis,
            y: Axis(label: yLabel), series: series, caption: caption)),
        .table(
          DataTable(
            name: "points",
            columns: [
              DataColumn("model"), DataColumn("family"), DataColumn("split"),
              DataColumn(xColumn, .fixed(3)), DataColumn("actual", .fixed(4)),
              DataColumn("predicted", .fixed(4)),
            ], rows: points, displayLimit: 0)),
        .table(
          DataTable(
            name: "curve", columns: [DataColumn(xColumn, .fixed(3)), DataColumn("law", .fixed(4))],
            rows: curve.map { [.number($0.x), .number($0.y)] }, displayLimit: 0)),
      ]
        + (overlaid.isEmpty
          ? []
          : [
            .table(
              DataTable(
                name: "overlay",
                columns: [
                  DataColumn("model"), DataColumn("table"), DataColumn(xColumn, .fixed(3)),
                  DataColumn("actual", .fixed(4)), DataColumn("predicted", .fixed(4)),
                ], rows: overlaid))
          ]))
  }

  /// The axis a fit is drawn along: `x =` as given, else f-equivalent FLOPs when the fit has
  /// a reference family and its capability when it has none; `equiv` without one is an error.
  private static func axisName(_ x: Located<String>?, of fit: ScalingLawFit) throws -> String {
    guard let x else { return fit.equivalence == nil ? "capability" : "equiv" }
    if x.value == "equiv", fit.equivalence == nil {
      throw EvaluationFailure(
        .invalidValue(
          option: "x", value: "equiv",
          expected: "capability, pc1 or flops: the fit has no reference family", suggestion: nil),
        at: x.range)
    }
    return x.value
  }

  /// The bootstrap's band of the law and its prediction interval, as outlines to shade (the
  /// wider interval first, drawn under the band); none without a curve.
  private static func bands(of uncertainty: BootstrapBands) -> [PlotSeries] {
    guard !uncertainty.curve.isEmpty else { return [] }
    let percent = NumberFormatting.significant(uncertainty.level * 100, 3)
    func outline(_ curve: [BootstrapBands.CurvePoint]) -> [PlotPoint] {
      curve.map { PlotPoint(x: $0.x, y: $0.band.high) }
        + curve.reversed().map { PlotPoint(x: $0.x, y: $0.band.low) }
    }
    var bands: [PlotSeries] = []
    if let interval = uncertainty.intervalCurve, !interval.isEmpty {
      bands.append(
        PlotSeries(
          name: "\(percent)% prediction interval", style: .lightBand, group: "law",
          points: outline(interval)))
    }
    bands.append(
      PlotSeries(
        name: "\(percent)% band of the law", style: .band, group: "law",
        points: outline(uncertainty.curve)))
    return bands
  }

  /// Other tables' models placed by a fit, drawn over its chart: their series (actual scores,
  /// and predicted where a model has no target), their rows, and the notes that say how they
  /// were placed and which could not be.
  private static func overlaid(
    _ overlays: [(name: String, rows: ScalingLawFit.Application)], at xOf: (FitRow) -> Double
  ) -> (series: [PlotSeries], rows: [[Cell]], notes: [String]) {
    var series: [PlotSeries] = []
    var overlaid: [[Cell]] = []
    var overlayNotes: [String] = []
    for overlay in overlays {
      for (style, measured) in [(PlotSeries.Style.overlay, true), (.overlayPredicted, false)] {
        let rows = overlay.rows.rows.filter { $0.actual.isNaN != measured && xOf($0).isFinite }
        guard !rows.isEmpty else { continue }
        series.append(
          PlotSeries(
            name: measured ? overlay.name : "\(overlay.name) (predicted)",
            style: style, group: overlay.name,
            points: rows.map {
              PlotPoint(x: xOf($0), y: measured ? $0.actual : $0.predicted, label: $0.model)
            }))
      }
      let unplaced =
        overlay.rows.rows.filter { !xOf($0).isFinite }.map(\.model)
        + overlay.rows.dropped.map(\.model)
      if !unplaced.isEmpty {
        overlayNotes.append(
          "not drawn from \(overlay.name) (no place on this axis): \(unplaced.prefix(5).joined(separator: ", "))\(unplaced.count > 5 ? ", …" : "")"
        )
      }
      overlaid += overlay.rows.rows.map { row in
        [
          .text(row.model), .text(overlay.name), .of(xOf(row)), .of(row.actual),
          .number(row.predicted),
        ]
      }
    }
    if !overlays.isEmpty {
      var marks: [String] = []
      if series.contains(where: { $0.style == .overlay }) { marks.append("◆ actual score") }
      if series.contains(where: { $0.style == .overlayPredicted }) {
        marks.append("◇ predicted (no target)")
      }
      overlayNotes.insert(
        overlays.map(\.name).joined(separator: ", ") + " placed by this fit's own PCA and imputer: "
          + marks.joined(separator: ", "), at: 0)
    }
    return (series, overlaid, overlayNotes)
  }

  /// The x of each model on the axis `name` (equiv, capability, pc1 or flops), the axis, and
  /// the law as a function of it where it is one.
  private static func axis(_ name: String, of fit: ScalingLawFit) -> (
    xOf: (FitRow) -> Double, axis: Axis, curveAt: ((Double) -> Double)?
  ) {
    let law = fit.law
    let spec = fit.specification
    let equivalence = fit.equivalence
    let xOf: (FitRow) -> Double
    let axis: Axis
    var curveAt: ((Double) -> Double)?
    switch name {
    case "equiv":
      let reference = equivalence?.family ?? ""
      xOf = { $0.equivalentLog10FLOPs ?? .nan }
      axis = Axis(label: "f-equivalent FLOPs of \(reference) (1E21)", log10: true)
      if let equivalence {
        curveAt = { law.score(capability: equivalence.capability(log10FLOPs: $0)) }
      }
    case "capability":
      xOf = { $0.capability }
      axis = Axis(label: "capability P = c + w·s")
      curveAt = { law.score(capability: $0) }
    case "pc1":
      xOf = { $0.predictors.first ?? .nan }
      axis = Axis(
        label: spec.predictors.usesComponents ? "PC-1" : fit.law.predictorNames.first ?? "x")
      if law.weights.count == 1 { curveAt = { law.predict([$0]) } }
    default:
      xOf = { $0.flops > 0 ? Elementary.log10($0.flops) : .nan }
      axis = Axis(label: "FLOPs (1E21)", log10: true)
      if case .logFLOPs = spec.predictors {
        curveAt = { law.predict([Elementary.log(Elementary.pow10($0) + 1e-9)]) }
      }
    }
    return (xOf, axis, curveAt)
  }

  /// The models as points, per family and side (filled: train, hollow: test).
  private static func points(of fit: ScalingLawFit, at xOf: (FitRow) -> Double) -> [PlotSeries] {
    var series: [PlotSeries] = []
    var families: [String] = []
    for row in fit.rows where !families.contains(row.family) { families.append(row.family) }
    for family in families {
      for side in [SplitSide.train, .test] {
        let points = fit.rows.filter { $0.family == family && $0.side == side }.compactMap {
          row -> PlotPoint? in
          let x = xOf(row)
          return x.isFinite ? PlotPoint(x: x, y: row.actual, label: row.model) : nil
        }
        if !points.isEmpty {
          // A table without families still gets a legend entry.
          let group = family.isEmpty ? "models" : family
          series.append(
            PlotSeries(
              name: "\(group) (\(side.rawValue))", style: side == .train ? .points : .hollowPoints,
              group: group, points: points))
        }
      }
    }
    return series
  }

  /// PC-1 against log10 FLOPs, with a least-squares line per family.
  fileprivate func plotCapabilities(_ analysis: CapabilityAnalysis, name: String) -> Output {
    var families: [String] = []
    for family in analysis.families where !families.contains(family) { families.append(family) }
    var series: [PlotSeries] = []
    var fitRows: [[Cell]] = []
    var points: [[Cell]] = []
    for family in families {
      let members = analysis.models.indices.filter {
        analysis.families[$0] == family && analysis.flops[$0] > 0
      }
      guard !members.isEmpty else { continue }
      let xs = members.map { Elementary.log10(analysis.flops[$0]) }
      let ys = members.map { analysis.scores[$0, 0] }
      series.append(
        PlotSeries(
          name: family, style: .points, group: family,
          points: members.indices.map {
            PlotPoint(x: xs[$0], y: ys[$0], label: analysis.models[members[$0]])
          }))
      for (k, i) in members.enumerated() {
        points.append([.text(analysis.models[i]), .text(family), .number(xs[k]), .number(ys[k])])
      }
      if Set(xs).count >= 2, let line = LeastSquaresLine(x: xs, y: ys), let low = xs.min(),
        let high = xs.max()
      {
        series.append(
          PlotSeries(
            name: "\(family) fit", style: .line, group: family,
            points: [
              PlotPoint(x: low, y: line(low)),
              PlotPoint(x: high, y: line(high)),
            ]))
        fitRows.append([
          .text(family), .number(Double(members.count)), .number(line.slope),
          .number(line.intercept), .of(line.rSquared),
        ])
      }
    }
    let r2 = fitRows.compactMap { row -> Double? in
      if case .number(let value) = row[4] { return value } else { return nil }
    }.sorted()
    let median = r2.isEmpty ? Double.nan : r2[r2.count / 2]
    let without = analysis.flops.filter { !($0 > 0) }.count
    return Output(
      kind: .plot, name: name, title: "\(name): PC-1 against log FLOPs by family",
      blocks: [
        .plot(
          Plot(
            title: "PC-1 against compute", x: Axis(label: "FLOPs (1E21)", log10: true),
            y: Axis(label: "PC-1"), series: series,
            caption: [
              "within-family least-squares lines: median R² \(NumberFormatting.fixed(median, 3)) over \(fitRows.count) families"
                + (without > 0 ? "; \(without) models without FLOPs not drawn" : "")
            ])),
        .table(
          DataTable(
            name: "family_lines",
            columns: [
              DataColumn("family"), DataColumn("models", .integer), DataColumn("slope", .fixed(3)),
              DataColumn("intercept", .fixed(3)), DataColumn("R²", .fixed(3)),
            ], rows: fitRows)),
        .table(
          DataTable(
            name: "points",
            columns: [
              DataColumn("model"), DataColumn("family"), DataColumn("log10 FLOPs", .fixed(3)),
              DataColumn("PC-1", .fixed(3)),
            ], rows: points, displayLimit: 0)),
      ])
  }

  /// Several laws on one f-equivalent FLOPs axis (algorithm.md §11): each fit's models as
  /// points and its law as a line, coloured by fit; each fit is read through its own
  /// reference regression.
  fileprivate func plotFits(
    _ fits: [(name: Located<String>, fit: ScalingLawFit)], _ settings: PlotStatement.Settings
  ) throws
    -> Output
  {
    if let x = settings.x {
      throw EvaluationFailure(
        .invalidValue(
          option: "x", value: x.value,
          expected: "no x option: several fits share the f-equivalent FLOPs axis", suggestion: nil),
        at: x.range)
    }
    let samples = settings.samples
    let equivalences = try fits.map { entry in try referenced(entry.fit, name: entry.name) }
    let (low, high) = range(fits.map(\.fit))
    let grid = (0..<samples).map { low + (high - low) * Double($0) / Double(samples - 1) }
    var series: [PlotSeries] = []
    for ((name, fit), equivalence) in zip(fits, equivalences) {
      if let uncertainty = fit.uncertainty, !uncertainty.curve.isEmpty {
        let upper = uncertainty.curve.map { PlotPoint(x: $0.x, y: $0.band.high) }
        let lower = uncertainty.curve.reversed().map { PlotPoint(x: $0.x, y: $0.band.low) }
        series.append(
          PlotSeries(
            name: "\(name.value) band", style: .band, group: name.value, points: upper + lower))
      }
      for side in [SplitSide.train, .test] {
        let points = fit.rows.filter { $0.side == side }.compactMap { row -> PlotPoint? in
          guard let x = row.equivalentLog10FLOPs, x.isFinite else { return nil }
          return PlotPoint(x: x, y: row.actual, label: row.model)
        }
        if !points.isEmpty {
          series.append(
            PlotSeries(
              name: "\(name.value) (\(side.rawValue))",
              style: side == .train ? .points : .hollowPoints, group: name.value, points: points))
        }
      }
      let law = fit.law
      series.append(
        PlotSeries(
          name: "\(name.value) law", style: .line, group: name.value,
          points: grid.map {
            PlotPoint(x: $0, y: law.score(capability: equivalence.capability(log10FLOPs: $0)))
          }))
    }
    let references = Set(equivalences.map(\.family)).sorted().joined(separator: ", ")
    let names = fits.map(\.name.value).joined(separator: ", ")
    let caption = fits.map { entry in
      "\(entry.name.value): \(entry.fit.specification.target) ~ \(entry.fit.specification.predictors.description), test MSE \(NumberFormatting.scientific(entry.fit.testErrors.mse, 2))"
    }
    let curves = grid.map { x -> [Cell] in
      [.number(x)]
        + zip(fits, equivalences).map { entry, equivalence in
          .number(entry.fit.law.score(capability: equivalence.capability(log10FLOPs: x)))
        }
    }
    return Output(
      kind: .plot, name: nil, title: "\(names) against f-equivalent FLOPs of \(references)",
      blocks: [
        .plot(
          Plot(
            title: names, x: Axis(label: "f-equivalent FLOPs of \(references) (1E21)", log10: true),
            y: Axis(label: "score"), series: series, caption: caption)),
        .table(
          DataTable(
            name: "curves",
            columns: [DataColumn("x (log10)", .fixed(3))]
              + fits.map { DataColumn($0.name.value, .fixed(4)) }, rows: curves, displayLimit: 0)),
      ])
  }

  /// Writes the chart of a plot output as SVG when `save = "file.svg"` is given, and notes
  /// where in the output.
  fileprivate func savingChart(_ output: Output, _ settings: PlotStatement.Settings) throws
    -> Output
  {
    guard let (file, range) = settings.save.map({ ($0.value, $0.range) }) else { return output }
    guard
      let plot = output.blocks.lazy.compactMap({ block -> Plot? in
        if case .plot(let plot) = block { return plot }
        return nil
      }).first
    else { return output }
    let target = outputPath(file)
    do {
      try files.write(Array(SVGRenderer.render(plot).utf8), to: target)
    } catch {
      throw EvaluationFailure(.fileNotWritten(target, reason: "\(error)"), at: range)
    }
    var saved = output
    saved.blocks.append(.text("chart saved to '\(file)'"))
    return saved
  }
}

extension PlotStatement {
  /// The options of `plot`, declared once: help, completion and evaluation read them.
  enum Options {
    static let x = Option(
      "x",
      WordValue(["equiv", "capability", "pc1", "flops"], syntax: "equiv, capability, pc1, flops"),
      default: "equiv when the fit has a reference, else capability", summary: "the horizontal axis"
    )
    static let samples = Option(
      "samples", CountValue(range: 2...10_000, defaultValue: 25), default: "25",
      summary: "points on the fitted curve")
    static let save = Option(
      "save", FreeValue(syntax: "a file name ending in .svg"), default: "none",
      summary: "also write the chart as an SVG file")
  }
}

extension PlotStatement {
  /// The options of one `plot`, decoded before anything is drawn; which apply depends on
  /// what is plotted, and each kind of plot refuses the ones that do not.
  struct Settings {
    /// The horizontal axis asked for, as written.
    var x: Located<String>?
    /// Points along a law's curve.
    var samples: Int
    /// `samples` as written, if it was.
    var samplesWritten: Located<String>?
    /// The SVG file to write the chart to, as written (checked: in quotes, `.svg`).
    var save: Located<String>?

    /// Decodes `options`.
    init(decoding options: OptionSettings, in environment: Environment) throws {
      x = try options[Options.x].map { setting in
        Located(
          try environment.given(Options.x, of: options) ?? "", setting.value.range)
      }
      samples = try environment.value(Options.samples, of: options)
      samplesWritten = options[Options.samples].map {
        Located($0.value.value.display, $0.value.range)
      }
      if let setting = options[Options.save] {
        guard case .string(let file) = setting.value.value else {
          throw EvaluationFailure(
            .expected("a file name in quotes", found: setting.value.value.display),
            at: setting.value.range)
        }
        guard file.lowercased().hasSuffix(".svg") else {
          throw EvaluationFailure(
            .unsupportedFileType(file, allowed: [".svg for a chart"]), at: setting.value.range)
        }
        save = Located(file, setting.value.range)
      }
    }
  }
}

extension PlotStatement: EvaluatedStatement {
  /// Runs `plot`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let names = subjects
    let settings = try Settings(decoding: OptionSettings(options, .plot), in: environment)
    if let columns {
      let table = try environment.table(names[0])
      return Evaluation(
        nil,
        try environment.savingChart(
          try environment.plotColumns(table, name: names[0].value, columns, settings), settings))
    }
    if names.count == 1 {
      let value = try environment.lookup(names[0])
      return Evaluation(
        value,
        try environment.savingChart(
          try environment.plot(value, name: names[0], with: overlays, settings), settings))
    }
    if let first = overlays.first {
      throw EvaluationFailure(
        .invalidValue(
          option: "with", value: first.value,
          expected: "one fit to draw the tables' models over (plot f with t, then plot g with t)",
          suggestion: nil), at: first.range)
    }
    return Evaluation(
      nil,
      try environment.savingChart(
        try environment.plotFits(
          try names.map { (name: $0, fit: try environment.fit($0)) }, settings), settings))
  }
}

extension Environment {
  /// One column of a table against another, a point per row coloured by family: `plot t: y ~
  /// x`, with log(…) for a logarithmic axis (rows without a positive value there are left
  /// out, and counted).
  fileprivate func plotColumns(
    _ table: ScoreTable, name: String, _ axes: PlotStatement.ColumnAxes,
    _ settings: PlotStatement.Settings
  ) throws -> Output {
    if let (option, written) = settings.x.map({ ("x", $0) })
      ?? settings.samplesWritten.map({
        ("samples", $0)
      })
    {
      throw EvaluationFailure(
        .invalidValue(
          option: option, value: written.value,
          expected: "no \(option) option: plot t: y ~ x draws the two columns", suggestion: nil),
        at: written.range)
    }
    func values(_ column: Located<String>, log: Bool) throws -> [Double] {
      try requireColumn(column.value, in: table, tableName: name, at: column.range)
      guard case .numbers(let numbers) = try table.column(named: column.value).values else {
        throw EvaluationFailure(
          .invalidValue(
            option: "plot", value: column.value,
            expected: "a numeric column ('\(column.value)' holds text)", suggestion: nil),
          at: column.range)
      }
      return log ? numbers.map { $0 > 0 ? Elementary.log10($0) : .nan } : numbers
    }
    let ys = try values(axes.y, log: axes.logY)
    let xs = try values(axes.x, log: axes.logX)
    let families = table.families ?? [String](repeating: "", count: table.rowCount)
    let models = table.models
    var groups: [String] = []
    for family in families where !groups.contains(family) { groups.append(family) }
    var series: [PlotSeries] = []
    var drawn = 0
    for group in groups {
      let points = table.models.indices.filter {
        families[$0] == group && xs[$0].isFinite && ys[$0].isFinite
      }.map { PlotPoint(x: xs[$0], y: ys[$0], label: models[$0]) }
      drawn += points.count
      if !points.isEmpty {
        series.append(
          PlotSeries(
            name: group.isEmpty ? table.key : group, style: .points,
            group: group.isEmpty ? table.key : group, points: points))
      }
    }
    let left = table.rowCount - drawn
    let rows: [[Cell]] = table.models.indices.map {
      [.text(models[$0]), .text(families[$0]), .of(xs[$0]), .of(ys[$0])]
    }
    let xName = axes.logX ? "log10 \(axes.x.value)" : axes.x.value
    let yName = axes.logY ? "log10 \(axes.y.value)" : axes.y.value
    return Output(
      kind: .plot, name: nil, title: "\(name): \(axes.y.value) against \(axes.x.value)",
      blocks: [
        .plot(
          Plot(
            title: "\(axes.y.value) ~ \(axes.x.value)",
            x: Axis(label: axes.x.value, log10: axes.logX),
            y: Axis(label: axes.y.value, log10: axes.logY), series: series,
            caption: [
              "\(drawn) of \(table.rowCount) rows"
                + (left > 0
                  ? "; \(left) left out: no value of \(axes.y.value) or \(axes.x.value)\(axes.logX || axes.logY ? ", or one not positive on a log axis" : "")"
                  : "")
            ])),
        .table(
          DataTable(
            name: "points",
            columns: [
              DataColumn(table.key), DataColumn("family"), DataColumn(xName, .significant(4)),
              DataColumn(yName, .significant(4)),
            ], rows: rows, displayLimit: 0)),
      ])
  }
}
