internal import ScalingLaws

extension StatementInfo {
  /// `gap`: The difference of two laws along f-equivalent FLOPs (docs/LANGUAGE.md, gap): a table and a chart.
  static let gap = StatementInfo(
    name: "gap",
    summary:
      "The difference of two laws along f-equivalent FLOPs (docs/LANGUAGE.md, gap): a table and a chart.",
    syntax: "gap baseline, other [samples = n] [by = family [threshold = gain]]",
    options: [
      GapStatement.Options.samples.info, GapStatement.Options.by.info,
      GapStatement.Options.threshold.info,
    ],
    examples: ["gap fewshot, cot", "gap fewshot, cot by = family"],
    operand: "list of names",
    completion: .of(.fit, lists: true))
}

/// `gap f, g [options]`: the difference of two laws along f-equivalent FLOPs.
struct GapStatement: StatementNode {
  static var info: StatementInfo { .gap }

  /// The baseline, then the other fit.
  var fits: [Located<String>]
  /// Its options.
  var options: [OptionSetting]

  static func parse(_ parser: inout Parser) throws -> GapStatement {
    let fits = try parser.parseNameList(what: "a fit name", minimum: 2)
    if fits.count > 2 {
      throw parser.fail(
        .expected("two fits, the baseline first ('gap f, g')", found: "\(fits.count) names"),
        at: fits[2].range)
    }
    return GapStatement(fits: fits, options: try parser.parseOptions(for: info))
  }

}

extension Environment {
  /// The gap of `other` over `baseline` along f-equivalent FLOPs: both laws and their
  /// difference on a grid over the models of both, with the largest gap and where it is.
  fileprivate func gap(_ fits: [(name: Located<String>, fit: ScalingLawFit)], samples: Int)
    throws -> Output
  {
    let (base, other) = (fits[0], fits[1])
    let baseEquivalence = try referenced(base.fit, name: base.name)
    let otherEquivalence = try referenced(other.fit, name: other.name)
    let (low, high) = range([base.fit, other.fit])
    let grid = (0..<samples).map { low + (high - low) * Double($0) / Double(samples - 1) }
    let baseCurve = grid.map {
      base.fit.law.score(capability: baseEquivalence.capability(log10FLOPs: $0))
    }
    let otherCurve = grid.map {
      other.fit.law.score(capability: otherEquivalence.capability(log10FLOPs: $0))
    }
    let gaps = zip(otherCurve, baseCurve).map { $0 - $1 }
    let widest = gaps.indices.max { abs(gaps[$0]) < abs(gaps[$1]) } ?? 0
    let mean = gaps.reduce(0, +) / Double(gaps.count)
    let label = "\(other.name.value) − \(base.name.value)"
    let fields = [
      Field(
        "largest gap", .number(gaps[widest]),
        display:
          "\(NumberFormatting.significant(gaps[widest], 3)) at 10^\(NumberFormatting.significant(grid[widest], 3)) f-equivalent FLOPs (1E21)"
      ),
      Field(
        "mean gap", .number(mean), display: "\(NumberFormatting.significant(mean, 3)) over the grid"
      ),
      Field(
        "references",
        .text(
          baseEquivalence.family == otherEquivalence.family
            ? baseEquivalence.family : "\(baseEquivalence.family), \(otherEquivalence.family)")),
    ]
    let rows = grid.indices.map { k -> [Cell] in
      [.number(grid[k]), .number(baseCurve[k]), .number(otherCurve[k]), .number(gaps[k])]
    }
    let series = [
      PlotSeries(
        name: "difference " + label, style: .line, group: "law",
        points: grid.indices.map { PlotPoint(x: grid[$0], y: gaps[$0]) })
    ]
    return Output(
      kind: .gap, name: nil,
      title: "gap \(label) along f-equivalent FLOPs of \(baseEquivalence.family)",
      blocks: [
        .fields(fields),
        .table(
          DataTable(
            name: "gap",
            columns: [
              DataColumn("x (log10)", .fixed(2)), DataColumn(base.name.value, .fixed(4)),
              DataColumn(other.name.value, .fixed(4)), DataColumn(label, .fixed(4)),
            ], rows: rows)),
        .plot(
          Plot(
            title: label,
            x: Axis(label: "f-equivalent FLOPs of \(baseEquivalence.family) (1E21)", log10: true),
            y: Axis(label: "gap in score"), series: series,
            caption: [
              "positive: \(other.name.value) scores higher at the same f-equivalent compute"
            ])),
      ])
  }
}

