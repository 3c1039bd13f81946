public import ScalingLaws

/// Everything that can go wrong in an obscale program, with the data needed to explain it.
///
/// Cases carry the user's text, the limits and the candidates, never rendered sentences; the
/// wording lives in `LanguageError+Description.swift`. Where it happened is the range of the
/// `Diagnostic` that carries the error.
public enum LanguageError: Error, Equatable, Sendable {
  // MARK: - Lexical

  /// A character that starts no token.
  case unexpectedCharacter(String)
  /// More errors than are worth showing in one input: the first are shown, this counts the
  /// rest.
  case moreErrors(Int)
  /// Digits that do not form a finite number.
  case invalidNumber(String)
  /// A string whose closing quote is missing on its line.
  case unterminatedString
  /// A backslash in a string followed by a character that is not a known escape.
  case unknownEscape(Character)
  /// A backtick name whose closing backtick is missing on its line.
  case unterminatedQuotedName
  /// Two backticks with nothing between them.
  case emptyQuotedName

  // MARK: - Syntax

  /// The parser needed `expected` and found `found` instead.
  case expected(String, found: String)
  /// The first word of a statement is not a statement.
  case unknownStatement(String, suggestion: String?)
  /// An option the statement does not take.
  case unknownOption(String, statement: String, suggestion: String?, allowed: [String])
  /// An option given twice.
  case duplicateOption(String)
  /// A `(` or `[` that is never closed.
  case unclosedBracket(String)
  /// Brackets or `not`s nested deeper than the limit.
  case nestingTooDeep(limit: Int)
  /// More comparisons joined by `and`/`or` in one condition than the limit.
  case conditionTooLong(limit: Int)

  // MARK: - Names and values

  /// A name that is not bound in the session.
  case undefinedName(String, suggestion: String?)
  /// A name bound to a value of the wrong kind.
  case wrongKind(name: String, expected: String, found: String)
  /// An option value of the wrong form; `expected` describes the allowed forms.
  case invalidValue(option: String, value: String, expected: String, suggestion: String?)
  /// A column that the table does not have.
  case unknownColumn(String, table: String, suggestion: String?)
  /// A family that no row of the table has.
  case unknownFamily(String, suggestion: String?)
  /// A model that no row has.
  case unknownModel(String, suggestion: String?)
  /// `help` about something that is not a statement or topic.
  case unknownHelpTopic(String, suggestion: String?)

  // MARK: - Files

  /// A file that is in none of the folders searched.
  case fileNotFound(String, searched: [String])
  /// A file that exists but could not be read.
  case fileUnreadable(String, reason: String)
  /// A file that could not be written.
  case fileNotWritten(String, reason: String)
  /// A file name whose extension says neither CSV nor JSON.
  case unsupportedFileType(String, allowed: [String])
  /// A file name whose extension does not fit the value saved to it: the value's kind and
  /// the extensions that fit it.
  case fileTypeDoesNotFit(String, value: String, allowed: [String])
  /// A JSON file that is not a fit saved by obscale.
  case invalidSavedFit(String, reason: String)
  /// A file read as lm-evaluation-harness results is not in their shape.
  case invalidHarnessResults(String, reason: String)

  // MARK: - Engine and control

  /// The scaling-law engine refused the data or the settings.
  case engine(ScalingLawsError)
  /// The statement was interrupted by the user.
  case interrupted
  /// A failure inside obscale itself, not caused by the input (a bug to report).
  case internalFailure(String)
}
