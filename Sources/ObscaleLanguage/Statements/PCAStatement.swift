internal import ScalingLaws

extension StatementInfo {
  /// `pca`: Extracts principal capabilities: explained variance, loadings and each model's scores.
  static let pca = StatementInfo(
    name: "pca",
    summary:
      "Extracts principal capabilities: explained variance, loadings and each model's scores.",
    syntax: "name = pca table [options]",
    options: [
      PCAStatement.Options.benchmarks.info, PCAStatement.Options.components.info,
      PCAStatement.Options.impute.info,
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

extension PCAStatement {
  /// The options of `pca`, declared once: help, completion and evaluation read them.
  enum Options {
    /// The three, as the capability analysis reads them.
    static let capability = CapabilityOptions(
      benchmarks: benchmarks, components: components, impute: impute)
    static let benchmarks = Option(
      "benchmarks", NamesValue(names: .columns, syntax: "a list of columns"),
      default: "the paper's eight", summary: "the benchmark columns")
    static let components = Option(
      "components",
      CountValue(range: 1...Int.max, defaultValue: CapabilityOptions.computedComponents),
      summary: "components to compute")
    static let impute = Option.impute(
      summary: "impute missing cells first; no drops incomplete rows")
  }
}

extension PCAStatement: EvaluatedStatement {
  /// Runs `pca`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let name = table
    let binding = environment.binding
    let progress = environment.progress
    let table = try environment.table(name)
    let settings = try CapabilitySettings(
      decoding: OptionSettings(options, .pca), reading: PCAStatement.Options.capability,
      table: table, tableName: name.value, in: environment)
    let analysis = try environment.capabilities(table, settings, progress: progress)
    return Evaluation(
      .capabilities(analysis),
      environment.presenter.present(.capabilities(analysis), name: binding, brief: false))
  }
}
