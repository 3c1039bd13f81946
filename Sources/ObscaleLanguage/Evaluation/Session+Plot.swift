internal import ScalingLaws

extension Session {
  /// Plots a fit or a pca result.
  func plot(_ value: Value, name: Located<String>, _ options: Options) throws -> Output {
    switch value {
    case .fit(let fit):
      return try plotFit(fit, name: name.value, options)
    case .capabilities(let analysis):
      if let x = options["x"] {
        throw EvaluationFailure(
          .invalidValue(
            option: "x", value: x.value.value.display,
            expected: "no x option: a pca plot is PC-1 against log FLOPs", suggestion: nil),
          at: x.value.range)
      }
      return plotCapabilities(analysis, name: name.value)
    default:
      throw EvaluationFailure(
        .wrongKind(
          name: name.value, expected: "a fit or a pca result", found: value.kindDescription),
        at: name.range)
    }
  }

  /// The fit's points by family and side, and its curve, along the chosen axis.
  private func plotFit(_ fit: ScalingLawFit, name: String, _ options: Options) throws -> Output {
    let equivalence = fit.equivalence
    var axisName = equivalence == nil ? "capability" : "equiv"
    if let x = options["x"] {
      axisName = try choice(x.value, option: "x", among: ["equiv", "capability", "pc1", "flops"])
      if axisName == "equiv", equivalence == nil {
        throw EvaluationFailure(
          .invalidValue(
            option: "x", value: "equiv",
            expected: "capability, pc1 or flops: the fit has no reference family", suggestion: nil),
          at: x.value.range)
      }
    }
    var samples = 25
    if let value = options["samples"] {
      samples = try count(value.value, option: "samples", in: 2...10_000)
    }
    let law = fit.law
    let spec = fit.specification
    let xOf: (FitRow) -> Double
    let axis: Axis
    var curveAt: ((Double) -> Double)?
    switch axisName {
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
    let yLabel =
      spec.target
      + (spec.targetTransforms.isEmpty
        ? "" : " (" + spec.targetTransforms.map(\.name).joined(separator: ", ") + ")")
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
    let xs = fit.rows.map(xOf).filter(\.isFinite)
    var curve: [PlotPoint] = []
    if let curveAt, let low = xs.min(), let high = xs.max() {
      let pad = (high - low) * 0.05
      for k in 0..<samples {
        let x = low - pad + (high - low + 2 * pad) * Double(k) / Double(samples - 1)
        curve.append(PlotPoint(x: x, y: curveAt(x)))
      }
      series.append(PlotSeries(name: "fitted law", style: .line, group: "law", points: curve))
    }
    if axisName == "equiv", let uncertainty = fit.uncertainty, !uncertainty.curve.isEmpty {
      let upper = uncertainty.curve.map { PlotPoint(x: $0.x, y: $0.band.high) }
      let lower = uncertainty.curve.reversed().map { PlotPoint(x: $0.x, y: $0.band.low) }
      let percent = NumberFormatting.significant(uncertainty.level * 100, 3)
      series.insert(
        PlotSeries(
          name: "\(percent)% bootstrap band", style: .band, group: "law", points: upper + lower),
        at: 0)
    }
    let caption =
      [
        LawFormula.text(law),
        "train MSE \(NumberFormatting.scientific(fit.trainErrors.mse, 2)) (\(fit.trainErrors.count) models), test MSE \(NumberFormatting.scientific(fit.testErrors.mse, 2)) (\(fit.testErrors.count) models); filled = train, hollow = test",
      ]
      + (curveAt == nil
        ? [
          "no curve: the law has more than one predictor, so it is not a function of this axis alone"
        ] : [])
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
      ])
  }

  /// PC-1 against log10 FLOPs, with a least-squares line per family.
  private func plotCapabilities(_ analysis: CapabilityAnalysis, name: String) -> Output {
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
      if Set(xs).count >= 2, let line = leastSquaresLine(xs, ys), let low = xs.min(),
        let high = xs.max()
      {
        series.append(
          PlotSeries(
            name: "\(family) fit", style: .line, group: family,
            points: [
              PlotPoint(x: low, y: line.intercept + line.slope * low),
              PlotPoint(x: high, y: line.intercept + line.slope * high),
            ]))
        fitRows.append([
          .text(family), .number(Double(members.count)), .number(line.slope),
          .number(line.intercept), .of(line.r2),
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
}

/// Returns the least-squares line y = a + b·x and its R², or nil when x is constant.
func leastSquaresLine(_ xs: [Double], _ ys: [Double]) -> (
  intercept: Double, slope: Double, r2: Double
)? {
  let n = Double(xs.count)
  let mx = xs.reduce(0, +) / n
  let my = ys.reduce(0, +) / n
  var sxx = 0.0
  var sxy = 0.0
  var syy = 0.0
  for (x, y) in zip(xs, ys) {
    sxx += (x - mx) * (x - mx)
    sxy += (x - mx) * (y - my)
    syy += (y - my) * (y - my)
  }
  guard sxx > 0 else { return nil }
  let slope = sxy / sxx
  return (my - slope * mx, slope, syy > 0 ? sxy * sxy / (sxx * syy) : 1)
}
