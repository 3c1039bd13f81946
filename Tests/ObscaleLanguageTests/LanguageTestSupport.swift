import Foundation
import ObscaleLanguage
import Testing

/// Source text with one span marked `⟪…⟫`, and the range of that span with the marks removed.
///
/// Lets a test write the expected position of a diagnostic inside its input, as
/// swift-format's MarkedText does: `f = fit data: ⟪MMLUX⟫ ~ pc(3)`.
struct MarkedSource {
  /// The text without marks.
  var text: String
  /// The 1-based line and column where the marked span starts, and its length in characters.
  var line: Int
  var column: Int
  var length: Int

  /// Parses the marks out of `marked`.
  init(_ marked: String, sourceLocation: SourceLocation = #_sourceLocation) {
    var text = ""
    var line = 1
    var column = 1
    var start: (Int, Int)?
    var length = 0
    var inside = false
    for character in marked {
      if character == "⟪" {
        start = (line, column)
        inside = true
        continue
      }
      if character == "⟫" {
        inside = false
        continue
      }
      if inside { length += 1 }
      text.append(character)
      if character == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    if start == nil { Issue.record("no ⟪⟫ mark in the test input", sourceLocation: sourceLocation) }
    self.text = text
    self.line = start?.0 ?? 0
    self.column = start?.1 ?? 0
    self.length = length
  }
}

/// An in-memory file system for session tests.
final class MemoryFileSystem: FileSystem, @unchecked Sendable {
  /// The files by path; guarded by being used from one test at a time.
  var files: [String: [UInt8]]

  /// Creates the file system holding `files`.
  init(_ files: [String: String] = [:]) {
    self.files = files.mapValues { Array($0.utf8) }
  }

  func read(_ path: String) throws -> [UInt8]? { files[normalize(path)] }
  func write(_ bytes: [UInt8], to path: String) throws { files[normalize(path)] = bytes }
  func list(_ path: String) -> [String] {
    let prefix = normalize(path) == "." ? "" : normalize(path) + "/"
    return files.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
  }
  func isDirectory(_ path: String) -> Bool { false }

  /// Drops a leading `./`.
  private func normalize(_ path: String) -> String {
    path.hasPrefix("./") ? String(path.dropFirst(2)) : path
  }
}

/// Runs `source` in `session`, recording an issue (at the caller) when it fails.
@discardableResult
func runOK(
  _ session: inout Session, _ source: String, sourceLocation: SourceLocation = #_sourceLocation
) -> [Output] {
  let result = session.run(source)
  for diagnostic in result.diagnostics {
    Issue.record(
      "unexpected \(diagnostic.id): \(diagnostic.message) at \(diagnostic.range.start.line):\(diagnostic.range.start.column)",
      sourceLocation: sourceLocation)
  }
  return result.outputs
}

/// Runs `source` and returns its single diagnostic, recording an issue when there is not one.
func runFailing(
  _ session: inout Session, _ source: String, sourceLocation: SourceLocation = #_sourceLocation
) -> Diagnostic? {
  let result = session.run(source)
  guard result.diagnostics.count == 1 else {
    Issue.record(
      "expected one diagnostic, got \(result.diagnostics.map(\.message))",
      sourceLocation: sourceLocation)
    return nil
  }
  return result.diagnostics[0]
}

/// Runs each source of `cases` and expects its one diagnostic to begin with the message
/// given beside it.
func expectFailures(
  _ session: inout Session, _ cases: [(String, String)],
  sourceLocation: SourceLocation = #_sourceLocation
) {
  for (source, message) in cases {
    let diagnostic = runFailing(&session, source, sourceLocation: sourceLocation)
    #expect(
      diagnostic?.message.hasPrefix(message) == true,
      "\(source): \(diagnostic?.message ?? "no error")", sourceLocation: sourceLocation)
  }
}

/// Returns the named field's text value of an output's fields blocks.
func field(_ output: Output, _ name: String) -> Cell? {
  for case .fields(let fields) in output.blocks {
    if let field = fields.first(where: { $0.name == name }) { return field.value }
  }
  return nil
}

/// Returns the output's table named `name`.
func table(_ output: Output, _ name: String) -> DataTable? {
  for case .table(let table) in output.blocks where table.name == name { return table }
  return nil
}

/// Compares `actual` with the golden `file`, or rewrites the file when the environment sets
/// `OBSCALE_UPDATE_GOLDEN=1` (review the diff afterwards).
///
/// A difference is recorded with its line and the text around the first differing character.
func compareGolden(_ actual: String, _ file: URL, sourceLocation: SourceLocation = #_sourceLocation)
  throws
{
  if ProcessInfo.processInfo.environment["OBSCALE_UPDATE_GOLDEN"] == "1" {
    try actual.write(to: file, atomically: true, encoding: .utf8)
    return
  }
  guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
    Issue.record(
      "missing golden file \(file.lastPathComponent); run with OBSCALE_UPDATE_GOLDEN=1",
      sourceLocation: sourceLocation)
    return
  }
  guard actual != expected else { return }
  let a = Array(actual)
  let e = Array(expected)
  let first =
    zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
  let line = a.prefix(first).filter { $0 == "\n" }.count + 1
  func window(_ text: [Character]) -> String {
    String(text[max(0, first - 40)..<min(text.count, first + 40)]).replacingOccurrences(
      of: "\n", with: "⏎")
  }
  Issue.record(
    "\(file.lastPathComponent) differs at line \(line):\n  expected: …\(window(e))…\n  actual:   …\(window(a))…",
    sourceLocation: sourceLocation)
}
