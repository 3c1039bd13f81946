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

  /// Returns the value bound to `name` as `kind`, or a `wrong-kind` error naming what it is.
  func lookup<Bound>(_ name: Located<String>, as kind: ValueKind<Bound>) throws -> Bound {
    let value = try lookup(name)
    guard let bound = kind.extract(value) else {
      throw EvaluationFailure(
        .wrongKind(name: name.value, expected: kind.description, found: value.kindDescription),
        at: name.range)
    }
    return bound
  }

  /// Returns the table bound to `name`.
  func table(_ name: Located<String>) throws -> ScoreTable { try lookup(name, as: .table) }

  /// Returns the fit bound to `name`.
  func fit(_ name: Located<String>) throws -> ScalingLawFit { try lookup(name, as: .fit) }

  /// Returns the pca result bound to `name`.
  func pcaResult(_ name: Located<String>) throws -> CapabilityAnalysis {
    try lookup(name, as: .capabilities)
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
    case .table, .fit, .capabilities, .selection, .result, .forecast:
      var label: String?
      if case .name(let text, _) = expression.value { label = text }
      return presenter.present(value, name: label, brief: true).title
    }
  }
}

/// What a statement gives back: what it shows, and the value `name =` binds (nil for a
/// statement that makes no value, such as a plot of several fits or `save`).
public struct Evaluation: Sendable {
  /// What a statement shows: an output, or text for a stream (`print`, `warn`) or a request
  /// to clear (`clear`), which front ends handle as they come.
  public enum Shown: Sendable {
    /// A result to show.
    case output(Output)
    /// Text for standard output.
    case print(String)
    /// Text for standard error.
    case warn(String)
    /// Clear what the cell showed so far.
    case clear
  }

  /// The value made, if any.
  public var value: Value?
  /// What is shown.
  public var shown: Shown

  /// Creates an evaluation that shows `output`.
  public init(_ value: Value?, _ output: Output) {
    self.value = value
    self.shown = .output(output)
  }

  /// Creates an evaluation that shows `output` and makes it a value: a result whose rows are
  /// its table named `rows` (see `ResultValue`).
  ///
  /// - Throws: what `ResultValue.init` throws.
  init(result output: Output, rows: String, provenance: String) throws {
    self.init(.result(try ResultValue(output, rows: rows, provenance: provenance)), output)
  }

  /// Creates an evaluation that makes no value and shows `shown`.
  public init(showing shown: Shown) {
    self.value = nil
    self.shown = shown
  }
}

/// One kind of value a name can be bound to, for a typed lookup: how it is described in an
/// error and how it is read out of a `Value`.
struct ValueKind<Bound>: Sendable {
  /// The kind in words, e.g. "a table".
  let description: String
  /// The bound thing, or nil for a value of another kind.
  let extract: @Sendable (Value) -> Bound?
}

extension ValueKind<ScoreTable> {
  /// A table.
  static let table = ValueKind(description: "a table") { value in value.tableRows }
}

extension ValueKind<ScalingLawFit> {
  /// A fit.
  static let fit = ValueKind(description: "a fit") { value in
    if case .fit(let fit) = value { return fit } else { return nil }
  }
}

extension ValueKind<CapabilityAnalysis> {
  /// A pca result.
  static let capabilities = ValueKind(description: "a pca result") { value in
    if case .capabilities(let analysis) = value { return analysis } else { return nil }
  }
}
