import Foundation
import ObscaleLanguage
import Testing

/// The hostile-input corpus of Tests/Corpus (bad CSVs and scripts, listed with what must
/// happen in Tests/Corpus/expected.txt), and generated extremes: every case gives its clear
/// error or loads, and the session stays usable with what it had.
struct HostileCorpusTests {
  /// Tests/Corpus.
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Corpus")

  /// The cases of `kind` (`csv`, `scripts`): file name, and whether an error or a load is
  /// expected with what text.
  static func cases(_ kind: String) -> [(file: String, error: Bool, text: String)] {
    let manifest =
      (try? String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8))
      ?? ""
    return manifest.split(separator: "\n").compactMap { line in
      guard !line.hasPrefix("#"), line.hasPrefix(kind + "/") else { return nil }
      let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { return nil }
      let error = parts[1].hasPrefix("error: ")
      let text = String(parts[1].dropFirst(error ? 7 : 7))
      return (String(parts[0].dropFirst(kind.count + 1)), error, text)
    }
  }

  /// A session reading files from `kind`'s folder, with a value bound before anything fails.
  static func session(_ kind: String) -> Session {
    var session = Session(directory: folder.appendingPathComponent(kind).path)
    _ = session.run("keep = 42")
    return session
  }

  /// Checks the session still has `keep` and still runs statements.
  func stillUsable(
    _ session: inout Session, after file: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(
      session.values["keep"] == .number(42), "after \(file), keep is gone",
      sourceLocation: sourceLocation)
    #expect(
      session.run("probe = 1").succeeded, "after \(file), the session no longer runs",
      sourceLocation: sourceLocation)
  }

  @Test func theManifestListsAtLeastFiftyFileCases() {
    #expect(Self.cases("csv").count + Self.cases("scripts").count >= 50)
    #expect(Self.cases("connection").count >= 10)
  }

  @Test(arguments: cases("csv").map(\.file))
  func csv(_ file: String) throws {
    let expected = try #require(Self.cases("csv").first { $0.file == file })
    var session = Self.session("csv")
    let result = session.run("t = load \"\(file)\"\ndescribe t")
    if expected.error {
      let message = result.diagnostics.first?.message ?? "no error"
      #expect(message.contains(expected.text), "\(file): \(message)")
      #expect(session.values["t"] == nil)
    } else {
      #expect(result.succeeded, "\(file): \(result.diagnostics.map(\.message))")
      #expect(
        result.outputs.last?.title.contains(expected.text) == true,
        "\(file): \(result.outputs.last?.title ?? "")")
    }
    stillUsable(&session, after: file)
  }

  @Test(arguments: cases("scripts").map(\.file))
  func script(_ file: String) throws {
    let expected = try #require(Self.cases("scripts").first { $0.file == file })
    let source = try String(
      contentsOf: Self.folder.appendingPathComponent("scripts/\(file)"), encoding: .utf8)
    var session = Self.session("scripts")
    let result = session.run(source)
    let message = result.diagnostics.first?.message ?? "no error"
    #expect(expected.error && message.contains(expected.text), "\(file): \(message)")
    let rendered = result.diagnostics.map {
      DiagnosticRenderer.render($0, source: source, file: file)
    }.joined()
    #expect(rendered.contains("\(file):"), "the error says where")
    #expect(rendered.contains(" | "), "the error shows its source line (CRLF scripts included)")
    #expect(
      result.diagnostics.count == 1, "one error, no cascade: \(result.diagnostics.map(\.message))")
    stillUsable(&session, after: file)
  }

  /// Extremes made at run time rather than stored.
  @Test func generatedExtremes() throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "obscale-corpus-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    func write(_ name: String, _ bytes: [UInt8]) throws {
      try Data(bytes).write(to: scratch.appendingPathComponent(name))
    }
    var session = Session(directory: scratch.path)
    _ = session.run("keep = 42")
    let huge = String(repeating: "x", count: 10_000_000)
    try write("huge-field.csv", Array("Model,MMLU\n\(huge),0.5\n".utf8))
    try write(
      "million-columns.csv",
      Array(
        ("Model," + (0..<1_000_000).map { "c\($0)" }.joined(separator: ",") + "\na"
          + String(repeating: ",0.5", count: 1_000_000) + "\n").utf8))
    try write(
      "deep.json",
      Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8))
    try write("junk.csv", (0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) })
    let cases: [(String, String?)] = [
      ("t = load \"huge-field.csv\"\ndescribe t", nil),
      ("t = load \"million-columns.csv\"\nprint t", nil),
      ("f = load \"deep.json\"", "it is not JSON: nesting deeper than 512"),
      ("t = load \"junk.csv\"", "line "),
      (
        "x = " + String(repeating: "[", count: 100_000) + "a"
          + String(repeating: "]", count: 100_000), "nested more than 100 deep"
      ),
      (
        "d = load demo\ns = filter d where " + String(repeating: "not ", count: 50_000)
          + "has MMLU", "nested more than 100 deep"
      ),
      // A chain of comparisons is a tree as deep as it is long: bounded, and read without
      // recursion up to the bound.
      (
        "d = load demo\ns = filter d where "
          + (0..<50_000).map { "MMLU > 0.\($0 % 9 + 1)" }.joined(separator: " or "),
        "more than 1000 comparisons joined"
      ),
      (
        "d = load demo\ns = filter d where "
          + (0..<1000).map { "MMLU > 0.0\($0 % 9 + 1)" }.joined(separator: " and "), nil
      ),
      ("x = \"" + String(repeating: "é", count: 1_000_000) + "\"\nprint x", nil),
      (String(repeating: "\u{0}", count: 100), "unexpected character"),
    ]
    for (source, error) in cases {
      let result = session.run(source)
      if let error {
        let message = result.diagnostics.first?.message ?? "no error"
        #expect(message.contains(error), "\(source.prefix(40)): \(message)")
      } else {
        #expect(result.succeeded, "\(source.prefix(40)): \(result.diagnostics.map(\.message))")
      }
      stillUsable(&session, after: String(source.prefix(40)))
    }
  }

  /// Error floods: whatever the input, what is printed about it stays within 100× its size
  /// and a fixed bound, at most `shownPerInput` errors and one line counting the rest.
  @Test(arguments: [
    ("20 KB of $", String(repeating: "$", count: 20_000)),
    ("1 MB of NUL", String(repeating: "\u{0}", count: 1_000_000)),
    (
      "a table run as a script",
      (0..<20_000).map { "m\($0),F\($0 % 7),\($0 + 1),0.5" }.joined(separator: "\n")
    ),
    ("an error on every line", String(repeating: "x = $\n", count: 20_000)),
    (
      "a megabyte line with an error at its end",
      "x = [" + String(repeating: "a, ", count: 300_000) + "$]"
    ),
    ("escape sequences to the terminal", "x = \u{1B}[2J\u{1B}]0;pwned\u{07}"),
  ])
  func floodsAreBounded(_ name: String, _ source: String) {
    var session = Session()
    let result = session.run(source)
    #expect(!result.diagnostics.isEmpty, "\(name)")
    #expect(
      result.diagnostics.count <= Diagnostic.shownPerInput + 1,
      "\(name): \(result.diagnostics.count) errors")
    let rendered = result.diagnostics.map {
      DiagnosticRenderer.render($0, source: source, file: "x.obs")
    }.joined(separator: "\n")
    #expect(
      rendered.utf8.count <= min(100 * source.utf8.count, 64 * 1024),
      "\(name): \(rendered.utf8.count) bytes printed")
    #expect(
      !rendered.unicodeScalars.contains { DiagnosticRenderer.isControl($0) && $0 != "\n" },
      "\(name): a control character reaches the terminal")
  }
}