extension Presenter {
  /// The output of `gap f, g by = family`: the families by offset, flagged, and the chart of
  /// every model's gain with the laws' gap.
  func familyGainsOutput(_ gains: FamilyGains, baseline: String, other: String) -> Output {
    let label = "\(other) − \(baseline)"
    let threshold = NumberFormatting.significant(gains.threshold, 3)
    let fields = [
      Field(
        "models", .number(Double(gains.models.count)),
        display: "\(gains.models.count) with both scores, in \(gains.families.count) families"),
      Field(
        "trend start", .of(gains.trendStart),
        display: gains.trendStart.isNaN
          ? "the laws' gap stays below \(threshold) over the models' range"
          : "the laws' gap reaches \(threshold) at 10^\(NumberFormatting.fixed(gains.trendStart, 2)) f-equivalent FLOPs (1E21)"
      ),
      Field(
        "residual sd", .number(gains.residualDeviation),
        display: NumberFormatting.significant(gains.residualDeviation, 3)
          + " (gain − the laws' gap, over all models)"),
    ]
    let rows: [[Cell]] = gains.families.map { family in
      [
        .text(family.name), .number(Double(family.models)), .number(family.offset),
        .of(family.score),
        .text(
          family.start.isNaN
            ? "never"
            : (family.startCensored ? "≤ " : "") + NumberFormatting.fixed(family.start, 2)),
        .of(family.growth), .of(family.trendGrowth), .text(family.flags.joined(separator: ", ")),
      ]
    }
    var series: [PlotSeries] = []
    for family in gains.families {
      series.append(
        PlotSeries(
          name: family.name, style: .points, group: family.name,
          points: gains.models.filter { $0.family == family.name }.map {
            PlotPoint(x: $0.log10FLOPs, y: $0.gain, label: $0.model)
          }))
    }
    if let low = gains.models.first?.log10FLOPs, let high = gains.models.last?.log10FLOPs {
      // The laws' gap, through the models' own trend values (sorted by compute).
      series.append(
        PlotSeries(
          name: "laws' gap", style: .line, group: "law",
          points: gains.models.map { PlotPoint(x: $0.log10FLOPs, y: $0.trend) }
            .filter { $0.x >= low && $0.x <= high }))
    }
    let flagged = gains.families.filter { !$0.flags.isEmpty }
    return Output(
      kind: .gap, name: nil, title: "\(label) by family along f-equivalent FLOPs",
      blocks: [
        .fields(fields),
        .table(
          DataTable(
            name: "families",
            columns: [
              DataColumn("family"), DataColumn("models", .integer),
              DataColumn("offset", .fixed(3)), DataColumn("z", .fixed(2)),
              DataColumn("start (log10)"), DataColumn("growth", .fixed(3)),
              DataColumn("trend growth", .fixed(3)), DataColumn("flags"),
            ], rows: rows)),
        .plot(
          Plot(
            title: "\(label) by family", x: Axis(label: "f-equivalent FLOPs (1E21)", log10: true),
            y: Axis(label: "gain in score"), series: series,
            caption: [
              "points: each model's observed gain; line: the two laws' gap along the same axis"
            ])),
        .text(
          "offset: a family's mean gain above the laws' gap at equal compute; z: its modified z-score among the families' offsets, 0.6745·(offset − median)/MAD; start: where its gains first reach \(threshold) (≤: its first model is already above); growth: its gains' slope per decade of compute, beside the trend's over the same range. Flags: earlier / later, |z| > \(NumberFormatting.significant(FamilyGains.offsetThreshold, 2)) with 2+ models (Iglewicz & Hoaglin); slower, growth under half the trend's where the trend grows, with \(FamilyGains.growthMinimum)+ models past its start"
            + (flagged.isEmpty ? ". No family is flagged." : ".")),
      ])
  }
}

extension GapStatement {
  /// The options of `gap`, declared once: help, completion and evaluation read them.
  enum Options {
    static let samples = Option(
      "samples", CountValue(range: 2...10_000, defaultValue: 25), default: "25",
      summary: "points along the axis")
    static let by = Option(
      "by", WordValue(["family"], syntax: "family"), default: "the laws only",
      summary:
        "each family's observed gains against the laws' gap: offset, start, growth, and the families that gain earlier, later or slower"
    )
    static let threshold = Option(
      "threshold", PositiveValue(defaultValue: 0.1, syntax: "a gain in the target's units"),
      default: "0.1", summary: "with by = family, the gain whose first crossing is a family's start"
    )
  }
}

extension GapStatement {
  /// The options of one `gap`, decoded and checked before any work.
  struct Settings {
    /// With `by = family`, the gain whose first crossing is a family's start; nil: the laws'
    /// gap only.
    var familyThreshold: Double?
    /// Points along the axis.
    var samples: Int

    /// Decodes `options`; a threshold without `by = family` is an error.
    init(decoding options: OptionSettings, in environment: Environment) throws {
      samples = try environment.value(Options.samples, of: options)
      if try environment.given(Options.by, of: options) != nil {
        familyThreshold = try environment.value(Options.threshold, of: options)
      } else if let threshold = options[Options.threshold] {
        throw EvaluationFailure.invalid(threshold, expected: "no threshold without by = family")
      }
    }
  }
}

extension GapStatement: EvaluatedStatement {
  /// Runs `gap`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let names = fits
    let settings = try Settings(decoding: OptionSettings(options, .gap), in: environment)
    let fits = try names.map { (name: $0, fit: try environment.fit($0)) }
    if let threshold = settings.familyThreshold {
      _ = try environment.referenced(fits[0].fit, name: fits[0].name)
      _ = try environment.referenced(fits[1].fit, name: fits[1].name)
      let gains: FamilyGains
      do {
        gains = try ScalingLawFit.familyGains(
          baseline: fits[0].fit, other: fits[1].fit, threshold: threshold)
      } catch let error as ScalingLawsError {
        throw EvaluationFailure(.engine(error), at: names[1].range)
      }
      return try Evaluation(
        result: environment.presenter.familyGainsOutput(
          gains, baseline: names[0].value, other: names[1].value), rows: "families",
        provenance: "gap of \(names[1].value) over \(names[0].value) by family")
    }
    return try Evaluation(
      result: try environment.gap(fits, samples: settings.samples), rows: "gap",
      provenance: "gap of \(names[1].value) over \(names[0].value)")
  }
}
