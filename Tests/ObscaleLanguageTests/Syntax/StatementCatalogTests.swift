import Foundation
import Testing

@testable import ObscaleLanguage

/// docs/LANGUAGE.md, `help` and the parser share one catalog; the docs must cover all of it.
struct StatementCatalogTests {
  /// The text of docs/LANGUAGE.md.
  static let documentation: String = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../../docs/LANGUAGE.md").standardizedFileURL
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }()

  /// Every statement type in `Statements/` is in the catalog's one list (but the bare value,
  /// which has no keyword), and each keyword is listed once: a statement written and never
  /// listed would parse as an unknown word.
  /// The syntax layer's nodes and the evaluator meet here: every statement runs.
  @Test func everyStatementEvaluates() {
    for node in StatementCatalog.nodes {
      #expect(node is any EvaluatedStatement.Type, "\(node.info.name) has no evaluation")
    }
  }

  @Test func everyStatementTypeIsListed() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../../Sources/ObscaleLanguage/Statements").standardizedFileURL
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".swift") }
    var declared: Set<String> = []
    for file in files {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      for line in text.split(separator: "\n") where line.hasSuffix(": StatementNode {") {
        let words = line.split(separator: " ")
        if words.count == 4, words[0] == "struct" { declared.insert(String(words[1].dropLast())) }
      }
    }
    #expect(declared.count >= 24, "found only \(declared.sorted()) in \(folder.path)")
    let listed = StatementCatalog.nodes.map { String(describing: $0) }
    #expect(Set(listed).count == listed.count, "a statement is listed twice: \(listed)")
    #expect(declared.subtracting(listed) == ["ValueStatement"])
    #expect(Set(listed).subtracting(declared).isEmpty)
    let keywords = StatementCatalog.keywords
    #expect(Set(keywords).count == keywords.count, "two statements share a keyword: \(keywords)")
  }

  @Test(arguments: StatementCatalog.statements.map(\.name))
  func documentsEveryStatementAndOption(_ name: String) throws {
    let info = try #require(StatementCatalog.info(name))
    let docs = Self.documentation
    let heading = try #require(
      docs.range(of: "### \(name)\n"), "docs/LANGUAGE.md has no section for '\(name)'")
    let rest = docs[heading.upperBound...]
    let section = rest[
      ..<(rest.range(of: "\n### ")?.lowerBound ?? rest.range(of: "\n## ")?.lowerBound
        ?? rest.endIndex)]
    #expect(docs.contains("\"\(name)\""), "the grammar does not name '\(name)'")
    for option in info.options {
      #expect(
        section.contains("| `\(option.name)` |"),
        "'\(name)' option '\(option.name)' is not in its section of the docs")
      // The row names every word the option takes, as its declaration has them.
      let row = section.split(separator: "\n").first { $0.hasPrefix("| `\(option.name)` |") } ?? ""
      for word in option.accepts.words {
        let bare = word.hasSuffix("(") ? String(word.dropLast()) : word
        #expect(
          row.contains(bare), "'\(name)' option '\(option.name)': the docs' row lacks '\(bare)'")
      }
    }
  }

  /// A typed default is the one help states: the row's text and its kind cannot disagree.
  @Test(
    arguments: StatementCatalog.statements.flatMap { info in info.options.map { (info.name, $0) } })
  func typedDefaultsAreTheOnesHelpStates(_ statement: String, _ option: OptionInfo) {
    switch option.kind {
    case .count(let range, let value):
      #expect(
        range.contains(value), "\(statement) \(option.name): default \(value) outside \(range)")
      #expect(
        Int(option.defaultValue) == value,
        "\(statement) \(option.name): help says \(option.defaultValue), the row \(value)")
    case .fraction(let value):
      #expect(value > 0 && value < 1)
      #expect(
        option.defaultValue == "\(Int((value * 100).rounded()))%", "\(statement) \(option.name)")
    case .positive(let value):
      #expect(value > 0 && Double(option.defaultValue) == value, "\(statement) \(option.name)")
    case .other:
      break
    }
  }

  @Test func numericOptionsAreTyped() {
    // Every option whose help says "a count" has a range and default of its own, unless its
    // range depends on the data (components, budgets) or it takes words as well (rows).
    let untyped = Set(["components", "budgets", "rows"])
    for info in StatementCatalog.statements {
      for option in info.options where option.values == "a count" && !untyped.contains(option.name)
      {
        #expect(
          option.kind != .other, "\(info.name) \(option.name) says 'a count' but has no typed range"
        )
      }
    }
  }

  @Test func examplesParse() {
    for info in StatementCatalog.statements {
      for example in info.examples {
        let (_, diagnostics) = Parser.parse(example)
        #expect(diagnostics.isEmpty, "help example '\(example)': \(diagnostics.map(\.message))")
      }
    }
  }

  @Test func documentsEveryErrorID() {
    let samples: [LanguageError] = [
      .unexpectedCharacter("$"), .moreErrors(3), .invalidNumber("1e999"), .unterminatedString,
      .unknownEscape("d"), .unterminatedQuotedName, .emptyQuotedName,
      .expected("x", found: "y"), .unknownStatement("x", suggestion: nil),
      .unknownOption("x", statement: "fit", suggestion: nil, allowed: []),
      .duplicateOption("x"), .unclosedBracket("["), .conditionTooLong(limit: 1),
      .undefinedName("x", suggestion: nil),
      .wrongKind(name: "x", expected: "a", found: "b"),
      .invalidValue(option: "x", value: "y", expected: "z", suggestion: nil),
      .unknownColumn("x", table: "t", suggestion: nil),
      .unknownFamily("x", suggestion: nil), .unknownModel("x", suggestion: nil),
      .unknownHelpTopic("x", suggestion: nil),
      .fileNotFound("x", searched: []), .fileUnreadable("x", reason: "r"),
      .fileNotWritten("x", reason: "r"),
      .unsupportedFileType("x", allowed: []), .invalidSavedFit("x", reason: "r"),
      .fileTypeDoesNotFit("x", value: "a table", allowed: []),
      .engine(.noBenchmarks), .interrupted,
      .internalFailure("x"),
    ]
    for error in samples {
      #expect(
        Self.documentation.contains("`\(error.id)`"),
        "error id '\(error.id)' is not in docs/LANGUAGE.md")
    }
  }
}
