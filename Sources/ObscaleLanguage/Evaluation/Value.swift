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

extension DataTable {
  /// The table as a value: its `model` column as `Model`, `family` as `Model Family`, columns
  /// of text (and empty cells) as text, the others as numbers. A result bound to a name —
  /// a prediction — can so be shown, filtered, joined and saved as a table is.
  ///
  /// - Throws: what `ScoreTable(columns:)` throws (a table without a model column).
  func scoreTable(provenance: String) throws -> ScoreTable {
    let columns = self.columns.indices.map { j -> ScoreColumn in
      var name = self.columns[j].name
      if name == "model" { name = ScoreTable.modelColumn }
      if name == "family" { name = ScoreTable.familyColumn }
      let cells = rows.map { $0[j] }
      let isText =
        cells.allSatisfy {
          switch $0 {
          case .text, .missing: return true
          case .number: return false
          }
        } && cells.contains { if case .text = $0 { return true } else { return false } }
      if isText {
        return .text(
          name, cells.map { if case .text(let text) = $0 { return text } else { return "" } })
      }
      return .numbers(
        name, cells.map { if case .number(let value) = $0 { return value } else { return .nan } })
    }
    return try ScoreTable(columns: columns, provenance: provenance)
  }
}
