/// A predicate over the rows of a score table.
///
/// Filters compose with `all`, `any` and `not`. A numeric comparison is false on a missing
/// cell, so `FLOPs (1E21) <= 84` keeps only models with known compute. Models may be named by
/// their full id (`meta-llama/Llama-2-7b-hf`) or by the part after the last `/`.
public indirect enum RowFilter: Codable, Equatable, Sendable {
  /// Rows whose family is one of these.
  case familyIn([String])
  /// Rows whose family is none of these.
  case familyNotIn([String])
  /// Rows whose model is one of these.
  case modelIn([String])
  /// Rows whose model is none of these.
  case modelNotIn([String])
  /// Rows whose numeric `column` compares true against `value`.
  case compare(column: String, ComparisonOperator, Double)
  /// Rows whose text `column` is (`equal`) or is not `text`; in the `Model` column the part
  /// after the last `/` matches too. An empty (missing) cell equals nothing.
  case compareText(column: String, equal: Bool, String)
  /// Rows where `column` is not missing.
  case hasValue(column: String)
  /// Rows every filter keeps.
  case all([RowFilter])
  /// Rows some filter keeps.
  case any([RowFilter])
  /// Rows the filter rejects.
  case not(RowFilter)
}

/// A numeric comparison operator.
public enum ComparisonOperator: String, Codable, Equatable, Sendable, CaseIterable {
  /// Less than.
  case less = "<"
  /// Less than or equal.
  case lessOrEqual = "<="
  /// Greater than.
  case greater = ">"
  /// Greater than or equal.
  case greaterOrEqual = ">="
  /// Equal.
  case equal = "=="
  /// Not equal.
  case notEqual = "!="

  /// Returns `lhs <op> rhs`; false when `lhs` is NaN (missing).
  public func evaluate(_ lhs: Double, _ rhs: Double) -> Bool {
    guard !lhs.isNaN else { return false }
    switch self {
    case .less: return lhs < rhs
    case .lessOrEqual: return lhs <= rhs
    case .greater: return lhs > rhs
    case .greaterOrEqual: return lhs >= rhs
    case .equal: return lhs == rhs
    case .notEqual: return lhs != rhs
    }
  }
}

extension ScoreTable {
  /// Returns, for each row, whether `filter` keeps it.
  ///
  /// - Throws: `.unknownColumn`, `.columnNotNumeric`, `.unknownFamily` or `.unknownColumn`
  ///   for a model id that matches no row (with the closest id as suggestion), so that a typo
  ///   in a list is caught rather than silently ignored.
  public func mask(_ filter: RowFilter) throws -> [Bool] {
    switch filter {
    case .familyIn(let names), .familyNotIn(let names):
      guard let families else {
        throw ScalingLawsError.missingRequiredColumn(
          name: Self.familyColumn, available: columnNames)
      }
      let known = Set(families)
      for name in names where !known.contains(name) {
        throw ScalingLawsError.unknownFamily(
          name: name, suggestion: Suggestion.closest(to: name, among: familyNames))
      }
      let wanted = Set(names)
      let keepIfIn: Bool
      if case .familyIn = filter { keepIfIn = true } else { keepIfIn = false }
      return families.map { wanted.contains($0) == keepIfIn }
    case .modelIn(let names), .modelNotIn(let names):
      let rows = try rowIndices(ofModels: names)
      var mask = [Bool](repeating: false, count: rowCount)
      for row in rows { mask[row] = true }
      if case .modelNotIn = filter { mask = mask.map { !$0 } }
      return mask
    case .compare(let column, let op, let value):
      return try numbers(column).map { op.evaluate($0, value) }
    case .compareText(let column, let equal, let text):
      guard case .text(let cells) = try self.column(named: column).values else {
        throw ScalingLawsError.invalidParameter(
          name: "comparison with '\(column)'", value: "\"\(text)\"",
          limit: "a number ('\(column)' is a numeric column)")
      }
      if column == key {
        // A model is named by the one rule: its id, or the part after its last `/`.
        let row = try ModelIndex(cells).row(of: text)
        return cells.indices.map { ($0 == row) == equal }
      }
      return cells.map { cell in (!cell.isEmpty && cell == text) == equal }
    case .hasValue(let column):
      switch try self.column(named: column).values {
      case .numbers(let values): return values.map { !$0.isNaN }
      case .text(let values): return values.map { !$0.isEmpty }
      }
    case .all(let filters):
      var mask = [Bool](repeating: true, count: rowCount)
      for filter in filters {
        for (row, keep) in try self.mask(filter).enumerated() where !keep { mask[row] = false }
      }
      return mask
    case .any(let filters):
      var mask = [Bool](repeating: false, count: rowCount)
      for filter in filters {
        for (row, keep) in try self.mask(filter).enumerated() where keep { mask[row] = true }
      }
      return mask
    case .not(let inner):
      return try mask(inner).map { !$0 }
    }
  }

  /// Returns the rows `filter` keeps, in order.
  ///
  /// - Throws: what `mask(_:)` throws, and `.noRowsLeft` when nothing is kept.
  public func filtered(by filter: RowFilter) throws -> ScoreTable {
    let keep = try mask(filter)
    let rows = keep.indices.filter { keep[$0] }
    guard !rows.isEmpty else { throw ScalingLawsError.noRowsLeft(operation: "filter") }
    return selecting(rows: rows)
  }

  /// Returns the row index of each named model: its full id, else the one id whose part after
  /// the last `/` it is (`Llama-2-7b-hf` for `meta-llama/Llama-2-7b-hf`). The one rule of every
  /// place a model is named (`model in`, `==`, `holdout`, `for`).
  ///
  /// - Throws: `.ambiguousModel` when a short name ends several ids (two checkpoints'
  ///   `…/step1000`), listing them; `.unknownModel` when a name matches no row.
  public func rowIndices(ofModels names: [String]) throws -> [Int] {
    let index = ModelIndex(models)
    return try names.map { try index.row(of: $0) }
  }
}

/// Model ids by full id and by the part after their last `/`, for the one rule that matches a
/// name to a model.
public struct ModelIndex: Sendable {
  /// Row by full id (the first, where an id repeats).
  private var byID: [String: Int] = [:]
  /// Rows by the part after the last `/`.
  private var byShortName: [String: [Int]] = [:]
  /// The ids, for suggestions and messages.
  private let ids: [String]

  /// Indexes `ids`.
  public init(_ ids: [String]) {
    self.ids = ids
    for (row, id) in ids.enumerated() {
      if byID[id] == nil { byID[id] = row }
      if let slash = id.lastIndex(of: "/") {
        byShortName[String(id[id.index(after: slash)...]), default: []].append(row)
      }
    }
  }

  /// The row `name` names.
  ///
  /// - Throws: `.ambiguousModel` or `.unknownModel`, as `rowIndices(ofModels:)`.
  public func row(of name: String) throws -> Int {
    if let row = byID[name] { return row }
    let rows = byShortName[name] ?? []
    if rows.count == 1 { return rows[0] }
    if rows.count > 1 {
      throw ScalingLawsError.ambiguousModel(name: name, ids: rows.map { ids[$0] })
    }
    let names = Array(byID.keys) + byShortName.filter { $0.value.count == 1 }.map(\.key)
    throw ScalingLawsError.unknownModel(
      name: name, suggestion: Suggestion.closest(to: name, among: names.sorted()))
  }
}
