// MARK: - CustomStringConvertible

extension LanguageError {
  /// Whether `scalar` would not show as itself in a message: a control character, a space
  /// other than the ASCII one, or a format character (zero-width, bidi, byte order mark).
  static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    DiagnosticRenderer.isControl(scalar)
      || (scalar.properties.isWhitespace && scalar.value > 0x7F)
      || scalar.properties.generalCategory == .format
  }

  /// The names of the invisible characters met most often in pasted text.
  static let invisibleNames: [UInt32: String] = [
    0x00A0: "no-break space", 0x2007: "figure space", 0x202F: "narrow no-break space",
    0x200B: "zero-width space", 0x200C: "zero-width non-joiner", 0x200D: "zero-width joiner",
    0x2060: "word joiner", 0xFEFF: "byte order mark", 0x3000: "ideographic space",
    0x2028: "line separator", 0x2029: "paragraph separator", 0x200E: "left-to-right mark",
    0x200F: "right-to-left mark", 0x202A: "left-to-right embedding",
    0x202B: "right-to-left embedding", 0x202C: "pop directional formatting",
    0x202D: "left-to-right override", 0x202E: "right-to-left override",
    0x2066: "left-to-right isolate", 0x2067: "right-to-left isolate",
    0x2068: "first strong isolate", 0x2069: "pop directional isolate",
  ]
}

extension LanguageError: CustomStringConvertible {
  /// The message shown to the user: a lower-case fragment with the user's text in quotes.
  public var description: String {
    switch self {
    case .moreErrors(let count):
      return
        "\(count) more error\(count == 1 ? "" : "s") in this input, not shown (the first \(Diagnostic.shownPerInput) are); is it an obscale script?"
    case .unexpectedCharacter(let text)
    where text.unicodeScalars.contains(where: LanguageError.isInvisible):
      // A character that does not show as itself (a control, a no-break or zero-width space, a
      // bidi control) is named by its code point, and by its name where it is a common one.
      return "unexpected character "
        + text.unicodeScalars.map { scalar in
          let digits = String(scalar.value, radix: 16, uppercase: true)
          let code = "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
          return LanguageError.invisibleNames[scalar.value].map { "\(code) (\($0))" } ?? code
        }.joined(separator: " ")
    case .unexpectedCharacter(let text):
      return "unexpected character '\(text)'"
    case .invalidNumber(let text):
      return "'\(text)' is not a finite number"
    case .unterminatedString:
      return "this string is never closed: add the closing quote on the same line"
    case .unknownEscape(let character):
      return
        "unknown escape '\\\(character)' in a string: the escapes are \\\" \\\\ \\n \\t; write \\\\ for a backslash (\"C:\\\\data\") or use / in paths"
    case .unterminatedQuotedName:
      return "this `name` is never closed: add the closing backtick on the same line"
    case .emptyQuotedName:
      return "an empty `` name: write the column name between the backticks"
    case .expected(let what, let found):
      return "expected \(what), found \(found)"
    case .unknownStatement(let word, let suggestion):
      return "unknown statement '\(word)'" + didYouMean(suggestion)
    case .unknownOption(let name, let statement, let suggestion, let allowed):
      let list =
        allowed.isEmpty ? "it takes no options" : "it takes " + allowed.joined(separator: ", ")
      return "'\(statement)' has no option '\(name)'"
        + didYouMean(suggestion, otherwise: " (\(list))")
    case .duplicateOption(let name):
      return "option '\(name)' is given twice"
    case .unclosedBracket(let bracket):
      return "this '\(bracket)' is never closed"
    case .nestingTooDeep(let limit):
      return "brackets or 'not's nested more than \(limit) deep here: simplify the expression"
    case .conditionTooLong(let limit):
      return
        "more than \(limit) comparisons joined by 'and' or 'or' in one condition: name many models or families with model in [...] or family in [...]"
    case .undefinedName(let name, let suggestion):
      return "'\(name)' is not defined" + didYouMean(suggestion)
    case .wrongKind(let name, let expected, let found):
      return "'\(name)' is \(found), but \(expected) is needed here"
    case .invalidValue(let option, let value, let expected, let suggestion):
      return "\(option) '\(value)' is not valid: expected \(expected)" + didYouMean(suggestion)
    case .unknownColumn(let name, let table, let suggestion):
      return "unknown column '\(name)' in \(table)" + didYouMean(suggestion)
    case .unknownFamily(let name, let suggestion):
      return "unknown family '\(name)'" + didYouMean(suggestion)
    case .unknownModel(let name, let suggestion):
      return "unknown model '\(name)'" + didYouMean(suggestion)
    case .unknownHelpTopic(let name, let suggestion):
      return "no help on '\(name)'" + didYouMean(suggestion)
    case .fileNotFound(let path, let searched):
      return "file '\(path)' not found; looked in: "
        + searched.map { "'\($0)'" }.joined(separator: ", ")
    case .fileUnreadable(let path, let reason):
      return "cannot read '\(path)': \(reason)"
    case .fileNotWritten(let path, let reason):
      return "cannot write '\(path)': \(reason)"
    case .unsupportedFileType(let path, let allowed):
      return
        "'\(path)' has an extension obscale does not read or write (use \(allowed.joined(separator: " or ")))"
    case .fileTypeDoesNotFit(let path, let value, let allowed):
      return "'\(path)' does not fit \(value): save it as \(allowed.joined(separator: " or "))"
    case .invalidHarnessResults(let path, let reason):
      return "'\(path)' is not lm-evaluation-harness results: \(reason)"
    case .invalidSavedFit(let path, let reason):
      return "'\(path)' is not a fit saved by obscale: \(reason)"
    case .engine(let error):
      return error.description
    case .interrupted:
      return "interrupted; the session is as it was before this statement"
    case .internalFailure(let what):
      return "internal error (please report it): \(what)"
    }
  }

