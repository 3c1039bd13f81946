internal import ScalingLaws

extension Environment {
  // MARK: - Names

  /// Returns the value bound to `name`.
  func lookup(_ name: Located<String>) throws -> Value {
    guard let value = values[name.value] else {
      throw EvaluationFailure(
        .undefinedName(
          name.value, suggestion: Suggestion.closest(to: name.value, among: Array(values.keys))),
        at: name.range)
    }
    return value
  }

  /// Returns the table bound to `name`.
  func table(_ name: Located<String>) throws -> ScoreTable {
    let value = try lookup(name)
    guard case .table(let table) = value else {
      throw EvaluationFailure(
        .wrongKind(name: name.value, expected: "a table", found: value.kindDescription),
        at: name.range)
    }
    return table
  }

  /// Returns the fit bound to `name`.
  func fit(_ name: Located<String>) throws -> ScalingLawFit {
    let value = try lookup(name)
    guard case .fit(let fit) = value else {
      throw EvaluationFailure(
        .wrongKind(name: name.value, expected: "a fit", found: value.kindDescription),
        at: name.range)
    }
    return fit
  }

  /// Returns the pca result bound to `name`.
  func pcaResult(_ name: Located<String>) throws -> CapabilityAnalysis {
    let value = try lookup(name)
    guard case .capabilities(let analysis) = value else {
      throw EvaluationFailure(
        .wrongKind(name: name.value, expected: "a pca result", found: value.kindDescription),
        at: name.range)
    }
    return analysis
  }

  /// Checks that `table` has the column `name`, suggesting the closest one when not.
  func requireColumn(_ name: String, in table: ScoreTable, tableName: String, at range: SourceRange)
    throws
  {
    guard table.hasColumn(name) else {
      throw EvaluationFailure(
        .unknownColumn(
          name, table: "'\(tableName)'",
          suggestion: Suggestion.closest(to: name, among: table.columnNames)), at: range)
    }
  }

  // MARK: - Tables

  /// The range of item `offset` of a list literal, or the whole expression otherwise.
  func itemRange(_ expression: Located<Expression>, _ offset: Int) -> SourceRange {
    if case .list(let items) = expression.value, offset < items.count { return items[offset].range }
    return expression.range
  }

  // MARK: - Saving

}

/// Returns the first few names and how many more, for notes.
func elide(_ names: [String], limit: Int = 6) -> String {
  let shown = names.prefix(limit).map { "'\($0.visibleInline)'" }.joined(separator: ", ")
  return names.count > limit ? shown + " and \(names.count - limit) more" : shown
}

extension Environment {
  /// How `print` and `warn` write a value: strings as they are, numbers in the display
  /// format, lists in brackets, and a table, fit or pca by its one-line summary. A bare word
  /// that names nothing is an error here, not text: `print x` with no `x` is a typo.
  func displayText(_ value: Value, expression: Located<Expression>) throws -> String {
    if case .name(let text, false) = expression.value, values[text] == nil {
      throw EvaluationFailure(
        .undefinedName(text, suggestion: Suggestion.closest(to: text, among: Array(values.keys))),
        at: expression.range)
    }
    switch value {
    case .text(let text): return text
    case .number(let number): return formatNumber(number)
    case .list(let items): return "[" + items.map(\.display).joined(separator: ", ") + "]"
    case .table, .fit, .capabilities, .selection:
      var label: String?
      if case .name(let text, _) = expression.value { label = text }
      return presenter.present(value, name: label, brief: true).title
    }
  }
}

/// What a statement gives back: its output, and the value `name =` binds (nil for a
/// statement that makes no value, such as a plot of several fits or `save`).
public struct Evaluation: Sendable {
  /// The value made, if any.
  public var value: Value?
  /// What is shown.
  public var output: Output

  /// Creates an evaluation.
  public init(_ value: Value?, _ output: Output) {
    self.value = value
    self.output = output
  }
}
