import Foundation
import Testing

@testable import ObscaleLanguage

/// The highlighters outside Swift use the language's own words: the Pygments lexer of
/// `python/` lists them by hand, so this test holds them to ``Vocabulary``.
struct VocabularyTests {
  /// The Pygments lexer's source.
  static let lexer = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "python/obscale_syntax/lexer.py")

  /// The words of the tuple `NAME = (...)` in the lexer's source.
  static func tuple(_ name: String) throws -> [String] {
    let source = try String(contentsOf: lexer, encoding: .utf8)
    guard let start = source.range(of: "\n\(name) = (") else { return [] }
    let body = source[start.upperBound...].prefix { $0 != ")" }
    return body.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter {
      $0.offset % 2 == 1
    }.map { String($0.element) }
  }

  @Test(arguments: [
    ("STATEMENTS", Vocabulary.statements), ("CONNECTIVES", Vocabulary.connectives),
    ("FUNCTIONS", Vocabulary.functions), ("CONSTANTS", Vocabulary.constants),
  ])
  func pygmentsListsTheLanguagesWords(_ name: String, _ words: [String]) throws {
    #expect(
      try Set(VocabularyTests.tuple(name)) == Set(words),
      "python/obscale_syntax/lexer.py's \(name) differs from Vocabulary")
  }

  @Test func everyOptionsWordsAreConstantsOrCalls() {
    for statement in StatementCatalog.statements {
      for option in statement.options {
        for word in option.accepts.words {
          let call = word.hasSuffix("(") ? String(word.dropLast()) : nil
          #expect(
            call.map(Vocabulary.functions.contains) ?? Vocabulary.constants.contains(word),
            "\(statement.name) \(option.name): \(word)")
        }
      }
    }
  }

  @Test func connectivesAreWhatTheParserReads() {
    // Each connective is a word some statement of the catalog's examples uses.
    let examples =
      StatementCatalog.statements.flatMap(\.examples) + [
        "predict f on data", "save f to \"f.json\"",
      ]
    let words = Set(
      examples.flatMap { Lexer.tokenize($0).tokens.compactMap(\.kind.word) }.map { $0.lowercased() }
    )
    for connective in Vocabulary.connectives {
      #expect(words.contains(connective), "\(connective) is in no example")
    }
  }
}