  /// A stable kebab-case identifier of the case, for tests and machine-readable output.
  public var id: String {
    switch self {
    case .unexpectedCharacter: return "unexpected-character"
    case .moreErrors: return "more-errors"
    case .invalidNumber: return "invalid-number"
    case .unterminatedString: return "unterminated-string"
    case .unknownEscape: return "unknown-escape"
    case .unterminatedQuotedName: return "unterminated-name"
    case .emptyQuotedName: return "empty-name"
    case .expected: return "syntax"
    case .unknownStatement: return "unknown-statement"
    case .unknownOption: return "unknown-option"
    case .duplicateOption: return "duplicate-option"
    case .unclosedBracket: return "unclosed-bracket"
    case .nestingTooDeep: return "nesting-too-deep"
    case .conditionTooLong: return "condition-too-long"
    case .undefinedName: return "undefined-name"
    case .wrongKind: return "wrong-kind"
    case .invalidValue: return "invalid-value"
    case .unknownColumn: return "unknown-column"
    case .unknownFamily: return "unknown-family"
    case .unknownModel: return "unknown-model"
    case .unknownHelpTopic: return "unknown-help-topic"
    case .fileNotFound: return "file-not-found"
    case .fileUnreadable: return "file-unreadable"
    case .fileNotWritten: return "file-not-written"
    case .unsupportedFileType: return "unsupported-file-type"
    case .fileTypeDoesNotFit: return "file-type-does-not-fit"
    case .invalidSavedFit: return "invalid-saved-fit"
    case .invalidHarnessResults: return "invalid-harness-results"
    case .engine: return "data"
    case .interrupted: return "interrupted"
    case .internalFailure: return "internal"
    }
  }
}

/// Returns " (did you mean 'x'?)" or `otherwise` when there is no suggestion.
private func didYouMean(_ suggestion: String?, otherwise: String = "") -> String {
  suggestion.map { " (did you mean '\($0)'?)" } ?? otherwise
}
