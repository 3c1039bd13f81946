internal import ScalingLaws

/// One lexical unit of obscale source.
public struct Token: Equatable, Sendable {
  /// What kind of token this is.
  public var kind: TokenKind
  /// Where it was written.
  public var range: SourceRange

  /// Creates a token.
  public init(_ kind: TokenKind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

/// The kinds of tokens, with their decoded payloads.
public enum TokenKind: Equatable, Sendable {
  /// A bare word: letters, digits and `_ - . @ /`, starting with a letter or `_`.
  case word(String)
  /// A name in backticks, which may hold spaces, commas and brackets: `` `FLOPs (1E21)` ``.
  case quotedName(String)
  /// A string in double or single quotes, escapes decoded.
  case string(String)
  /// A number; `percent` when written with a trailing `%`.
  case number(Double, percent: Bool)
  /// A punctuation mark or operator.
  case symbol(Symbol)
  /// The end of a statement (a line break outside brackets, or `;`).
  case newline
  /// A character the language does not know, already reported by the lexer: it stands in
  /// the stream so that its statement fails where it is, not on a later line.
  case invalid(String)
  /// The end of the text.
  case end
}

/// Punctuation and operators.
public enum Symbol: String, Equatable, Sendable, CaseIterable {
  /// Binds a name or an option value.
  case assign = "="
  /// Separates list items, arguments and options.
  case comma = ","
  /// Opens an argument list or a group.
  case openParen = "("
  /// Closes an argument list or a group.
  case closeParen = ")"
  /// Opens a list.
  case openBracket = "["
  /// Closes a list.
  case closeBracket = "]"
  /// Separates a fit's target from its predictors.
  case tilde = "~"
  /// Joins predictor terms; adds in a computed column.
  case plus = "+"
  /// Subtracts in a computed column (with spaces around it: `-` may be part of a word).
  case minus = "-"
  /// Multiplies in a computed column.
  case times = "*"
  /// Divides in a computed column (with spaces around it: `/` may be part of a word).
  case divide = "/"
  /// Introduces a fit's formula after the table.
  case colon = ":"
  /// Less than.
  case less = "<"
  /// Less than or equal.
  case lessOrEqual = "<="
  /// Greater than.
  case greater = ">"
  /// Greater than or equal.
  case greaterOrEqual = ">="
  /// Equal.
  case equal = "=="
  /// Not equal.
  case notEqual = "!="
}

extension TokenKind {
  /// A short description for messages: `'fit'`, `a string`, `the end of the line`.
  var display: String {
    switch self {
    case .word(let text): return "'\(text)'"
    case .quotedName(let text): return "`\(text)`"
    case .string(let text): return "the string \"\(text)\""
    case .number(let value, let percent):
      return "the number \(ScalingLaws.formatNumber(value))\(percent ? "%" : "")"
    case .symbol(let symbol): return "'\(symbol.rawValue)'"
    case .newline: return "the end of the statement"
    case .invalid(let text): return "'\(text)'"
    case .end: return "the end of the input"
    }
  }

  /// The word's text, if this is a bare word.
  var word: String? {
    if case .word(let text) = self { return text }
    return nil
  }
}
