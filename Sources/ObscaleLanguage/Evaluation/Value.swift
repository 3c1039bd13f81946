public import ScalingLaws

/// What a name can be bound to in a session.
public enum Value: Equatable, Sendable {
  /// A table of models.
  case table(ScoreTable)
  /// A fitted scaling law with its predictions.
  case fit(ScalingLawFit)
  /// Principal capabilities of a table.
  case capabilities(CapabilityAnalysis)
  /// The family subsets chosen for fitting a law cheaply.
  case selection(SelectionAnalysis)
  /// A list of names or numbers.
  case list([Scalar])
  /// One number.
  case number(Double)
  /// One string.
  case text(String)

  /// The kind of value with an article, for messages: "a table", "a fit".
  public var kindDescription: String {
    switch self {
    case .table: return "a table"
    case .fit: return "a fit"
    case .capabilities: return "a pca result"
    case .selection: return "a selection"
    case .list: return "a list"
    case .number: return "a number"
    case .text: return "a string"
    }
  }
}

/// A list item: a name or a number.
public enum Scalar: Equatable, Sendable {
  /// A name or string.
  case text(String)
  /// A number.
  case number(Double)

  /// The item as text.
  public var display: String {
    switch self {
    case .text(let text): return text
    case .number(let value): return formatNumber(value)
    }
  }
}

/// Which families of a table to evaluate under each model budget (`select`), with what it
/// was computed from.
public struct SelectionAnalysis: Equatable, Sendable {
  /// The candidate table's name.
  public var table: String
  /// The benchmark columns whose principal capabilities were used.
  public var benchmarks: [String]
  /// The number of candidate models.
  public var candidates: Int
  /// The candidate models and their families, in table order.
  public var models: [String]
  /// Each candidate model's family.
  public var families: [String]
  /// The search and its answers.
  public var selection: SubsetSelection
}
