/// A table of models and their scores: one row per model, named columns of text or numbers.
///
/// Text columns hold `""` for a missing cell; numeric columns hold `.nan`. NaN is never a
/// value a user can write (the CSV reader rejects `NaN` and infinities), so it can stand for
/// "missing" unambiguously. The `Model` column is required and unique; `Model Family`, size,
/// data and FLOPs columns are optional metadata (algorithm.md §1).
public struct ScoreTable: Equatable, Sendable {
  /// The name of the required model-id column.
  public static let modelColumn: String = "Model"
  /// The name of the family column.
  public static let familyColumn: String = "Model Family"
  /// The name of the parameter-count column, in billions.
  public static let sizeColumn: String = "Model Size (B)"
  /// The name of the pretraining-tokens column, in trillions.
  public static let dataColumn: String = "Pretraining Data Size (T)"
  /// The name of the training-compute column, in units of 1e21 FLOPs.
  public static let flopsColumn: String = "FLOPs (1E21)"
  /// Columns always read as text.
  public static let textColumnNames: Set<String> = [modelColumn, familyColumn]

  /// The columns, in order.
  public private(set) var columns: [ScoreColumn]
  /// The number of rows.
  public private(set) var rowCount: Int
  /// Where the data comes from, shown with every output (e.g. "synthetic demo data").
  public var provenance: String?
  /// The name of the column whose unique text names each row: `Model` for a table of models;
  /// another column for a result whose rows are not models (a family, a fit, a row number).
  public private(set) var key: String

  /// Creates a table from columns of equal length with a unique, non-empty key column
  /// (`Model` unless `key` names another).
  ///
  /// - Throws: `.missingRequiredColumn` without the key column, `.columnLengthMismatch`,
  ///   `.emptyModelName` or `.duplicateModel`.
  public init(columns: [ScoreColumn], key: String = modelColumn, provenance: String? = nil)
    throws
  {
    guard let model = columns.first(where: { $0.name == key }) else {
      throw ScalingLawsError.missingRequiredColumn(name: key, available: columns.map(\.name))
    }
    let rows = model.count
    for column in columns where column.count != rows {
      throw ScalingLawsError.columnLengthMismatch(
        name: column.name, expected: rows, found: column.count)
    }
    guard case .text(let names) = model.values else {
      throw ScalingLawsError.columnNotNumeric(name: key)
    }
    var seen: [String: Int] = [:]
    seen.reserveCapacity(rows)
    for (row, name) in names.enumerated() {
      if name.isEmpty { throw ScalingLawsError.emptyModelName(row: row + 1) }
      if let first = seen[name] {
        throw ScalingLawsError.duplicateModel(name: name, firstRow: first + 1, secondRow: row + 1)
      }
      seen[name] = row
    }
    self.columns = columns
    self.rowCount = rows
    self.provenance = provenance
    self.key = key
  }

  /// The column names, in order.
  public var columnNames: [String] { columns.map(\.name) }

  /// The model ids (the key column's names), one per row.
  public var models: [String] {
    if case .text(let names)? = columns.first(where: { $0.name == key })?.values {
      return names
    }
    return []
  }

  /// The family of each row, or nil when the table has no family column.
  public var families: [String]? {
    if case .text(let names)? = columns.first(where: { $0.name == Self.familyColumn })?.values {
      return names
    }
    return nil
  }

  /// The distinct families in order of first appearance (empty without a family column).
  public var familyNames: [String] {
    var seen: Set<String> = []
    return (families ?? []).filter { !$0.isEmpty && seen.insert($0).inserted }
  }

  /// The numeric columns other than size, data and FLOPs: the metrics.
  public var metricNames: [String] {
    let metadata: Set<String> = [Self.sizeColumn, Self.dataColumn, Self.flopsColumn]
    return columns.filter { $0.isNumeric && !metadata.contains($0.name) }.map(\.name)
  }

