/// A table of typed cells with formatted columns.
public struct DataTable: Equatable, Sendable {
  /// A stable identifier, such as `predictions`, used as the JSON name.
  public var name: String
  /// The columns.
  public var columns: [DataColumn]
  /// The rows, each as many cells as there are columns.
  public var rows: [[Cell]]
  /// How many rows text and HTML show before eliding the rest (nil: all). JSON always
  /// carries every row.
  public var displayLimit: Int?
  /// Whether text shows each row as a record (its first cell, then the others wrapped beneath)
  /// rather than as a grid: for tables of prose, such as help's options, that no terminal is
  /// wide enough to show as columns.
  public var textRecords: Bool

  /// Creates a table.
  public init(
    name: String, columns: [DataColumn], rows: [[Cell]], displayLimit: Int? = nil,
    textRecords: Bool = false
  ) {
    precondition(
      rows.allSatisfy { $0.count == columns.count }, "every row must have \(columns.count) cells")
    self.name = name
    self.columns = columns
    self.rows = rows
    self.displayLimit = displayLimit
    self.textRecords = textRecords
  }
}

/// A column of a `DataTable`: its header and how its numbers read.
public struct DataColumn: Equatable, Sendable {
  /// The header.
  public var name: String
  /// How numbers in it are written in text and HTML.
  public var format: NumberFormat

  /// Creates a column.
  public init(_ name: String, _ format: NumberFormat = .text) {
    self.name = name
    self.format = format
  }
}

/// How a number is written for people (JSON always carries the full value).
public enum NumberFormat: Equatable, Sendable {
  /// The column holds text.
  case text
  /// Fixed decimals.
  case fixed(Int)
  /// Significant digits.
  case significant(Int)
  /// Scientific notation with decimals.
  case scientific(Int)
  /// An integer.
  case integer
  /// A percentage with one decimal of a fraction.
  case percent
}
