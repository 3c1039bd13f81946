import Testing

@testable import ObscaleLanguage

/// The drawing of a diagnostic: the right line whatever the line endings, long lines cut
/// around the marker, control characters made visible.
struct DiagnosticRendererTests {
  @Test(
    arguments: [
      ("a\nb\nc", 2, "b"), ("a\r\nb\r\nc", 2, "b"), ("a\rb\rc", 3, "c"), ("a\n\nc", 2, ""),
      ("a\nb", 3, nil),
    ] as [(String, Int, String?)])
  func findsTheLineWhateverItsEnding(_ source: String, _ number: Int, _ expected: String?) {
    #expect(DiagnosticRenderer.line(number, of: source) == expected)
  }

  @Test func aLongLineIsCutAroundTheMarker() {
    let line = String(repeating: "a", count: 5000) + "$" + String(repeating: "b", count: 5000)
    let (shown, offset, width) = DiagnosticRenderer.window(line, marker: 5000, width: 1)
    #expect(shown.count == DiagnosticRenderer.maximumLineWidth + 2)
    #expect(shown.hasPrefix("…") && shown.hasSuffix("…"))
    #expect(Array(shown)[offset] == "$" && width == 1)
  }

  @Test func controlCharactersAreShownNotSent() {
    let diagnostic = Diagnostic(
      .unexpectedCharacter("\u{1B}"),
      at: SourceRange(
        start: SourcePosition(line: 1, column: 5, offset: 4),
        end: SourcePosition(line: 1, column: 6, offset: 5)))
    let text = DiagnosticRenderer.render(diagnostic, source: "x = \u{1B}[2J")
    #expect(!text.unicodeScalars.contains("\u{1B}"))
    #expect(text.contains("U+001B") && text.contains("x = \u{241B}[2J"))
  }

  /// A no-break space, a zero-width space or a bidi control pasted into a script is named by
  /// its code point and drawn as something visible, one column wide, under its marker.
  @Test(arguments: [
    ("\u{00A0}", "U+00A0 (no-break space)", "x\u{237D}= 1"),
    ("\u{200B}", "U+200B (zero-width space)", "x\u{FFFD}= 1"),
    ("\u{202E}", "U+202E (right-to-left override)", "x\u{FFFD}= 1"),
  ])
  func invisibleCharactersAreNamedAndShown(_ character: String, _ name: String, _ line: String) {
    var session = Session(files: MemoryFileSystem())
    let source = "x" + character + "= 1"
    let result = session.run(source)
    let diagnostic = result.diagnostics.first
    #expect(diagnostic?.message == "unexpected character " + name)
    let text = diagnostic.map { DiagnosticRenderer.render($0, source: source) } ?? ""
    #expect(text.contains("1 | " + line))
    #expect(!text.unicodeScalars.contains(character.unicodeScalars.first!))
    let marker = text.split(separator: "\n").first { $0.contains("^") } ?? ""
    #expect(
      marker.firstIndex(of: "^").map { marker.distance(from: marker.startIndex, to: $0) } == 5)
  }

  @Test func aScriptThatIsATableOrBinaryIsRecognizedAtOnce() {
    #expect(
      ScriptRunner.notAScript(
        Array("Model,Model Family,MMLU,GSM8K\na,b,0.5,0.5\n".utf8), path: "x.obs")?.contains(
          "looks like a table") == true)
    #expect(
      ScriptRunner.notAScript(Array("d = load demo\n".utf8), path: "scores.csv")?.contains(
        "looks like a table") == true)
    #expect(
      ScriptRunner.notAScript([0x64, 0, 0x65], path: "x.obs")
        == "it holds binary data (a NUL byte at byte 1)")
    #expect(ScriptRunner.notAScript(Array("join a, b, c, d\n".utf8), path: "x.obs") == nil)
    #expect(
      ScriptRunner.notAScript(
        Array("d = load demo\nshow d columns = [a, b, c, d]\n".utf8), path: "x.obs") == nil)
  }
}
