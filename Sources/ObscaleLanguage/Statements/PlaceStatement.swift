internal import ScalingLaws

extension StatementInfo {
  /// `place`: other tables' models on the principal capabilities of a pca result.
  static let place = StatementInfo(
    name: "place",
    summary:
      "Places other tables' models (instruction-tuned, API, your own) on the principal capabilities of a pca result, fitted on its models and applied unchanged: one scale for all.",
    syntax: "place pca on table, table ... [reference = family]",
    options: [PlaceStatement.Options.reference.info],
    examples: [
      "base = load demo base", "caps = pca base",
      "instruct = load demo tasks", "place caps on base reference = Atlas",
    ],
    operand: "pca name, 'on' and the tables to place",
    completion: StatementCompletion(
      subject: .bound([.capabilities]),
      connectives: [.init(word: "on", then: .bound([.table]), repeats: true, required: true)]))
}

/// `place p on t, … [reference = family]`.
struct PlaceStatement: StatementNode {
  static var info: StatementInfo { .place }

  /// The pca result whose components are the scale.
  var analysis: Located<String>
  /// The tables whose models are placed.
  var tables: [Located<String>]
  /// Its options.
  var options: [OptionSetting]

  static func parse(_ parser: inout Parser) throws -> PlaceStatement {
    let analysis = try parser.parseName("a pca name after 'place'")
    try parser.expectWord("on")
    let tables = try parser.parseNameList(what: "a table name", minimum: 1)
    return PlaceStatement(
      analysis: analysis, tables: tables, options: try parser.parseOptions(for: info))
  }

}

extension Presenter {
  /// The output of `place`: every model by PC-1, with its origin and f-equivalent compute, and
  /// the chart of all of them on the one axis.
  func scaleOutput(_ scale: CapabilityScale, of name: String) -> Output {
    let ordered = scale.entries.indices.sorted {
      scale.entries[$0].scores[0] > scale.entries[$1].scores[0]
    }
    let origins = scale.entries.reduce(into: [String]()) { list, entry in
      if !list.contains(entry.origin) { list.append(entry.origin) }
    }
    // A placed model that is one of the pca's own is listed twice: marked, and counted apart.
    let own = Set(scale.entries.filter { $0.origin == "base" }.map(\.model))
    let isRepeat = { (entry: CapabilityScale.Entry) in
      entry.origin != "base" && own.contains(entry.model)
    }
    var fields = [
      Field(
        "models", .number(Double(scale.entries.count)),
        display: origins.map { origin in
          let entries = scale.entries.filter { $0.origin == origin }
          let repeats = entries.filter(isRepeat).count
          return "\(entries.count) \(origin)"
            + (repeats > 0 ? " (\(repeats) of them the pca's own, listed again)" : "")
        }.joined(separator: ", "))
    ]
    if let line = scale.referenceLine {
      fields.append(
        Field(
          "reference",
          .text(scale.reference),
          display:
            "\(scale.reference): PC-1 = \(NumberFormatting.formula(line.slope))·log10 C\(NumberFormatting.formulaTerm(line.intercept)) over \(line.models) models"
        ))
    } else {
      fields.append(
        Field(
          "reference", .text(scale.reference),
          display:
            "\(scale.reference): fewer than two models with distinct FLOPs, so PC-1 is not read as compute"
        ))
    }
    let imputed = scale.entries.filter { $0.imputed > 0 && $0.origin != "base" }
    if !imputed.isEmpty {
      fields.append(
        Field(
          "imputed", .number(Double(imputed.count)),
          display:
            "\(imputed.count) placed model\(imputed.count == 1 ? "" : "s") with cells filled by the pca's own imputer (the imputed column counts them)"
        ))
    }
    let components = min(3, scale.entries.first?.scores.count ?? 0)
    var columns = [DataColumn("model"), DataColumn("family"), DataColumn("origin")]
    columns += (0..<components).map { DataColumn("PC-\($0 + 1)", .fixed(3)) }
    columns += [
      DataColumn("f-equiv log10 FLOPs", .fixed(2)), DataColumn("log10 FLOPs", .fixed(2)),
      DataColumn("imputed", .integer),
    ]
    let rows: [[Cell]] = ordered.map { index in
      let entry = scale.entries[index]
      return [
        .text(entry.model), .text(entry.family),
        .text(isRepeat(entry) ? entry.origin + ", in pca" : entry.origin),
      ]
        + (0..<components).map { .number(entry.scores[$0]) }
        + [
          .of(entry.equivalentLog10FLOPs),
          .of(entry.flops > 0 ? Elementary.log10(entry.flops) : .nan),
          .number(Double(entry.imputed)),
        ]
    }
    // The chart: every model at its PC-1, ranked bottom (lowest) to top, one colour per origin.
    var rank: [Int: Int] = [:]
    for (position, index) in ordered.reversed().enumerated() { rank[index] = position + 1 }
    let series = origins.map { origin in
      PlotSeries(
        name: origin, style: origin == "base" ? .points : .hollowPoints, group: origin,
        points: scale.entries.indices.filter { scale.entries[$0].origin == origin }.map {
          PlotPoint(
            x: scale.entries[$0].scores[0], y: Double(rank[$0] ?? 0),
            label: scale.entries[$0].model)
        })
    }
    var blocks: [Block] = [
      .fields(fields),
      .table(DataTable(name: "scale", columns: columns, rows: rows)),
      .plot(
        Plot(
          title:
            "\(name): PC-1 of \(scale.entries.filter { $0.origin == "base" }.count) base models",
          x: Axis(label: "PC-1"), y: Axis(label: "rank by PC-1 (1 = lowest)"), series: series,
          caption: [
            "filled: the pca's own models; hollow: placed from "
              + origins.dropFirst().joined(separator: ", ")
          ], markers: ("fitted on", "placed"))),
    ]
    blocks += Self.leftOut(scale)
    return Output(
      kind: .scale, name: nil,
      title:
        "\(name): \(scale.entries.count) models on the principal capabilities of its \(scale.entries.filter { $0.origin == "base" }.count)",
      blocks: blocks)
  }

