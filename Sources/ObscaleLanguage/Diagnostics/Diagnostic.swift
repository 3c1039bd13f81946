/// A problem found in obscale source, with where it is and how bad it is.
public struct Diagnostic: Equatable, Sendable {
  /// How serious a diagnostic is.
  public enum Severity: String, Equatable, Sendable {
    /// The statement cannot run.
    case error
    /// The statement ran, but something deserves attention.
    case warning
  }

  /// How serious it is.
  public var severity: Severity
  /// What went wrong.
  public var error: LanguageError
  /// Where it went wrong.
  public var range: SourceRange
  /// Extra lines of explanation or advice.
  public var notes: [String]

  /// Creates an error diagnostic.
  public init(_ error: LanguageError, at range: SourceRange, notes: [String] = [], severity: Severity = .error) {
    self.severity = severity
    self.error = error
    self.range = range
    self.notes = notes
  }

  /// The message: a lower-case fragment naming the user's text and the limit.
  public var message: String { error.description }

  /// A stable identifier of the kind of problem, such as `unknown-column`.
  public var id: String { error.id }
}

/// A diagnostic is what a failed request of a front end returns.
extension Diagnostic: Error {}
