internal import ScalingLaws

extension StatementInfo {
  /// `compute`: Adds columns computed row by row from a table's columns.
  static let compute = StatementInfo(
    name: "compute",
    summary:
      "Adds columns computed row by row: + - * /, comparisons (1 or 0), log, log10, exp, abs, min, max, rank. A missing value in gives a missing value out.",
    syntax: "name = compute table: column = expression, column = expression, ...",
    options: [],
    examples: [
      "t = compute demo: cot_gain = gsm_cot - gsm_fewshot",
      "t = compute demo: log_flops = log10(`FLOPs (1E21)`) + 21, big = `Model Size (B)` >= 30",
      "t = compute demo: mmlu_rank = rank(MMLU), best = max(MMLU, ARC-C)",
    ],
    operand: "table name, ':' and column = expression",
    completion: StatementCompletion(subject: .bound([.table]), form: .columns))
}

/// `compute t: name = expression, …`: the table with those columns added (or replaced).
struct ComputeStatement: StatementNode {
  static var info: StatementInfo { .compute }

  /// One new column and how each row's value is computed.
  struct Column: Equatable, Sendable {
    /// The column's name.
    var name: Located<String>
    /// Its expression.
    var expression: Located<Arithmetic>
  }

  /// The table.
  var table: Located<String>
  /// The columns, computed in order (a later one may use an earlier one).
  var columns: [Column]

  static func parse(_ parser: inout Parser) throws -> ComputeStatement {
    let table = try parser.parseName("a table name after 'compute'")
    try parser.expect(.colon, "':' and the columns to compute (compute t: gain = a - b)")
    var columns: [Column] = []
    repeat {
      if !columns.isEmpty { parser.advance() }
      let name = try parser.parseName("a name for the computed column")
      try parser.expect(.assign, "'=' and an expression after the column's name")
      columns.append(Column(name: name, expression: try parser.parseArithmetic()))
    } while parser.current.kind == .symbol(.comma)
    return ComputeStatement(table: table, columns: columns)
  }
}

/// Row-by-row evaluation of an expression over a table, with what it could not compute.
private struct ArithmeticEvaluator {
  /// The table read.
  var table: ScoreTable
  /// Its name, for errors.
  var tableName: String
  /// Rows left without a value by a function outside its domain (log of 0, a division by 0),
  /// by what happened.
  var undefined: [String: Set<Int>] = [:]
  /// Whether the expression reads the FLOPs column (its unit is 1E21 FLOPs).
  var readsFLOPs = false

  /// The expression's value in every row (NaN: missing).
  mutating func values(_ expression: Located<Arithmetic>) throws -> [Double] {
    switch expression.value {
    case .number(let value):
      return [Double](repeating: value, count: table.rowCount)
    case .column(let name):
      return try column(name, at: expression.range)
    case .negate(let inner):
      return try values(inner).map { -$0 }
    case .binary(let op, let left, let right):
      let a = try values(left)
      let b = try values(right)
      return try zip(a, b).enumerated().map { row, pair in
        try apply(op, pair.0, pair.1, row: row, at: expression.range)
      }
    case .call(let name, let arguments):
      return try call(name, arguments)
    }
  }

  /// A numeric column, or an error at the operand naming what is wrong.
  private mutating func column(_ name: String, at range: SourceRange) throws -> [Double] {
    guard table.hasColumn(name) else {
      var notes: [String] = []
      // `a-b` and `a/b` are one word (ARC-C, meta-llama/Llama-2-7b): say so when the parts are
      // columns.
      let parts = name.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
      if parts.count > 1, parts.allSatisfy(table.hasColumn) {
        notes.append(
          "'\(name)' is one word: write spaces around - and / to subtract or divide (\(parts.joined(separator: " - ")))"
        )
      }
      throw EvaluationFailure(
        .unknownColumn(
          name, table: "'\(tableName)'",
          suggestion: Suggestion.closest(to: name, among: table.columnNames)), at: range,
        notes: notes)
    }
    guard case .numbers(let values) = try table.column(named: name).values else {
      throw EvaluationFailure(
        .invalidValue(
          option: "operand", value: name,
          expected: "a numeric column ('\(name)' holds text, such as names)", suggestion: nil),
        at: range)
    }
    if name == ScoreTable.flopsColumn { readsFLOPs = true }
    return values
  }