  /// The notes on the placed models left out: those lacking some benchmarks (no imputation),
  /// and those with none of them.
  private static func leftOut(_ scale: CapabilityScale) -> [Block] {
    var blocks: [Block] = []
    let none = scale.dropped.filter { $0.missing.count == scale.benchmarks.count }
    let some = scale.dropped.filter { $0.missing.count < scale.benchmarks.count }
    if !some.isEmpty {
      blocks.append(
        .text(
          "left out (no imputation): "
            + some.map { "\($0.model) (lacks \($0.missing.joined(separator: ", ")))" }
            .joined(separator: "; ")))
    }
    if !none.isEmpty {
      blocks.append(
        .text(
          "left out, \(none.count) model\(none.count == 1 ? "" : "s") with none of the \(scale.benchmarks.count) benchmarks (nothing to place \(none.count == 1 ? "it" : "them") by): "
            + elide(none.map { $0.model })))
    }
    return blocks
  }
}

extension PlaceStatement {
  /// The options of `place`, declared once: help, completion and evaluation read them.
  enum Options {
    static let reference = Option(
      "reference", NamesValue(names: .families, syntax: "a family of the pca's table"),
      default: "Llama-2 (Atlas on the demo data)",
      summary:
        "the family whose PC-1 against log10 FLOPs reads each model's PC-1 as f-equivalent compute",
      answersFor: [.kind(.unknownFamily)])
  }
}

extension PlaceStatement: EvaluatedStatement {
  /// Runs `place`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let name = analysis
    let analysis = try environment.pcaResult(name)
    let settings = OptionSettings(options, .place)
    // As fit's default: Llama-2, or Atlas, its stand-in in the demo data.
    var reference =
      FitSpecification.defaultReference(among: analysis.families)
      ?? FitSpecification.defaultReferences[0]
    if let setting = settings[PlaceStatement.Options.reference] {
      reference = try environment.oneName(setting.value, option: "reference", what: "one family")
    }
    var placed: [(name: String, table: ScoreTable)] = []
    for table in tables {
      // The pca's own models are "base" on the scale; a table of that name is told apart.
      placed.append(
        (table.value == "base" ? "base (placed)" : table.value, try environment.table(table)))
    }
    let scale: CapabilityScale
    do {
      scale = try analysis.scale(placing: placed, reference: reference)
    } catch let error as ScalingLawsError {
      if case .unknownColumn = error {
        // A table lacks one of the pca's benchmarks: point at the first that does.
        let culprit = placed.indices.first { index in
          !analysis.benchmarks.allSatisfy(placed[index].table.hasColumn)
        }.map { tables[$0] }
        throw EvaluationFailure(
          .engine(error), at: (culprit ?? name).range,
          notes: [
            "the pca's benchmarks are \(analysis.benchmarks.joined(separator: ", ")); rename a table's columns to match (rename t Winogrande to Winograd)"
          ])
      }
      if let setting = settings.owner(of: error) {
        throw EvaluationFailure(.engine(error), at: setting.value.range)
      }
      throw EvaluationFailure(.engine(error), at: name.range)
    }
    return try Evaluation(
      result: environment.presenter.scaleOutput(scale, of: name.value), rows: "scale",
      provenance: "models placed on '\(name.value)'")
  }
}
