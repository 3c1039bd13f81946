internal import ScalingLaws

extension StatementInfo {
  /// `filter`: Keeps the rows of a table that satisfy a condition.
  static let filter = StatementInfo(
    name: "filter",
    summary: "Keeps the rows of a table that satisfy a condition.",
    syntax: "name = filter table where condition",
    options: [],
    examples: [
      "small = filter base where `FLOPs (1E21)` <= 84",
      "some = filter base where family in [Atlas, Boreal] and not model in [Atlas-70B]",
      "known = filter base where has HumanEval or MMLU > 0.5",
      "atlas = filter base where `Model Family` == \"Atlas\"",
    ],
    operand: "table name and a 'where' condition",
    completion: StatementCompletion(subject: .bound([.table]), form: .condition))
}

/// `filter t where condition`.
struct FilterStatement: StatementNode {
  static var info: StatementInfo { .filter }

  /// The table.
  var table: Located<String>
  /// The rows kept.
  var condition: Located<Condition>

  static func parse(_ parser: inout Parser) throws -> FilterStatement {
    let table = try parser.parseName("a table name after 'filter'")
    try parser.expectWord("where")
    return FilterStatement(table: table, condition: try parser.parseCondition())
  }

}

extension Environment {
  /// Converts a condition into a row filter, checking each leaf against the table so that an
  /// error points at the leaf that caused it.
  fileprivate func rowFilter(_ condition: Located<Condition>, table: ScoreTable, tableName: String)
    throws -> RowFilter
  {
    let filter: RowFilter
    switch condition.value {
    case .and, .or:
      // A chain of `and`s or `or`s is a tree as deep as it is long: flattened here, without
      // recursion, into one list of its terms.
      let isAnd: Bool
      if case .and = condition.value { isAnd = true } else { isAnd = false }
      var terms: [Located<Condition>] = []
      var pending = [condition]
      while let next = pending.popLast() {
        switch (next.value, isAnd) {
        case (.and(let left, let right), true), (.or(let left, let right), false):
          pending += [right, left]
        default:
          terms.append(next)
        }
      }
      let filters = try terms.map { try rowFilter($0, table: table, tableName: tableName) }
      return isAnd ? .all(filters) : .any(filters)
    case .not(let inner):
      return .not(try rowFilter(inner, table: table, tableName: tableName))
    case .has(let column):
      try requireColumn(column.value, in: table, tableName: tableName, at: column.range)
      filter = .hasValue(column: column.value)
    case .comparison(let written, let op, let value):
      filter = try comparison(
        written, op, value, in: table, tableName: tableName, at: condition.range)
    case .membership(let field, let negated, let items):
      filter = try membership(field, negated: negated, items, in: table)
    }
    do {
      _ = try table.mask(filter)
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: condition.range)
    }
    return filter
  }

  /// `column op value`: a numeric comparison, or `==`/`!=` against text in a text column.
  private func comparison(
    _ written: Located<String>, _ op: ComparisonOperator, _ value: Located<Expression>,
    in table: ScoreTable, tableName: String, at range: SourceRange
  ) throws -> RowFilter {
    let filter: RowFilter
    // `family` and `model` name their columns here as they do before `in`.
    var column = written
    if !table.hasColumn(column.value) {
      if column.value.lowercased() == "family" { column.value = ScoreTable.familyColumn }
      if column.value.lowercased() == "model" { column.value = ScoreTable.modelColumn }
    }
    try requireColumn(column.value, in: table, tableName: tableName, at: column.range)
    if (try? table.column(named: column.value).isNumeric) == false {
      // A text column compares with == and != against a string or a word.
      guard op == .equal || op == .notEqual else {
        throw EvaluationFailure(
          .invalidValue(
            option: "comparison", value: op.rawValue,
            expected: "== or != ('\(column.value)' holds text)", suggestion: nil),
          at: range)
      }
      let text: String
      switch value.value {
      case .string(let string): text = string
      case .name(let name, let quoted):
        // One meaning per word: a bare word bound to a string stands for the string, as it does
        // after `in`; a word that is both that and a value of the column is refused.
        if !quoted, case .text(let bound)? = values[name] {
          if bound != name, case .text(let cells) = try table.column(named: column.value).values,
            cells.contains(name) || cells.contains(where: { $0.hasSuffix("/" + name) })
          {
            throw EvaluationFailure(
              .invalidValue(
                option: "comparison value", value: name,
                expected:
                  "one meaning: '\(name)' is bound to \"\(bound)\" and is also a value of '\(column.value)'; write \"\(name)\" in quotes for the value, or the string itself",
                suggestion: nil), at: value.range)
          }
          text = bound
        } else {
          text = name
        }
      case .number: text = value.value.display
      default:
        throw EvaluationFailure(
          .invalidValue(
            option: "comparison value", value: value.value.display,
            expected: "a string ('\(column.value)' holds text)", suggestion: nil), at: value.range
        )
      }
      filter = .compareText(column: column.value, equal: op == .equal, text)
    } else {
      if case .string(let text) = value.value {
        throw EvaluationFailure(
          .invalidValue(
            option: "comparison value", value: text,
            expected: "a number ('\(column.value)' is a numeric column)", suggestion: nil),
          at: value.range)
      }
      filter = .compare(column: column.value, op, try number(value, option: "comparison value"))
    }
    return filter
  }

  /// `family in [...]` or `model in [...]` (negated by `not`), every name checked.
  private func membership(
    _ field: Located<String>, negated: Bool, _ items: Located<Expression>, in table: ScoreTable
  ) throws -> RowFilter {
    let filter: RowFilter
    let list = try names(items, option: field.value == "family" ? "families" : "models")
    if field.value == "family" {
      let known = table.familyNames
      for (offset, family) in list.enumerated() where !known.contains(family) {
        throw EvaluationFailure(
          .unknownFamily(family, suggestion: Suggestion.closest(to: family, among: known)),
          at: itemRange(items, offset))
      }
      filter = negated ? .familyNotIn(list) : .familyIn(list)
    } else {
      let index = ModelIndex(table.models)
      for (offset, model) in list.enumerated() {
        do {
          _ = try index.row(of: model)
        } catch ScalingLawsError.unknownModel(let name, let suggestion) {
          throw EvaluationFailure(
            .unknownModel(name, suggestion: suggestion), at: itemRange(items, offset))
        } catch let error as ScalingLawsError {
          throw EvaluationFailure(.engine(error), at: itemRange(items, offset))
        }
      }
      filter = negated ? .modelNotIn(list) : .modelIn(list)
    }
    return filter
  }
}

extension FilterStatement: EvaluatedStatement {
  /// Runs `filter`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let name = table
    let binding = environment.binding
    let table = try environment.table(name)
    let filter = try environment.rowFilter(condition, table: table, tableName: name.value)
    let filtered: ScoreTable
    do {
      filtered = try table.filtered(by: filter)
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: condition.range)
    }
    var output = environment.presenter.present(.table(filtered), name: binding, brief: true)
    output.blocks.append(.text("kept \(filtered.rowCount) of \(table.rowCount) \(table.rowNoun)"))
    return Evaluation(.table(filtered), output)
  }
}
