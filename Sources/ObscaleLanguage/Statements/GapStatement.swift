internal import ScalingLaws

extension StatementInfo {
  /// `gap`: The difference of two laws along f-equivalent FLOPs (algorithm.md §11): a table and a chart.
  static let gap = StatementInfo(
    name: "gap",
    summary:
      "The difference of two laws along f-equivalent FLOPs (algorithm.md §11): a table and a chart.",
    syntax: "gap baseline, other [samples = n]",
    options: [
      OptionInfo(
        name: "samples", values: "a count", defaultValue: "25", summary: "points along the axis",
        kind: .count(2...10_000, default: 25))
    ],
    examples: ["gap fewshot, cot"],
    operand: "list of names")
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

  func evaluate(
    in session: inout Session, statement: Statement, binding: String?,
    progress: (String) -> Void
  ) throws -> Evaluation {
    try session.evaluateGap(
      fits, options: options, statement: statement, binding: binding, progress: progress)
  }
}

extension Session {
  /// Runs `gap`.
  mutating func evaluateGap(
    _ names: [Located<String>], options: [OptionSetting], statement: Statement, binding: String?,
    progress: (String) -> Void
  ) throws -> Evaluation {
    return Evaluation(
      nil, try gap(try names.map { (name: $0, fit: try self.fit($0)) }, Options(options, .gap)))
  }

  /// The gap of `other` over `baseline` along f-equivalent FLOPs: both laws and their
  /// difference on a grid over the models of both, with the largest gap and where it is.
  func gap(_ fits: [(name: Located<String>, fit: ScalingLawFit)], _ options: Options) throws
    -> Output
  {
    let samples =
      try count("samples", of: options)
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
