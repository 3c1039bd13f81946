public import ObscaleJSON

/// One result of a statement, as data: a title and blocks that every renderer can draw.
///
/// Renderers (plain text, HTML, SVG, JSON) are pure functions of an `Output`; the evaluator
/// never formats text itself. The JSON field names are documented in docs/LANGUAGE.md.
public struct Output: Equatable, Sendable {
  /// What a result is; the raw value is the JSON's `kind` (docs/LANGUAGE.md).
  public enum Kind: String, CaseIterable, Equatable, Sendable {
    /// A table's summary or rows.
    case table
    /// A table's columns and families.
    case describe
    /// The cells an imputation filled.
    case imputation
    /// Principal capabilities.
    case pca
    /// The compute efficiency of a pca's families.
    case efficiency
    /// Models placed on a pca result's components (`place`).
    case scale
    /// A fitted law.
    case fit
    /// A fit's predictions.
    case predictions
    /// f-equivalent FLOPs.
    case equiv
    /// Benchmark weights.
    case weights
    /// Fits side by side.
    case compare
    /// The gap between two laws.
    case gap
    /// A chart.
    case plot
    /// A list.
    case list
    /// A number or text.
    case value
    /// A file written.
    case saved
    /// Help text.
    case help
    /// A subset selection.
    case selection
    /// Bootstrap bands.
    case bootstrap
    /// A law's forecasts under a family of splits.
    case backtest
    /// A family-aware forecast.
    case forecast
  }

  /// What the result is.
  public var kind: Kind
  /// The name the result was bound to, if any.
  public var name: String?
  /// A one-line heading.
  public var title: String
  /// The content, in order.
  public var blocks: [Block]

  /// Creates an output.
  public init(kind: Kind, name: String? = nil, title: String, blocks: [Block]) {
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
  /// Machine-readable detail that only the JSON carries (text and HTML leave it out), such
  /// as the PCA and imputer a fit was made with.
  case data(name: String, JSON)
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
