internal import ScalingLaws

extension StatementInfo {
  /// `compare`: Compares fits' errors side by side, also on the test models they share.
  static let compare = StatementInfo(
    name: "compare",
    summary: "Compares fits' errors side by side, also on the test models they share.",
    syntax: "compare fit, fit, ...",
    options: [],
    examples: ["compare f, g"],
    operand: "list of names",
    completion: .of(.fit, lists: true))
}

/// `compare f, g, …`.
struct CompareStatement: StatementNode {
  static var info: StatementInfo { .compare }

  /// The fits.
  var fits: [Located<String>]

  static func parse(_ parser: inout Parser) throws -> CompareStatement {
    CompareStatement(fits: try parser.parseNameList(what: "a fit name", minimum: 1))
  }

}

extension Environment {
  /// Errors of several fits side by side, also over the test models they all share.
  fileprivate func compare(_ fits: [(name: String, fit: ScalingLawFit)]) -> Output {
    var common = Set(fits[0].fit.rows.filter { $0.side == .test }.map(\.model))
    for entry in fits.dropFirst() {
      common.formIntersection(entry.fit.rows.filter { $0.side == .test }.map(\.model))
    }
    let rows: [[Cell]] = fits.map { entry in
      let fit = entry.fit
      let shared = fit.errors(side: .test, models: common)
      return [
        .text(entry.name), .text(fit.specification.target),
        .text(fit.specification.predictors.description), .text(fit.law.form.rawValue),
        .number(Double(fit.trainErrors.count)), .of(fit.trainErrors.mse),
        .number(Double(fit.testErrors.count)), .of(fit.testErrors.mse), .of(fit.testErrors.mae),
        .of(shared.mse),
      ]
    }
    // Errors on different targets are on different scales: a winner is named within a
    // target only.
    var targets: [String] = []
    for entry in fits where !targets.contains(entry.fit.specification.target) {
      targets.append(entry.fit.specification.target)
    }
    var blocks: [Block] = [
      .table(
        DataTable(
          name: "comparison",
          columns: [
            DataColumn("fit"), DataColumn("target"), DataColumn("predictors"), DataColumn("law"),
            DataColumn("train n", .integer), DataColumn("train MSE", .scientific(2)),
            DataColumn("test n", .integer), DataColumn("test MSE", .scientific(2)),
            DataColumn("test MAE", .scientific(2)), DataColumn("common test MSE", .scientific(2)),
          ],
          rows: rows))
    ]
    if targets.count > 1 {
      blocks.append(
        .text(
          "warning: these fits predict different targets (\(targets.joined(separator: ", "))), whose errors are not comparable; the lowest test MSE is named within each target"
        ))
    }
    for target in targets {
      let group = fits.filter { $0.fit.specification.target == target }
      var shared = Set(group[0].fit.rows.filter { $0.side == .test }.map(\.model))
      for entry in group.dropFirst() {
        shared.formIntersection(entry.fit.rows.filter { $0.side == .test }.map(\.model))
      }
      guard group.count > 1, !shared.isEmpty,
        let best = group.min(by: {
          $0.fit.errors(side: .test, models: shared).mse
            < $1.fit.errors(side: .test, models: shared).mse
        })
      else { continue }
      let scope = targets.count > 1 ? " of \(target)" : ""
      let lowest = best.fit.errors(side: .test, models: shared).mse
      // Fits whose errors tie (to 1e-12, relative) have no winner.
      let tied = group.filter {
        abs($0.fit.errors(side: .test, models: shared).mse - lowest)
          <= 1e-12 * max(abs(lowest), .leastNormalMagnitude)
      }
      if tied.count > 1 {
        blocks.append(
          .text(
            "no lowest test MSE\(scope) on the \(shared.count) test models the fits share: \(tied.map(\.name).joined(separator: ", ")) tie at \(NumberFormatting.scientific(lowest, 3))"
          ))
        continue
      }
      blocks.append(
        .text(
          "lowest test MSE\(scope) on the \(shared.count) test models \(group.count == fits.count ? "all" : "these") fits share: \(best.name)"
        ))
    }
    return Output(
      kind: .compare, title: "comparison of " + fits.map(\.name).joined(separator: ", "),
      blocks: blocks)
  }
}

extension CompareStatement: EvaluatedStatement {
  /// Runs `compare`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let names = fits
    let fits = try names.map { (name: $0.value, fit: try environment.fit($0)) }
    return try Evaluation(
      result: environment.compare(fits), rows: "comparison",
      provenance: "comparison of " + names.map(\.value).joined(separator: ", "))
  }
}
