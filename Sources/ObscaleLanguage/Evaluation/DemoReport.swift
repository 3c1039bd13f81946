public import ScalingLaws

/// The whole analysis on the embedded demo data, as plain text: what `obscale demo` prints.
///
/// Sections: the data, the principal capabilities (imputation, explained variance, loadings),
/// a fitted law with its per-model predictions next to the compute baseline, the
/// chain-of-thought pair, and f-equivalent FLOPs. Every section is computed by the engine;
/// this type only arranges the text. It will give way to a demo script once the language
/// exists.
public struct DemoReport: Sendable {
  /// The data set reported on.
  public var data: DemoData
  /// The reference family for f-equivalent FLOPs.
  public var referenceFamily: String = "Atlas"
  /// The downstream task fitted in the main section.
  public var task: String = "emergent_task"

  /// Creates a report on `data`.
  public init(data: DemoData = .generate()) {
    self.data = data
  }

  /// Runs the analysis and returns the report.
  ///
  /// - Throws: a `ScalingLawsError` if any engine step fails (it does not on the demo data).
  public func render() throws -> String {
    var out: [String] = []
    let base = data.base
    let joined = try base.innerJoined(with: data.tasks).table
    out.append("obscale demo — observational scaling laws on \(DemoData.provenance)")
    out.append("")
    out += dataSection(base)
    out += try capabilitiesSection(base)
    out += try lawSection(joined)
    out += try chainOfThoughtSection(joined)
    return out.joined(separator: "\n")
  }

  /// Summarizes rows, families, benchmarks, compute range and missing cells.
  private func dataSection(_ base: ScoreTable) -> [String] {
    var lines = ["DATA"]
    let flops = (try? base.numbers(ScoreTable.flopsColumn)) ?? []
    let known = flops.filter { !$0.isNaN }
    let low = known.min() ?? .nan
    let high = known.max() ?? .nan
    let families = base.familyNames
    let noCompute = Set(zip(base.families ?? [], flops).filter { $0.1.isNaN }.map(\.0)).sorted()
    lines.append("  \(base.rowCount) models in \(families.count) families, \(base.metricNames.count) benchmarks, \(data.tasks.columnNames.count - 1) downstream tasks")
    lines.append("  FLOPs (1E21): \(NumberFormatting.significant(low, 3)) to \(NumberFormatting.significant(high, 3)) (\(NumberFormatting.fixed(_log10(high / low), 1)) orders of magnitude); no FLOPs published for \(noCompute.joined(separator: ", "))")
    let missing = base.columns.filter { $0.isNumeric && base.metricNames.contains($0.name) && $0.missingCount > 0 }
    lines.append("  missing cells: " + missing.map { "\($0.name) \($0.missingCount)" }.joined(separator: ", "))
    lines.append("")
    return lines
  }

  /// Imputation, explained variance and loadings on all models.
  private func capabilitiesSection(_ base: ScoreTable) throws -> [String] {
    var lines = ["PRINCIPAL CAPABILITIES (all models; imputation k = 1, clip [0, 1]; PCA of 8 benchmarks)"]
    let benchmarks = FitSpecification.paperBenchmarks
    let x = Matrix(columns: try benchmarks.map { try base.numbers($0) })
    let (imputer, filled) = try PCAImputer.fit(x, columnNames: benchmarks)
    let report = imputer.report
    lines.append("  imputation: \(report.missingCells) cells in \(report.rounds) rounds, \(report.converged ? "converged" : "NOT converged") (last change \(NumberFormatting.scientific(report.lastChange)))")
    var rows: [[String]] = []
    let models = base.models
    for cell in data.truth.hiddenCells {
      guard let i = models.firstIndex(of: cell.model), let j = benchmarks.firstIndex(of: cell.benchmark) else { continue }
      rows.append([cell.model, cell.benchmark, NumberFormatting.fixed(filled[i, j]), NumberFormatting.fixed(cell.value)])
    }
    lines.append(TextTable(header: ["model", "benchmark", "imputed", "hidden truth"], rows: rows).render(indent: 4))
    let pca = try PrincipalComponents.fit(filled, components: 5, columnNames: benchmarks)
    let ratios = pca.explainedVarianceRatio
    var cumulative = 0.0
    let varianceRows = ratios.enumerated().map { k, ratio in
      cumulative += ratio
      return ["PC-\(k + 1)", NumberFormatting.fixed(ratio), NumberFormatting.percent(cumulative)]
    }
    lines.append("  explained variance:")
    lines.append(TextTable(header: ["component", "ratio", "cumulative"], rows: varianceRows).render(indent: 4))
    lines.append("  loadings:")
    let loadingRows = benchmarks.enumerated().map { t, name in
      [name] + (0..<3).map { NumberFormatting.fixed(pca.components[$0, t], 3) }
    }
    lines.append(TextTable(header: ["benchmark", "PC-1", "PC-2", "PC-3"], rows: loadingRows).render(indent: 4))
    lines.append("")
    return lines
  }

