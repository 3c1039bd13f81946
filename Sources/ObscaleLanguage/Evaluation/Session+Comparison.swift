internal import ScalingLaws

extension Session {
  /// Several laws on one f-equivalent FLOPs axis (algorithm.md §11): each fit's models as
  /// points and its law as a line, coloured by fit; each fit is read through its own
  /// reference regression.
  func plotFits(_ fits: [(name: Located<String>, fit: ScalingLawFit)], _ options: Options) throws
    -> Output
  {
    if let x = options["x"] {
      throw EvaluationFailure(
        .invalidValue(
          option: "x", value: x.value.value.display,
          expected: "no x option: several fits share the f-equivalent FLOPs axis", suggestion: nil),
        at: x.value.range)
    }
    let samples =
      try options["samples"].map { try count($0.value, option: "samples", in: 2...10_000) } ?? 25
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

  /// The gap of `other` over `baseline` along f-equivalent FLOPs: both laws and their
  /// difference on a grid over the models of both, with the largest gap and where it is.
  func gap(_ fits: [(name: Located<String>, fit: ScalingLawFit)], _ options: Options) throws
    -> Output
  {
    let samples =
      try options["samples"].map { try count($0.value, option: "samples", in: 2...10_000) } ?? 25
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

  /// Benchmark weights of several laws side by side (algorithm.md §10).
  func weights(_ fits: [(name: Located<String>, fit: ScalingLawFit)]) throws -> Output {
    var table: [String: [Double]] = [:]
    var order: [String] = []
    for (k, entry) in fits.enumerated() {
      let weights: [BenchmarkWeight]
      do {
        weights = try entry.fit.benchmarkWeights()
      } catch let error as ScalingLawsError {
        throw EvaluationFailure(.engine(error), at: entry.name.range)
      }
      for weight in weights {
        if table[weight.benchmark] == nil {
          table[weight.benchmark] = [Double](repeating: .nan, count: fits.count)
          order.append(weight.benchmark)
        }
        table[weight.benchmark]?[k] = weight.weight
      }
    }
    let rows = order.map { benchmark in
      [Cell.text(benchmark)] + (table[benchmark] ?? []).map { Cell.of($0) }
    }
    return Output(
      kind: .weights, name: nil,
      title: "weight of each benchmark in "
        + fits.map { "\($0.name.value) (\($0.fit.specification.target))" }.joined(separator: ", "),
      blocks: [
        .table(
          DataTable(
            name: "weights",
            columns: [DataColumn("benchmark")] + fits.map { DataColumn($0.name.value, .fixed(4)) },
            rows: rows))
      ])
  }

  /// The fit's reference regression, or an error at its name when it has none.
  private func referenced(_ fit: ScalingLawFit, name: Located<String>) throws -> ComputeEquivalence
  {
    guard let equivalence = fit.equivalence else {
      throw EvaluationFailure(
        .invalidValue(
          option: "fit", value: name.value,
          expected: "a fit with a reference family (equiv \(name.value) reference = …)",
          suggestion: nil), at: name.range)
    }
    return equivalence
  }

  /// The f-equivalent FLOPs range of the fits' models, padded by 5%.
  private func range(_ fits: [ScalingLawFit]) -> (Double, Double) {
    let xs = fits.flatMap { $0.rows.compactMap(\.equivalentLog10FLOPs) }.filter(\.isFinite)
    guard let low = xs.min(), let high = xs.max(), high > low else { return (0, 1) }
    let pad = (high - low) * 0.05
    return (low - pad, high + pad)
  }
}