  private mutating func apply(
    _ op: ArithmeticOperator, _ a: Double, _ b: Double, row: Int, at range: SourceRange
  ) throws -> Double {
    if a.isNaN || b.isNaN { return .nan }
    switch op {
    case .add: return a + b
    case .subtract: return a - b
    case .multiply: return a * b
    case .divide:
      if b == 0 {
        undefined["a division by 0", default: []].insert(row)
        return .nan
      }
      return a / b
    case .compare(let comparison): return comparison.evaluate(a, b) ? 1 : 0
    }
  }

  private mutating func call(_ name: Located<String>, _ arguments: [Located<Arithmetic>]) throws
    -> [Double]
  {
    guard let function = Arithmetic.functions.first(where: { $0.name == name.value }) else {
      throw EvaluationFailure(
        .invalidValue(
          option: "function", value: name.value,
          expected: Arithmetic.functions.map { $0.name }.joined(separator: ", "),
          suggestion: Suggestion.closest(
            to: name.value, among: Arithmetic.functions.map { $0.name })), at: name.range)
    }
    guard function.arguments.contains(arguments.count) else {
      let wanted =
        function.arguments.count == 1
        ? "\(function.arguments.lowerBound)" : "at least \(function.arguments.lowerBound)"
      throw EvaluationFailure(
        .expected(
          "\(wanted) argument\(wanted == "1" ? "" : "s") to \(name.value)(…)",
          found: "\(arguments.count)"), at: name.range)
    }
    let columns = try arguments.map { try values($0) }
    switch name.value {
    case "log", "log10":
      return columns[0].enumerated().map { row, x in
        if x.isNaN { return .nan }
        guard x > 0 else {
          undefined["\(name.value) of a value ≤ 0", default: []].insert(row)
          return .nan
        }
        return name.value == "log" ? Elementary.log(x) : Elementary.log10(x)
      }
    case "exp":
      return columns[0].enumerated().map { row, x in
        let y = Elementary.exp(x)
        if !x.isNaN, !y.isFinite {
          undefined["exp beyond the largest number", default: []].insert(row)
          return .nan
        }
        return y
      }
    case "abs":
      return columns[0].map { Swift.abs($0) }
    case "min", "max":
      return (0..<table.rowCount).map { row in
        let row = columns.map { $0[row] }
        if row.contains(where: \.isNaN) { return .nan }
        return name.value == "min" ? row.min()! : row.max()!
      }
    default:  // rank
      return Self.ranks(columns[0])
    }
  }

  /// Ranks of the values present, 1 = lowest, ties sharing their mean rank; NaN stays NaN.
  static func ranks(_ values: [Double]) -> [Double] {
    let order = values.indices.filter { !values[$0].isNaN }.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: .nan, count: values.count)
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
      let rank = Double(start + end) / 2 + 1
      for k in start...end { ranks[order[k]] = rank }
      start = end + 1
    }
    return ranks
  }
}

extension ComputeStatement: EvaluatedStatement {
  /// Runs `compute`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    var table = try environment.table(self.table)
    var notes: [String] = []
    var readsFLOPs = false
    for column in columns {
      guard column.name.value != table.key else {
        throw EvaluationFailure(
          .invalidValue(
            option: "compute", value: column.name.value,
            expected: "a column other than \(table.key), the key that names each row",
            suggestion: nil), at: column.name.range)
      }
      var evaluator = ArithmeticEvaluator(table: table, tableName: self.table.value)
      let values = try evaluator.values(column.expression)
      readsFLOPs = readsFLOPs || evaluator.readsFLOPs
      let replaced = table.hasColumn(column.name.value)
      table = try table.setting(.numbers(column.name.value, values))
      let missing = values.filter(\.isNaN).count
      var line =
        "\(column.name.value)\(replaced ? " (replaced)" : ""): \(table.rowCount - missing) of \(table.rowCount) rows with a value"
      for (what, rows) in evaluator.undefined.sorted(by: { $0.key < $1.key }) {
        let names = rows.sorted().map { table.models[$0] }
        line += "; \(what) in \(rows.count) row\(rows.count == 1 ? "" : "s") gives none: "
        line += names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
      }
      notes.append(line)
    }
    if readsFLOPs {
      notes.append(
        "'\(ScoreTable.flopsColumn)' is in units of 10²¹ FLOPs: log10 of it is log10 C − 21")
    }
    var output = environment.presenter.present(
      .table(table), name: environment.binding, brief: true)
    output.blocks += notes.map { .text($0) }
    return Evaluation(.table(table), output)
  }
}
