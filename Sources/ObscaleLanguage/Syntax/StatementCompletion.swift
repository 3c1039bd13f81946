/// What completion offers inside a statement, as the statement's catalog row declares it:
/// what its subject is, the words that may follow the subject and what comes after each, and
/// the form its operands take. Completion reads these and names no statement itself.
public struct StatementCompletion: Equatable, Sendable {
  /// What a place in a statement takes. (A struct rather than an enum with payloads: the
  /// catalog rows are globals, and an array in a multi-payload enum keeps tag bits in its
  /// pointer, which the leak checker of the fuzzers cannot follow.)
  public struct Slot: Equatable, Sendable {
    /// Which kind of slot.
    public enum Kind: Equatable, Sendable {
      /// A bound name whose value is one of `bound`.
      case bound
      /// Any bound name.
      case anyName
      /// The statements' keywords (`help`).
      case keywords
      /// The words `words`.
      case words
      /// The columns of the session's tables.
      case columns
      /// A list of `names` opened by `[` (`predict f for [` models).
      case list
    }

    /// Which kind of slot.
    public var kind: Kind
    /// The kinds of bound value, for `.bound`.
    public var bound: [BoundKind] = []
    /// The words, for `.words`.
    public var words: [String] = []
    /// The names, for `.list`.
    public var names: SessionNames = .models

    /// A bound name whose value is one of `kinds`.
    public static func bound(_ kinds: [BoundKind]) -> Slot { Slot(kind: .bound, bound: kinds) }
    /// Any bound name.
    public static let anyName = Slot(kind: .anyName)
    /// The statements' keywords.
    public static let keywords = Slot(kind: .keywords)
    /// These words.
    public static func words(_ words: [String]) -> Slot { Slot(kind: .words, words: words) }
    /// The columns of the session's tables.
    public static let columns = Slot(kind: .columns)
    /// A list of names opened by `[`.
    public static func list(_ names: SessionNames) -> Slot { Slot(kind: .list, names: names) }
  }

  /// A kind of bound value.
  public enum BoundKind: Equatable, Sendable {
    /// A table.
    case table
    /// A fit.
    case fit
    /// A pca result.
    case capabilities
    /// A selection.
    case selection
    /// A family-aware forecast.
    case forecast
    /// A string (a name bound to a column's or a file's name).
    case text
  }

  /// A form of operands completion reads token by token.
  public enum Form: Equatable, Sendable {
    /// `table: target ~ predictors`: the target's columns after `:`, the predictor forms after
    /// `~` or `+`.
    case formula
    /// `table where condition`.
    case condition
    /// `table column to name, …`.
    case renaming
    /// `table column, …`: columns after the subject.
    case columns
  }

  /// A word that may follow the subject, and what comes after it (`predict f on` a table).
  public struct Connective: Equatable, Sendable {
    /// The word.
    public var word: String
    /// What follows it; a comma after that repeats it when `repeats`.
    public var then: Slot
    /// Whether a comma-separated list of `then` follows (`place p on a, b`).
    public var repeats = false
    /// Whether the statement needs it (`save x to`, `place p on`): then nothing else is offered
    /// before it.
    public var required = false
  }

  /// Words that may follow a subject written as a given word.
  public struct AfterWord: Equatable, Sendable {
    /// The subject as written.
    public var word: String
    /// What may follow it.
    public var next: [String]
  }

  /// The first operand.
  public var subject: Slot = .anyName
  /// Whether the subject is a comma-separated list (`join a, b`, `plot f, g`).
  public var listsSubjects = false
  /// Words that follow the subject.
  public var connectives: [Connective] = []
  /// The words right after a subject that is one of these words (`load demo` → `base`,
  /// `tasks`).
  public var afterWords: [AfterWord] = []
  /// How the operands after the subject read, if not as options.
  public var form: Form?

  /// A subject of one kind of bound value.
  static func of(_ kinds: BoundKind..., lists: Bool = false) -> StatementCompletion {
    StatementCompletion(subject: .bound(kinds), listsSubjects: lists)
  }
}
