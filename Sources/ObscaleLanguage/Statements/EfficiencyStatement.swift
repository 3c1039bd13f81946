internal import ScalingLaws

extension StatementInfo {
  /// `efficiency`: how efficiently each family turns compute into capability.
  static let efficiency = StatementInfo(
    name: "efficiency",
    summary:
      "How efficiently each family turns compute into capability: its offset from the common PC-1 against log FLOPs line, and the outlier models.",
    syntax: "efficiency pca",
    options: [],
    examples: ["caps = pca data", "efficiency caps"],
    completion: .of(.capabilities))
}

/// `efficiency p`: the compute efficiency of a pca result's families.
struct EfficiencyStatement: StatementNode {
  static var info: StatementInfo { .efficiency }

  /// The pca result.
  var analysis: Located<String>

  static func parse(_ parser: inout Parser) throws -> EfficiencyStatement {
    EfficiencyStatement(analysis: try parser.parseName("a pca name after 'efficiency'"))
  }

}

extension Presenter {
  /// The output of `efficiency`: the common line, the families by offset, the outliers.
  func efficiencyOutput(_ efficiency: ComputeEfficiency, of name: String) -> Output {
    var blocks: [Block] = [
      .fields([
        Field(
          "common line",
          .text(
            "PC-1 = \(NumberFormatting.formula(efficiency.slope))·log10 C\(NumberFormatting.formulaTerm(efficiency.intercept))"
          )),
        Field(
          "models", .number(Double(efficiency.models)),
          display: "\(efficiency.models) with known FLOPs"),
        Field(
          "residual sd", .number(efficiency.residualDeviation),
          display: NumberFormatting.significant(efficiency.residualDeviation, 3) + " (PC-1 units)"),
      ]),
      .table(
        DataTable(
          name: "families",
          columns: [
            DataColumn("family"), DataColumn("models", .integer), DataColumn("offset", .fixed(3)),
            DataColumn("compute factor", .significant(3)),
          ],
          rows: efficiency.families.map {
            [
              .text($0.name), .number(Double($0.models)), .number($0.offset),
              .number($0.computeFactor),
            ]
          })),
    ]
    if efficiency.outliers.isEmpty {
      blocks.append(
        .text(
          "no model lies more than \(NumberFormatting.significant(ComputeEfficiency.outlierThreshold, 2)) residual deviations off the line"
        ))
    } else {
      blocks.append(
        .table(
          DataTable(
            name: "outliers",
            columns: [
              DataColumn("model"), DataColumn("family"), DataColumn("residual", .fixed(3)),
              DataColumn("in sd", .fixed(2)),
            ],
            rows: efficiency.outliers.map {
              [.text($0.model), .text($0.family), .number($0.residual), .number($0.standardized)]
            })))
    }
    blocks.append(
      .text(
        "offset: a family's mean distance above the line at equal compute; compute factor 10^(offset / slope): above 1, the family reaches the same PC-1 with that many times less compute"
      ))
    return Output(
      kind: .efficiency, name: nil,
      title: "\(name): compute efficiency of \(efficiency.families.count) families", blocks: blocks)
  }
}

extension EfficiencyStatement: EvaluatedStatement {
  /// Runs `efficiency`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let name = analysis
    let analysis = try environment.pcaResult(name)
    let efficiency: ComputeEfficiency
    do {
      efficiency = try analysis.computeEfficiency()
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: name.range)
    }
    return try Evaluation(
      result: environment.presenter.efficiencyOutput(efficiency, of: name.value), rows: "families",
      provenance: "compute efficiency of '\(name.value)'")
  }
}