  /// The main law, its predictions and the compute baseline.
  private func lawSection(_ joined: ScoreTable) throws -> [String] {
    var spec = FitSpecification(target: task, referenceFamily: referenceFamily)
    let fit = try ScalingLawFit.fit(joined, spec)
    spec.predictors = .logFLOPs
    let baseline = try ScalingLawFit.fit(joined, spec)
    var lines = ["LAW: \(task) ~ \(fit.specification.predictors.description); split \(fit.specification.split.description); \(fit.law.form.rawValue), least squares"]
    lines.append("  " + LawFormula.text(fit.law))
    lines.append("  solver: \(fit.law.solver.termination.message); \(fit.law.solver.iterations) iterations, \(fit.law.solver.evaluations) evaluations, train cost \(NumberFormatting.scientific(fit.law.solver.cost, 4))")
    lines.append("  compute baseline: " + LawFormula.text(baseline.law))
    let baselineByModel = Dictionary(uniqueKeysWithValues: baseline.rows.map { ($0.model, $0.predicted) })
    let rows = fit.rows.sorted { ($0.side.rawValue, $0.capability) < ($1.side.rawValue, $1.capability) }.map { row in
      [
        row.model, row.family, row.side.rawValue, NumberFormatting.fixed(row.actual, 3),
        NumberFormatting.fixed(row.predicted, 3), NumberFormatting.fixed(row.residual, 3),
        NumberFormatting.fixed(baselineByModel[row.model] ?? .nan, 3),
        row.flops.isNaN ? "—" : NumberFormatting.fixed(_log10(row.flops), 2),
        NumberFormatting.fixed(row.equivalentLog10FLOPs ?? .nan, 2),
      ]
    }
    lines.append(TextTable(header: ["model", "family", "split", "actual", "PC law", "residual", "FLOPs law", "log10 C", "log10 C̄ (\(referenceFamily))"], rows: rows).render(indent: 4))
    let common = Set(baseline.rows.filter { $0.side == .test }.map(\.model))
    let errorRows: [[String]] = [
      ["PC-1..3", "\(fit.trainErrors.count)", NumberFormatting.scientific(fit.trainErrors.mse), "\(fit.testErrors.count)", NumberFormatting.scientific(fit.testErrors.mse), NumberFormatting.scientific(fit.testErrors.mae), NumberFormatting.scientific(fit.errors(side: .test, models: common).mse)],
      ["log FLOPs", "\(baseline.trainErrors.count)", NumberFormatting.scientific(baseline.trainErrors.mse), "\(baseline.testErrors.count)", NumberFormatting.scientific(baseline.testErrors.mse), NumberFormatting.scientific(baseline.testErrors.mae), NumberFormatting.scientific(baseline.errors(side: .test, models: common).mse)],
    ]
    lines.append("  errors (the baseline drops \(baseline.dropped.count) models without FLOPs; the last column compares both on the \(common.count) test models they share):")
    lines.append(TextTable(header: ["predictors", "train n", "train MSE", "test n", "test MSE", "test MAE", "common test MSE"], rows: errorRows).render(indent: 4))
    if let equivalence = fit.equivalence {
      let sign = equivalence.intercept < 0 ? "−" : "+"
      lines.append("  f-equivalent FLOPs: P = \(NumberFormatting.significant(equivalence.slope, 4))·log10 C \(sign) \(NumberFormatting.significant(abs(equivalence.intercept), 4)) over \(equivalence.models.count) \(equivalence.family) models")
    }
    let weights = try fit.benchmarkWeights()
    lines.append("  benchmark weights (w·γ): " + weights.map { "\($0.benchmark) \(NumberFormatting.fixed($0.weight, 3))" }.joined(separator: ", "))
    lines.append("")
    return lines
  }

  /// The same models with and without chain-of-thought, on one f-equivalent FLOPs axis.
  private func chainOfThoughtSection(_ joined: ScoreTable) throws -> [String] {
    var lines = ["POST-TRAINING: gsm_fewshot vs gsm_cot (PC-1..3 of the 7 non-GSM benchmarks, Huber δ = 1)"]
    var fits: [ScalingLawFit] = []
    for target in ["gsm_fewshot", "gsm_cot"] {
      let spec = FitSpecification(
        target: target, benchmarks: FitSpecification.paperBenchmarks.filter { $0 != "GSM8K" },
        computedComponents: 3, law: LawOptions(loss: .huber(delta: 1)), referenceFamily: referenceFamily)
      fits.append(try ScalingLawFit.fit(joined, spec))
    }
    for fit in fits {
      lines.append("  \(fit.specification.target): \(LawFormula.text(fit.law)); train MSE \(NumberFormatting.scientific(fit.trainErrors.mse)), test MSE \(NumberFormatting.scientific(fit.testErrors.mse))")
    }
    var rows: [[String]] = []
    for x in stride(from: -1.0, through: 4.0, by: 1.0) {
      let values = fits.map { fit -> Double in
        guard let equivalence = fit.equivalence else { return .nan }
        return fit.law.score(capability: equivalence.capability(log10FLOPs: x))
      }
      rows.append([NumberFormatting.fixed(x, 1), NumberFormatting.fixed(values[0], 3), NumberFormatting.fixed(values[1], 3), NumberFormatting.fixed(values[1] - values[0], 3)])
    }
    lines.append("  along f-equivalent FLOPs of \(referenceFamily) (log10 of 1e21 FLOPs):")
    lines.append(TextTable(header: ["log10 C̄", "few-shot", "CoT", "gap"], rows: rows).render(indent: 4))
    return lines
  }
}
