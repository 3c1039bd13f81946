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
  public init(
    _ error: LanguageError, at range: SourceRange, notes: [String] = [], severity: Severity = .error
  ) {
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

extension Diagnostic {
  /// How many diagnostics of one input are shown; the rest are counted in a `more-errors`
  /// diagnostic, so a binary file or a table run as a script cannot flood the output.
  public static let shownPerInput = 20

  /// `diagnostics` with at most `shownPerInput`, the rest counted in one more.
  static func capped(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    guard diagnostics.count > shownPerInput else { return diagnostics }
    let rest = diagnostics.count - shownPerInput
    return Array(diagnostics.prefix(shownPerInput)) + [
      Diagnostic(.moreErrors(rest), at: diagnostics[shownPerInput].range)
    ]
  }
}

/// A diagnostic is what a failed request of a front end returns.
extension Diagnostic: Error {}
