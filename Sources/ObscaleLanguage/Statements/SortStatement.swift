internal import ScalingLaws

extension StatementInfo {
  /// `sort`: Orders a table's rows by a column.
  static let sort = StatementInfo(
    name: "sort",
    summary:
      "Orders a table's rows by a column, lowest first (desc: highest first); rows without a value come last, ties keep their order.",
    syntax: "name = sort table by column [desc]",
    options: [],
    examples: ["top = sort pr by residual desc", "t = sort demo by `Model Family`"],
    operand: "table name, 'by' and a column",
    completion: StatementCompletion(
      subject: .bound([.table]),
      connectives: [.init(word: "by", then: .columns, required: true)]))
}

/// `sort t by column [desc]`.
struct SortStatement: StatementNode {
  static var info: StatementInfo { .sort }

  /// The table.
  var table: Located<String>
  /// The column ordered by.
  var column: Located<String>
  /// Highest first.
  var descending: Bool

  static func parse(_ parser: inout Parser) throws -> SortStatement {
    let table = try parser.parseName("a table name after 'sort'")
    try parser.expectWord("by")
    let column = try parser.parseName("a column to sort by")
    var descending = false
    if parser.isWord("desc") {
      parser.advance()
      descending = true
    }
    return SortStatement(table: table, column: column, descending: descending)
  }
}

extension ScoreColumn {
  /// The row order by this column: lowest first (or highest with `descending`), text in
  /// Unicode order, missing cells last; a stable sort, so ties keep the table's order.
  func order(descending: Bool) -> [Int] {
    func compare<T: Comparable>(_ cells: [T], missing: (T) -> Bool) -> [Int] {
      let present = cells.indices.filter { !missing(cells[$0]) }
      let absent = cells.indices.filter { missing(cells[$0]) }
      // Swift's sort is not stable: ties are broken by the row number.
      let sorted = present.sorted { a, b in
        if cells[a] == cells[b] { return a < b }
        return descending ? cells[a] > cells[b] : cells[a] < cells[b]
      }
      return sorted + absent
    }
    switch values {
    case .numbers(let numbers): return compare(numbers, missing: \.isNaN)
    case .text(let texts): return compare(texts, missing: \.isEmpty)
    }
  }
}

extension SortStatement: EvaluatedStatement {
  /// Runs `sort`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let table = try environment.table(self.table)
    try environment.requireColumn(
      column.value, in: table, tableName: self.table.value, at: column.range)
    let sorted = table.selecting(
      rows: try table.column(named: column.value).order(descending: descending))
    var output = environment.presenter.tableOutput(
      sorted, name: environment.binding ?? self.table.value, columns: sorted.columnNames,
      limit: environment.displayRows)
    output.blocks.append(
      .text("sorted by \(column.value), \(descending ? "highest" : "lowest") first"))
    return Evaluation(.table(sorted), output)
  }
}