  /// Returns the column called `name`, or throws `.unknownColumn` with a suggestion.
  public func column(named name: String) throws -> ScoreColumn {
    if let column = columns.first(where: { $0.name == name }) { return column }
    throw ScalingLawsError.unknownColumn(
      name: name, suggestion: Suggestion.closest(to: name, among: columnNames))
  }

  /// Returns whether the table has a column called `name`.
  public func hasColumn(_ name: String) -> Bool {
    columns.contains { $0.name == name }
  }

  /// Returns the values of the numeric column `name` (NaN where missing).
  ///
  /// - Throws: `.unknownColumn` or `.columnNotNumeric`.
  public func numbers(_ name: String) throws -> [Double] {
    switch try column(named: name).values {
    case .numbers(let values): return values
    case .text: throw ScalingLawsError.columnNotNumeric(name: name)
    }
  }

  /// Returns a table of the rows at `indices`, in that order.
  ///
  /// - Precondition: every index is in `0..<rowCount`.
  public func selecting(rows indices: [Int]) -> ScoreTable {
    var copy = self
    copy.columns = columns.map { $0.selecting(rows: indices) }
    copy.rowCount = indices.count
    return copy
  }

  /// Returns the table with `column` appended, or replacing the column of the same name.
  ///
  /// - Throws: `.columnLengthMismatch` when its length differs from `rowCount`.
  public func setting(_ column: ScoreColumn) throws -> ScoreTable {
    guard column.count == rowCount else {
      throw ScalingLawsError.columnLengthMismatch(
        name: column.name, expected: rowCount, found: column.count)
    }
    var copy = self
    if let index = columns.firstIndex(where: { $0.name == column.name }) {
      copy.columns[index] = column
    } else {
      copy.columns.append(column)
    }
    return copy
  }

  /// Returns the row index of each model id.
  func rowIndexByModel() -> [String: Int] {
    var index: [String: Int] = [:]
    for (row, name) in models.enumerated() { index[name] = row }
    return index
  }
}

/// One named column of a score table.
public struct ScoreColumn: Equatable, Sendable {
  /// The column's header.
  public var name: String
  /// The cells.
  public var values: ScoreValues

  /// Creates a column.
  public init(name: String, values: ScoreValues) {
    self.name = name
    self.values = values
  }

  /// Creates a numeric column; NaN marks a missing cell.
  public static func numbers(_ name: String, _ values: [Double]) -> ScoreColumn {
    ScoreColumn(name: name, values: .numbers(values))
  }

  /// Creates a text column; `""` marks a missing cell.
  public static func text(_ name: String, _ values: [String]) -> ScoreColumn {
    ScoreColumn(name: name, values: .text(values))
  }

  /// The number of cells.
  public var count: Int {
    switch values {
    case .numbers(let values): return values.count
    case .text(let values): return values.count
    }
  }

  /// Whether the column holds numbers.
  public var isNumeric: Bool {
    if case .numbers = values { return true }
    return false
  }

  /// The number of missing cells.
  public var missingCount: Int {
    switch values {
    case .numbers(let values): return values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
    case .text(let values): return values.reduce(0) { $0 + ($1.isEmpty ? 1 : 0) }
    }
  }

  /// Returns the column restricted to `indices`, in that order.
  func selecting(rows indices: [Int]) -> ScoreColumn {
    switch values {
    case .numbers(let values): return .numbers(name, indices.map { values[$0] })
    case .text(let values): return .text(name, indices.map { values[$0] })
    }
  }
}

/// The cells of a column: text or numbers.
///
/// Equality treats two missing (NaN) cells as equal, so a table equals its copy.
public enum ScoreValues: Equatable, Sendable {
  /// Text cells; `""` is missing.
  case text([String])
  /// Numeric cells; NaN is missing.
  case numbers([Double])

  /// Returns whether both hold the same cells, a missing cell matching a missing cell.
  public static func == (lhs: ScoreValues, rhs: ScoreValues) -> Bool {
    switch (lhs, rhs) {
    case (.text(let a), .text(let b)):
      return a == b
    case (.numbers(let a), .numbers(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    default:
      return false
    }
  }
}
