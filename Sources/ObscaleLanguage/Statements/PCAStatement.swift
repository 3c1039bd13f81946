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

/// `pca t [options]`.
struct PCAStatement: StatementNode {
  static var info: StatementInfo { .pca }

  /// The table.
  var table: Located<String>
  /// Its options.
  var options: [OptionSetting]

  static func parse(_ parser: inout Parser) throws -> PCAStatement {
    let table = try parser.parseName("a table name after 'pca'")
    return PCAStatement(table: table, options: try parser.parseOptions(for: info))
  }

  func evaluate(
    in session: inout Session, statement: Statement, binding: String?,
    progress: (String) -> Void
  ) throws -> Evaluation {
    try session.evaluatePca(
      table, options: options, statement: statement, binding: binding, progress: progress)
  }
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

  /// The principal capabilities of `table` with the `benchmarks`, `impute` and `components`
  /// options of `options` (the engine's pipeline, ``CapabilityAnalysis/analyze``).
  func capabilities(
    _ table: ScoreTable, tableName: String, _ options: Options, progress: (String) -> Void
  ) throws -> CapabilityAnalysis {
    let benchmarks = try self.benchmarks(options, table: table, tableName: tableName, at: .none)
    let settings = try imputation(options["impute"]?.value)
    announce(table.rowCount, benchmarks.count, "imputing and decomposing", progress)
    return try CapabilityAnalysis.analyze(table, benchmarks: benchmarks, imputation: settings) {
      available in
      guard let value = options["components"] else { return min(5, available) }
      return try count(value.value, option: "components", in: 1...max(1, available))
    }
  }
}
