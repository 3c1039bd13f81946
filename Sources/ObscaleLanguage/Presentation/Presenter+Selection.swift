internal import ScalingLaws

extension Presenter {
  /// The output of a selection: the search, then one row per budget.
  func selectionOutput(_ analysis: SelectionAnalysis, name: String?) -> Output {
    let selection = analysis.selection
    var fields = [
      Field(
        "candidates", .number(Double(analysis.candidates)),
        display:
          "\(analysis.candidates) models in \(selection.families.count) families of '\(analysis.table)'"
      ),
      Field(
        "criterion", .text("V-optimal"),
        display:
          "−trace(G_all · G_sub⁻¹) over PC-1..\(selection.components) of \(analysis.benchmarks.count) benchmarks (higher is better)"
      ),
      Field(
        "forced", .text(selection.forced.joined(separator: ", ")),
        display: selection.forced.isEmpty ? "none" : selection.forced.joined(separator: ", ")),
      Field(
        "families", .number(Double(selection.maxFamilies)),
        display: "at most \(selection.maxFamilies) per subset"),
      Field("search", .text(selection.search.rawValue)),
      Field("subsets scored", .number(Double(selection.subsetsScored))),
    ]
    if !selection.infeasibleBudgets.isEmpty {
      fields.append(
        Field(
          "infeasible budgets",
          .text(selection.infeasibleBudgets.map(String.init).joined(separator: ", "))))
    }
    var columns = [
      DataColumn("budget", .integer), DataColumn("models", .integer), DataColumn("families", .text),
      DataColumn("criterion", .significant(5)),
    ]
    let baselines = Dictionary(
      uniqueKeysWithValues: selection.randomBaselines.map { ($0.budget, $0) })
    if !baselines.isEmpty {
      columns += [
        DataColumn("random median", .significant(5)), DataColumn("random best", .significant(5)),
      ]
    }
    let rows = selection.choices.map { choice -> [Cell] in
      var row: [Cell] = [
        .number(Double(choice.budget)), .number(Double(choice.models.count)),
        .text(choice.families.joined(separator: ", ")), .of(choice.score),
      ]
      if !baselines.isEmpty {
        let baseline = baselines[choice.budget]
        row += [finite(baseline?.median), finite(baseline?.best)]
      }
      return row
    }
    // Every chosen model by budget: in full in JSON and HTML, elided in text.
    let members = selection.choices.flatMap { choice in
      let family = Dictionary(
        zip(analysis.models, analysis.families), uniquingKeysWith: { first, _ in first })
      return choice.models.map {
        [Cell.number(Double(choice.budget)), .text($0), .text(family[$0] ?? "")]
      }
    }
    var blocks: [Block] = [
      .fields(fields), .table(DataTable(name: "choices", columns: columns, rows: rows)),
      .table(
        DataTable(
          name: "chosen models",
          columns: [DataColumn("budget", .integer), DataColumn("model"), DataColumn("family")],
          rows: members, displayLimit: 0)),
    ]
    if !baselines.isEmpty {
      blocks.append(
        .text(
          "random: \(selection.randomBaselines.first?.samples ?? 0) random family subsets per budget (forced families first, then random ones while they fit)"
        ))
    }
    blocks.append(
      .text(
        "fit on a choice with split = subset(\(name ?? "selection"), BUDGET): its models train the law, every other model tests it"
      ))
    let count = selection.choices.count
    let title =
      "\(name.map { $0 + ": " } ?? "")family subsets of \(analysis.table) for \(count) budget\(count == 1 ? "" : "s")"
    return Output(kind: .selection, name: name, title: title, blocks: blocks)
  }

  /// A number cell for a finite value, else missing (a singular random subset scores −∞).
  private func finite(_ value: Double?) -> Cell {
    guard let value, value.isFinite else { return .missing }
    return .number(value)
  }
}
