internal import ScalingLaws

extension StatementInfo {
  /// `impute`: Fills missing benchmark cells by iterative PCA reconstruction (docs/ENGINE.md, one fit).
  static let impute = StatementInfo(
    name: "impute",
    summary:
      "Fills missing benchmark cells by iterative PCA reconstruction (docs/ENGINE.md, one fit).",
    syntax: "name = impute table [options]",
    options: [
      ImputeStatement.Options.benchmarks.info, ImputeStatement.Options.components.info,
      ImputeStatement.Options.tolerance.info, ImputeStatement.Options.rounds.info,
      ImputeStatement.Options.clip.info, ImputeStatement.Options.stopping.info,
    ],
    examples: ["full = impute base", "full = impute base components = 2 clip = none"],
    completion: .of(.table))
}

/// `impute t [options]`.
struct ImputeStatement: StatementNode {
  static var info: StatementInfo { .impute }

  /// The table.
  var table: Located<String>
  /// Its options.
  var options: [OptionSetting]

  static func parse(_ parser: inout Parser) throws -> ImputeStatement {
    let table = try parser.parseName("a table name after 'impute'")
    return ImputeStatement(table: table, options: try parser.parseOptions(for: info))
  }

}

extension Environment {
  /// Fills the missing benchmark cells of `table`.
  fileprivate func impute(
    _ table: ScoreTable, tableName: String, _ decoded: ImputeStatement.Settings,
    progress: (String) -> Void
  ) throws -> (ScoreTable, Output) {
    let (benchmarks, settings) = (decoded.benchmarks, decoded.imputation)
    let x = Matrix(columns: try benchmarks.map { try table.numbers($0) })
    announce(x.rows, x.columns, "imputing", progress)
    let (imputer, filled) = try PCAImputer.fit(x, columnNames: benchmarks, settings: settings)
    var result = table
    for (j, name) in benchmarks.enumerated() {
      result = try result.setting(.numbers(name, filled.column(j)))
    }
    let models = table.models
    var cells: [[Cell]] = []
    for j in 0..<x.columns {
      for i in 0..<x.rows where x[i, j].isNaN {
        cells.append([.text(models[i]), .text(benchmarks[j]), .number(filled[i, j])])
      }
    }
    let report = imputer.report
    let output = Output(
      kind: .imputation,
      title:
        "imputed \(report.missingCells) cells of \(tableName) (\(benchmarks.count) benchmarks, \(settings.components) component\(settings.components == 1 ? "" : "s"))",
      blocks: [
        .fields([
          Field("missing cells", .number(Double(report.missingCells))),
          Field("rounds", .number(Double(report.rounds))),
          Field("converged", .text(report.converged ? "yes" : "no")),
          Field(
            "last change", .number(report.lastChange),
            display: NumberFormatting.scientific(report.lastChange)),
          Field(
            "clip",
            .text(
              settings.clip.map {
                "[\(formatNumber($0.lowerBound)), \(formatNumber($0.upperBound))]"
              } ?? "none")),
        ]),
        .table(
          DataTable(
            name: "imputed",
            columns: [
              DataColumn("model"), DataColumn("benchmark"), DataColumn("imputed", .fixed(4)),
            ], rows: cells, displayLimit: displayRows)),
      ]
        + (report.converged
          ? []
          : [
            .text(
              "warning: the imputation did not converge in \(report.rounds) rounds; raise rounds = … or tolerance = …"
            )
          ]))
    return (result, output)
  }
}

extension ImputeStatement {
  /// The options of `impute`, declared once: help, completion and evaluation read them.
  enum Options {
    static let benchmarks = Option(
      "benchmarks", NamesValue(names: .columns, syntax: "a list of columns"),
      default: "the paper's eight", summary: "the benchmark columns to impute")
    static let components = Option(
      "components", FreeValue(syntax: "a count"), default: "1",
      summary: "principal components in the reconstruction")
    static let tolerance = Option(
      "tolerance", PositiveValue(defaultValue: ImputationSettings().tolerance), default: "1e-4",
      summary: "the convergence tolerance")
    static let rounds = Option(
      "rounds", CountValue(range: 1...10_000_000, defaultValue: ImputationSettings().maxRounds),
      default: "1000", summary: "the most rounds")
    static let clip = Option(
      "clip", IntervalValue(allowsNone: true), default: "[0, 1]",
      summary: "the range imputed cells are clipped to")
    static let stopping = Option(
      "stopping", WordValue(["cells", "reference"], syntax: "cells or reference"), default: "cells",
      summary: "change measured on the missing cells, or the reference's allclose test")
  }
}

extension ImputeStatement {
  /// The options of one `impute`, decoded and checked against the table before imputing.
  struct Settings {
    /// The benchmark columns imputed.
    var benchmarks: [String]
    /// The imputer's settings.
    var imputation: ImputationSettings

    /// Decodes `options` for `table` (named `tableName`).
    init(
      decoding options: OptionSettings, table: ScoreTable, tableName: String,
      in environment: Environment
    ) throws {
      benchmarks = try environment.benchmarks(
        Options.benchmarks, of: options, table: table, tableName: tableName, at: .none)
      imputation = ImputationSettings()
      if let value = options[Options.components] {
        imputation.components = try environment.count(
          value.value, option: "components", in: 1...max(1, benchmarks.count))
      }
      imputation.tolerance = try environment.value(Options.tolerance, of: options)
      imputation.maxRounds = try environment.value(Options.rounds, of: options)
      if let value = options[Options.clip] {
        if case .name("none", false) = value.value.value {
          imputation.clip = nil
        } else {
          imputation.clip = try environment.interval(value.value, option: "clip")
        }
      }
      if let value = options[Options.stopping] {
        imputation.stopping =
          try environment.choice(value.value, option: "stopping", among: ["cells", "reference"])
          == "cells"
          ? .missingCells : .reference
      }
    }
  }
}

extension ImputeStatement: EvaluatedStatement {
  /// Runs `impute`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let name = table
    let progress = environment.progress
    let table = try environment.table(name)
    let settings = try Settings(
      decoding: OptionSettings(options, .impute), table: table, tableName: name.value,
      in: environment)
    let (imputed, output) = try environment.impute(
      table, tableName: name.value, settings, progress: progress)
    return Evaluation(.table(imputed), output)
  }
}
