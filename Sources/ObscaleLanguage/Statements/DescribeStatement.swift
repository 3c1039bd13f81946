internal import ScalingLaws

extension StatementInfo {
  /// `describe`: Summarizes a table, or one of its columns.
  static let describe = StatementInfo(
    name: "describe",
    summary:
      "Summarizes a table (rows, families, FLOPs range, missing cells per column), or one column: its count, missing cells, mean, spread and quartiles, or its most common texts.",
    syntax: "describe table [column]",
    options: [],
    examples: ["describe base", "describe base MMLU"],
    completion: StatementCompletion(subject: .bound([.table]), form: .columns))
}

/// `describe t [column]`.
struct DescribeStatement: StatementNode {
  static var info: StatementInfo { .describe }

  /// The table.
  var table: Located<String>
  /// The column described, if one.
  var column: Located<String>?

  static func parse(_ parser: inout Parser) throws -> DescribeStatement {
    let table = try parser.parseName("a table name after 'describe'")
    var column: Located<String>?
    switch parser.current.kind {
    case .word, .quotedName: column = try parser.parseName("a column to describe")
    default: break
    }
    return DescribeStatement(table: table, column: column)
  }
}

extension Presenter {
  /// One column of a table: how many values, and their distribution (numbers) or most
  /// common texts.
  func describe(_ column: ScoreColumn, of table: ScoreTable, name: String) -> Output {
    var fields = [
      Field("rows", .number(Double(table.rowCount))),
      Field("missing", .number(Double(column.missingCount))),
    ]
    var blocks: [Block] = []
    switch column.values {
    case .numbers(let all):
      let rows = all.indices.filter { !all[$0].isNaN }
      let values = rows.map { all[$0] }.sorted()
      guard !values.isEmpty else {
        return Output(
          kind: .describe, name: nil, title: "\(name): \(column.name), no values",
          blocks: [.fields(fields)])
      }
      let n = Double(values.count)
      let mean = values.reduce(0, +) / n
      let variance =
        values.count > 1
        ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) : .nan
      // Quantiles by linear interpolation between order statistics (Hyndman & Fan's type 7,
      // the default of R and NumPy, as the bootstrap's percentiles).
      func quantile(_ p: Double) -> Double { BootstrapBands.quantile(values, p) }
      let lowest = rows.min { all[$0] < all[$1] }!
      let highest = rows.max { all[$0] < all[$1] }!
      fields += [
        Field("mean", .number(mean)), Field("sd", .of(variance.squareRoot())),
        Field(
          "min", .number(values[0]),
          display: "\(NumberFormatting.significant(values[0], 6)) (\(table.models[lowest]))"),
        Field("25%", .number(quantile(0.25))), Field("median", .number(quantile(0.5))),
        Field("75%", .number(quantile(0.75))),
        Field(
          "max", .number(values[values.count - 1]),
          display:
            "\(NumberFormatting.significant(values[values.count - 1], 6)) (\(table.models[highest]))"
        ),
      ]
      if column.name == ScoreTable.flopsColumn {
        blocks.append(.text("in units of 10²¹ FLOPs"))
      }
    case .text(let texts):
      var counts: [String: Int] = [:]
      for text in texts where !text.isEmpty { counts[text, default: 0] += 1 }
      fields.append(Field("distinct", .number(Double(counts.count))))
      let common = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      blocks.append(
        .table(
          DataTable(
            name: "values", columns: [DataColumn("value"), DataColumn("rows", .integer)],
            rows: common.map { [.text($0.key), .number(Double($0.value))] },
            displayLimit: min(10, common.count))))
    }
    return Output(
      kind: .describe, name: nil,
      title: "\(name): \(column.name), \(table.rowCount - column.missingCount) values",
      blocks: [.fields(fields)] + blocks)
  }
}

extension DescribeStatement: EvaluatedStatement {
  /// Runs `describe`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let name = table
    let table = try environment.table(name)
    if let column {
      try environment.requireColumn(
        column.value, in: table, tableName: name.value, at: column.range)
      return Evaluation(
        nil,
        environment.presenter.describe(
          try table.column(named: column.value), of: table, name: name.value))
    }
    return Evaluation(.table(table), environment.presenter.describe(table, name: name.value))
  }
}
