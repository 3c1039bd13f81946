internal import ScalingLaws

extension StatementInfo {
  /// `pca`: Extracts principal capabilities: explained variance, loadings and each model's scores.
  static let pca = StatementInfo(
    name: "pca",
    summary:
      "Extracts principal capabilities: explained variance, loadings and each model's scores.",
    syntax: "name = pca table [options]",
    options: [
      OptionInfo(
        name: "benchmarks", values: "a list of columns", defaultValue: "the paper's eight",
        summary: "the benchmark columns", accepts: .names(.columns)),
      OptionInfo(
        name: "components", values: "a count", defaultValue: "5", summary: "components to compute"
      ),
      OptionInfo(
        name: "impute", values: "yes, no, or a component count",
        defaultValue: "yes (1 component)",
        summary: "impute missing cells first; no drops incomplete rows",
        accepts: .words(["yes", "no"])),
    ],
    examples: ["caps = pca base", "plot caps"])
}

extension Session {
  /// Runs `pca`.
  mutating func evaluatePca(
    _ name: Located<String>, options: [OptionSetting], statement: Statement, binding: String?,
    progress: (String) -> Void
  ) throws -> Evaluation {
    let analysis = try capabilities(
      try self.table(name), tableName: name.value, Options(options, .pca), progress: progress)
    return Evaluation(
      .capabilities(analysis),
      presenter.present(.capabilities(analysis), name: binding, brief: false))
  }

  /// Imputes (or drops incomplete rows) and extracts principal components.
  func capabilities(
    _ table: ScoreTable, tableName: String, _ options: Options, progress: (String) -> Void
  ) throws -> CapabilityAnalysis {
    let benchmarks = try self.benchmarks(options, table: table, tableName: tableName, at: .none)
    let settings = try imputation(options["impute"]?.value)
    var x = Matrix(columns: try benchmarks.map { try table.numbers($0) })
    var rows = Array(0..<table.rowCount)
    var imputer: PCAImputer?
    var cells: [ImputedCell] = []
    var dropped: [String] = []
    let models = table.models
    announce(x.rows, x.columns, "imputing and decomposing", progress)
    if let settings {
      let (fitted, filled) = try PCAImputer.fit(x, columnNames: benchmarks, settings: settings)
      for j in 0..<x.columns {
        for i in 0..<x.rows where x[i, j].isNaN {
          cells.append(ImputedCell(model: models[i], benchmark: benchmarks[j], value: filled[i, j]))
        }
      }
      imputer = fitted
      x = filled
    } else {
      rows = rows.filter { i in (0..<x.columns).allSatisfy { !x[i, $0].isNaN } }
      dropped = Set(0..<table.rowCount).subtracting(rows).sorted().map { models[$0] }
      x = x.selecting(rows: rows)
      guard !rows.isEmpty else {
        throw ScalingLawsError.noRowsLeft(operation: "dropping rows with missing benchmarks")
      }
    }
    let available = min(x.rows, x.columns)
    var k = min(5, available)
    if let value = options["components"] {
      k = try count(value.value, option: "components", in: 1...max(1, available))
    }
    let components = try PrincipalComponents.fit(x, components: k, columnNames: benchmarks)
    let families = table.families ?? [String](repeating: "", count: table.rowCount)
    let flops =
      table.hasColumn(ScoreTable.flopsColumn)
      ? try table.numbers(ScoreTable.flopsColumn) : [Double](repeating: .nan, count: table.rowCount)
    return CapabilityAnalysis(
      benchmarks: benchmarks, components: components, imputation: imputer, imputedCells: cells,
      dropped: dropped,
      models: rows.map { models[$0] }, families: rows.map { families[$0] },
      flops: rows.map { flops[$0] },
      scores: components.transform(x))
  }
}
