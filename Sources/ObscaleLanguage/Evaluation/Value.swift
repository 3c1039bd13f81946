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
  /// A family-aware forecast of benchmarks from size and tokens (`forecast`).
  case forecast(FamilyForecast)
  /// A statement's result with rows (predictions, placements, a comparison, efficiency, a
  /// gap): read as a table wherever one is expected, saved whole as JSON.
  case result(ResultValue)
  /// A list of names or numbers.
  case list([Scalar])
  /// One number.
  case number(Double)
  /// One string.
  case text(String)

  /// The table a table or a result reads as; nil for other values.
  public var rows: ScoreTable? {
    switch self {
    case .table(let table): return table
    case .result(let result): return result.table
    default: return nil
    }
  }

  /// The rows a value reads as where a table is expected: a table's or a result's (`rows`),
  /// or a selection's chosen models (budget, model, family; a model chosen under several
  /// budgets is a row under each). Nil for other values.
  var tableRows: ScoreTable? {
    if let rows { return rows }
    guard case .selection(let analysis) = self else { return nil }
    let output = Presenter(displayRows: 20).selectionOutput(analysis, name: nil)
    return try? ResultValue(
      output, rows: "chosen models", provenance: "selection of \(analysis.table)"
    )
    .table
  }

  /// The kind of value with an article, for messages: "a table", "a fit".
  public var kindDescription: String {
    switch self {
    case .table: return "a table"
    case .fit: return "a fit"
    case .capabilities: return "a pca result"
    case .selection: return "a selection"
    case .forecast: return "a forecast"
    case .result(let result):
      switch result.output.kind {
      case .predictions: return "a result of predict"
      case .scale: return "a result of place"
      default: return "a result of \(result.output.kind.rawValue)"
      }
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

/// A statement's result bound to a name: the whole output it showed, and its rows as a table.
///
/// One table model serves every result: `show`, `filter`, `sort`, `join`, `describe`, `plot`
/// and `save … .csv` read `table`, as they read a loaded table; `save … .json` writes
/// `output`, the result whole (its fields, notes and every table).
public struct ResultValue: Equatable, Sendable {
  /// What the statement showed, with every block.
  public var output: Output
  /// The result's rows: the output's table named `rows`, keyed by its model, family or
  /// fit column (or a row number).
  public var table: ScoreTable

  /// The result of `output`, whose rows are its table named `rows`.
  ///
  /// - Throws: what `ScoreTable(columns:)` throws; an internal failure when `output` has no
  ///   table of that name.
  init(_ output: Output, rows: String, provenance: String) throws {
    for case .table(let data) in output.blocks where data.name == rows {
      self.output = output
      self.table = try data.scoreTable(provenance: provenance)
      return
    }
    throw LanguageError.internalFailure("\(output.kind.rawValue) has no table '\(rows)'")
  }
}

extension DataTable {
  /// The table as a value: its `model` column as `Model`, `family` as `Model Family`, columns
  /// of text (and empty cells) as text, the others as numbers. A result bound to a name —
  /// a prediction — can so be shown, filtered, joined and saved as a table is.
  ///
  /// The key that names each row is `Model` when there is a model column with each model
  /// once; otherwise the first
  /// text column whose cells are all given and distinct (a family, a fit); otherwise a `row`
  /// column of row numbers, added first.
  ///
  /// - Throws: what `ScoreTable(columns:)` throws.
  func scoreTable(provenance: String) throws -> ScoreTable {
    var columns = self.columns.indices.map { j -> ScoreColumn in
      var name = self.columns[j].name
      let cells = rows.map { $0[j] }
      // A model column names the rows only when each model is there once (a placement lists
      // a pca's own models and then the placed ones, some of them again).
      if name == "model", Set(cells.map { "\($0)" }).count == cells.count {
        name = ScoreTable.modelColumn
      }
      if name == "family" { name = ScoreTable.familyColumn }
      // A column is text when its cells are (an empty table: when it is declared so).
      let isText =
        cells.allSatisfy {
          switch $0 {
          case .text, .missing: return true
          case .number: return false
          }
        }
        && (cells.contains { if case .text = $0 { return true } else { return false } }
          || (cells.isEmpty && self.columns[j].format == .text))
      if isText {
        return .text(
          name, cells.map { if case .text(let text) = $0 { return text } else { return "" } })
      }
      return .numbers(
        name, cells.map { if case .number(let value) = $0 { return value } else { return .nan } })
    }
    let key: String
    if columns.contains(where: { $0.name == ScoreTable.modelColumn }) {
      key = ScoreTable.modelColumn
    } else if let named = columns.first(where: { column in
      guard case .text(let cells) = column.values else { return false }
      return !cells.contains("") && Set(cells).count == cells.count
    }) {
      key = named.name
    } else {
      key = "row"
      columns.insert(.text(key, rows.indices.map { String($0 + 1) }), at: 0)
    }
    return try ScoreTable(columns: columns, key: key, provenance: provenance)
  }
}
