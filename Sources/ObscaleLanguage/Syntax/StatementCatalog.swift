public import ScalingLaws

/// What the language knows about each statement: syntax, options and examples.
///
/// The parser checks option names against it, `help` prints it, completion offers it, and a
/// test checks that docs/LANGUAGE.md covers every entry, so the four never drift apart.
public struct StatementInfo: Equatable, Sendable {
  /// The keyword.
  public var name: String
  /// One sentence on what the statement does.
  public var summary: String
  /// The syntax, in the notation of docs/LANGUAGE.md.
  public var syntax: String
  /// The options, in the order help lists them.
  public var options: [OptionInfo]
  /// Runnable examples on the demo data.
  public var examples: [String]
  /// What follows the keyword, for "expected a … after 'load'".
  public var operand: String = "name"
  /// Whether the keyword may stand alone, with nothing after it.
  public var standsAlone: Bool = false
  /// What completion offers inside the statement.
  public var completion = StatementCompletion()
}

/// One option of a statement.
public struct OptionInfo: Equatable, Sendable {
  /// The option's name.
  public var name: String
  /// The values it takes.
  public var values: String
  /// The default, in words.
  public var defaultValue: String
  /// What it does.
  public var summary: String
  /// The words and session names its value may be, which completion offers after `name =`
  /// (empty for numbers, strings and lists of numbers).
  public var accepts: OptionValues = OptionValues()
  /// What kind of value it is, with its range and default, which the evaluators read through
  /// `Options` so that neither is written twice.
  public var kind: OptionKind = .other
  /// The engine errors this option answers for, by their `ScalingLawsError.subject`: an error
  /// with one of these subjects points at this option when it is given.
  public var answersFor: [ErrorSubject] = []
}

/// What an option's value is, with the range it must lie in and the default it takes.
public enum OptionKind: Equatable, Sendable {
  /// A whole number in the range (a statement may narrow it further), and its default.
  case count(ClosedRange<Int>, default: Int)
  /// A fraction strictly between 0 and 1, written as a percentage or a fraction.
  case fraction(default: Double)
  /// A number greater than 0.
  case positive(default: Double)
  /// A value its statement reads itself: a list, a word, a split, a transform.
  case other
}

/// The values an option takes, as completion needs them: fixed words, and names from the
/// session.
public struct OptionValues: Equatable, Sendable {
  /// Words taken as written; a call's head ends in `(`, as in `cutoff(`.
  public var words: [String] = []
  /// The session names it takes, if any.
  public var names: SessionNames?

  /// A fixed vocabulary.
  static func words(_ words: [String]) -> OptionValues { OptionValues(words: words) }

  /// Names from the session.
  static func names(_ names: SessionNames) -> OptionValues { OptionValues(names: names) }
}

/// A kind of name a session knows, offered by completion where a statement takes one.
public enum SessionNames: Equatable, Sendable {
  /// Columns of the tables (and bound lists of them).
  case columns
  /// Families of the tables.
  case families
  /// Models of the tables.
  case models
  /// The models of the statement's subject, a fit (`predict f for [` offers f's models), or
  /// of the table after its `on` when there is one.
  case subjectModels
  /// Bound tables.
  case tables
}

/// The statements of the language.
public enum StatementCatalog {
  /// Every statement, in the order `help` lists them. Each is one type in `Statements/`, its
  /// catalog row, parser and evaluator together; this list is the one place that names them.
  static let nodes: [any StatementNode.Type] = [
    LoadStatement.self,
    JoinStatement.self,
    FilterStatement.self,
    RenameStatement.self,
    ComputeStatement.self,
    SortStatement.self,
    DropStatement.self,
    ShowStatement.self,
    DescribeStatement.self,
    ImputeStatement.self,
    PCAStatement.self,
    EfficiencyStatement.self,
    PlaceStatement.self,
    FitStatement.self,
    PredictStatement.self,
    EquivStatement.self,
    PlotStatement.self,
    WeightsStatement.self,
    GapStatement.self,
    CompareStatement.self,
    SaveStatement.self,
    BootstrapStatement.self,
    BacktestStatement.self,
    ForecastStatement.self,
    SelectStatement.self,
    PrintStatement.self,
    WarnStatement.self,
    ClearStatement.self,
    HelpStatement.self,
  ]

  /// Every statement's catalog row, in the order `help` lists them.
  public static let statements: [StatementInfo] = nodes.map { $0.info }

  /// The statement type of keyword `name`, if any.
  static func node(_ name: String) -> (any StatementNode.Type)? {
    nodes.first { $0.info.name == name }
  }

  /// The statement named `name`, if any.
  public static func info(_ name: String) -> StatementInfo? {
    statements.first { $0.name == name }
  }

  /// The keywords of every statement.
  public static var keywords: [String] { statements.map(\.name) }
}
