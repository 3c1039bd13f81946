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
    examples: ["caps = pca base", "plot caps"],
    completion: .of(.table))
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
}

extension Environment {
}

extension PCAStatement: EvaluatedStatement {
  /// Runs `pca`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let name = table
    let binding = environment.binding
    let progress = environment.progress
    let analysis = try environment.capabilities(
      try environment.table(name), tableName: name.value, Options(options, .pca), progress: progress
    )
    return Evaluation(
      .capabilities(analysis),
      environment.presenter.present(.capabilities(analysis), name: binding, brief: false))
  }
}
