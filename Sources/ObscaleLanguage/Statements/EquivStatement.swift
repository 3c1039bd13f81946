internal import ScalingLaws

extension StatementInfo {
  /// `equiv`: Expresses every model's capability as f-equivalent FLOPs of a reference family.
  static let equiv = StatementInfo(
    name: "equiv",
    summary: "Expresses every model's capability as f-equivalent FLOPs of a reference family.",
    syntax: "equiv fit [reference = family]",
    options: [EquivStatement.Options.reference.info],
    examples: ["equiv f", "equiv f reference = Boreal"],
    completion: .of(.fit))
}

/// `equiv f [reference = family]`.
struct EquivStatement: StatementNode {
  static var info: StatementInfo { .equiv }

  /// The fit.
  var fit: Located<String>
  /// Its options.
  var options: [OptionSetting]

  static func parse(_ parser: inout Parser) throws -> EquivStatement {
    let fit = try parser.parseName("a fit name after 'equiv'")
    return EquivStatement(fit: fit, options: try parser.parseOptions(for: info))
  }

}

extension Environment {
  /// Every model's f-equivalent FLOPs against the fit's reference family.
  fileprivate func equivalence(_ fit: ScalingLawFit, name: String, at range: SourceRange) throws
    -> Output
  {
    guard let equivalence = fit.equivalence else {
      throw EvaluationFailure(
        .invalidValue(
          option: "reference", value: "none", expected: "a reference family", suggestion: nil),
        at: range,
        notes: ["the fit has no reference family; write equiv \(name) reference = <family>"])
    }
    let rows = fit.rows.sorted { $0.capability < $1.capability }
    let cells: [[Cell]] = rows.map { row in
      let x = row.equivalentLog10FLOPs ?? .nan
      return [
        .text(row.model), .text(row.family), .text(row.side.rawValue), .number(row.capability),
        .of(row.flops > 0 ? Elementary.log10(row.flops) : .nan), .of(x), .of(Elementary.pow10(x)),
      ]
    }
    return Output(
      kind: .equiv, name: name, title: "\(name): f-equivalent FLOPs of \(equivalence.family)",
      blocks: [
        .fields(
          [
            Field("reference", .text(equivalence.family)),
            Field(
              "slope", .number(equivalence.slope),
              display: NumberFormatting.significant(equivalence.slope, 5)),
            Field(
              "intercept", .number(equivalence.intercept),
              display: NumberFormatting.significant(equivalence.intercept, 5)),
            Field(
              "regression",
              .text(
                "P = \(NumberFormatting.formula(equivalence.slope))·log10 C\(NumberFormatting.formulaTerm(equivalence.intercept))"
              ),
              display:
                "P = \(NumberFormatting.formula(equivalence.slope))·log10 C\(NumberFormatting.formulaTerm(equivalence.intercept)) over \(equivalence.models.count) models\(Presenter.rSquaredText(equivalence)); C̄ = 10^((P − b_f)/w_f)"
            ),
          ]
            + (equivalence.rSquared.map {
              [Field("R²", .number($0), display: NumberFormatting.fixed($0, 4))]
            } ?? [])),
        .table(
          DataTable(
            name: "equivalence",
            columns: [
              DataColumn("model"), DataColumn("family"), DataColumn("split"),
              DataColumn("capability P", .fixed(3)), DataColumn("log10 FLOPs", .fixed(2)),
              DataColumn("f-equiv log10 FLOPs", .fixed(2)),
              DataColumn("f-equiv FLOPs (1E21)", .scientific(2)),
            ],
            rows: cells)),
      ] + (Presenter.referenceWarning(equivalence).map { [Block.text($0)] } ?? []))
  }
}

extension EquivStatement {
  /// The options of `equiv`, declared once: help, completion and evaluation read them.
  enum Options {
    static let reference = Option(
      "reference", NamesValue(names: .families, syntax: "a family"), default: "the fit's reference",
      summary: "the family whose compute defines the axis")
  }
}

extension EquivStatement: EvaluatedStatement {
  /// Runs `equiv`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let name = fit
    var fit = try environment.fit(name)
    if let reference = OptionSettings(options, .equiv)[EquivStatement.Options.reference] {
      let family = try environment.oneName(
        reference.value, option: "reference", what: "one family")
      do {
        fit = try fit.referenced(to: family)
      } catch let error as ScalingLawsError {
        throw EvaluationFailure(.engine(error), at: reference.value.range)
      }
    }
    return Evaluation(.fit(fit), try environment.equivalence(fit, name: name.value, at: name.range))
  }
}
