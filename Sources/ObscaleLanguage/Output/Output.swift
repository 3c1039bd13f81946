/// One result of a statement, as data: a title and blocks that every renderer can draw.
///
/// Renderers (plain text, HTML, SVG, JSON) are pure functions of an `Output`; the evaluator
/// never formats text itself. The JSON field names are documented in docs/LANGUAGE.md.
public struct Output: Equatable, Sendable {
  /// What the result is: `table`, `describe`, `imputation`, `pca`, `fit`, `predictions`,
  /// `equiv`, `weights`, `compare`, `plot`, `list`, `saved`, `help`.
  public var kind: String
  /// The name the result was bound to, if any.
  public var name: String?
  /// A one-line heading.
  public var title: String
  /// The content, in order.
  public var blocks: [Block]

  /// Creates an output.
  public init(kind: String, name: String? = nil, title: String, blocks: [Block]) {
    self.kind = kind
    self.name = name
    self.title = title
    self.blocks = blocks
  }
}

/// A piece of an output.
public enum Block: Equatable, Sendable {
  /// A paragraph of prose.
  case text(String)
  /// Named values, such as a fit's formula and errors.
  case fields([Field])
  /// A table of rows.
  case table(DataTable)
  /// A chart.
  case plot(Plot)
}

/// A named value in a `fields` block.
public struct Field: Equatable, Sendable {
  /// The name, such as `train MSE`.
  public var name: String
  /// The value, typed for JSON.
  public var value: Cell
  /// How the value reads in text, when it should not be the default number format.
  public var display: String?

  /// Creates a field.
  public init(_ name: String, _ value: Cell, display: String? = nil) {
    self.name = name
    self.value = value
    self.display = display
  }
}

/// One cell of a table or the value of a field.
public enum Cell: Equatable, Sendable {
  /// Text.
  case text(String)
  /// A number (never NaN: missing values are `.missing`).
  case number(Double)
  /// No value.
  case missing

  /// A number cell, or `.missing` for NaN.
  public static func of(_ value: Double) -> Cell {
    value.isNaN ? .missing : .number(value)
  }

  /// A number cell, or `.missing` for nil or NaN.
  public static func of(_ value: Double?) -> Cell {
    value.map { of($0) } ?? .missing
  }
}
