import Foundation
import ObscaleLanguage
import Testing

/// Golden scripts: each `Scripts/NAME.obs` runs through `ScriptRunner` as `obscale run` would,
/// and its standard output and standard error must equal `NAME.out` and `NAME.err`.
///
/// Set `OBSCALE_UPDATE_GOLDEN=1` to rewrite the expected files after a deliberate change, then
/// review the diff. Scripts read their data from `Scripts/data/`.
struct GoldenScriptTests {
  /// The folder holding the scripts.
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Scripts")

  /// The script names, sorted.
  static let scripts: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".obs") }.map { String($0.dropLast(4)) }.sorted()
  }()

  @Test func thereAreScripts() {
    #expect(Self.scripts.count >= 8, "found \(Self.scripts)")
  }

  /// Every statement of the language runs in some golden script, so that its output is held.
  @Test func everyStatementHasAGoldenScript() throws {
    var used: Set<String> = []
    for name in Self.scripts {
      let source = try String(
        contentsOf: Self.folder.appendingPathComponent(name + ".obs"), encoding: .utf8)
      used.formUnion(Parser.parse(source).statements.map(\.keyword))
    }
    for statement in StatementCatalog.statements.map(\.name) {
      #expect(used.contains(statement), "no golden script runs '\(statement)'")
    }
  }

  @Test(arguments: scripts)
  func script(_ name: String) throws {
    // Run in a scratch copy of the folder, so that `save` never writes into the source tree.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "obscale-golden-\(name)-\(getpid())")
    try? FileManager.default.removeItem(at: scratch)
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: Self.folder.appendingPathComponent(name + ".obs"),
      to: scratch.appendingPathComponent(name + ".obs"))
    try FileManager.default.copyItem(
      at: Self.folder.appendingPathComponent("data"), to: scratch.appendingPathComponent("data"))
    defer { try? FileManager.default.removeItem(at: scratch) }
    for json in [false, true] {
      let runner = ScriptRunner(json: json)
      var out: [String] = []
      var err: [String] = []
      let path = scratch.appendingPathComponent(name + ".obs").path
      let status = runner.run(path: path, output: { out.append($0) }, errors: { err.append($0) })
      let clean = { (text: String) in
        text.replacingOccurrences(of: scratch.path + "/", with: "").replacingOccurrences(
          of: scratch.path, with: "SCRIPTS")
      }
      let stdout = clean(out.joined(separator: "\n")) + "\n"
      // Progress reports of long work come at time intervals and carry the time taken
      // ("… backtesting: 7 of 20 folds, 0.6 s"), which no golden file can hold.
      let timed = /^… .*, [0-9.]+ s$/
      let reported = err.filter { $0.wholeMatch(of: timed) == nil }
      let stderr = clean(reported.joined(separator: "\n")) + "\n" + "exit: \(status)\n"
      let suffix = json ? ".jsonl" : ""
      try compareGolden(
        json ? Self.roundingNumbers(stdout) : stdout,
        Self.folder.appendingPathComponent(name + ".out" + suffix))
      if !json { try compareGolden(stderr, Self.folder.appendingPathComponent(name + ".err")) }
    }
  }

  /// Rewrites every decimal number in JSON text with 6 significant digits, so that the golden
  /// files do not depend on the last bits a BLAS build produces.
  static func roundingNumbers(_ text: String) -> String {
    let pattern = /-?[0-9]+\.[0-9]+(?:e[-+]?[0-9]+)?/
    return text.replacing(pattern) { match in
      Double(match.output).map { String(format: "%.6g", $0) } ?? String(match.output)
    }
  }

}
