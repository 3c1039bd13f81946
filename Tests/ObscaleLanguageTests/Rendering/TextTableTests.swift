import ObscaleLanguage
import Testing

/// Plain-text tables align numbers right and text left.
struct TextTableTests {
  @Test func alignsColumns() {
    let table = TextTable(header: ["model", "mse"], rows: [["a", "0.5"], ["longer", "12.25"]])
    #expect(
      table.render(indent: 0) == """
        model     mse
        ──────  ─────
        a         0.5
        longer  12.25
        """)
  }
}

/// Text from files reaches a terminal as something to see: an escape sequence in a model id
/// (from a CSV or a harness results file) is drawn as control pictures, in tables, titles and
/// `print`.
struct TerminalTextTests {
  @Test func controlCharactersInDataAreShownNotObeyed() {
    let evil = "evil\u{1B}[31mRED\u{07}\r"
    let output = Output(
      kind: .table, title: "t: \(evil)",
      blocks: [
        .table(DataTable(name: "rows", columns: [DataColumn("model")], rows: [[.text(evil)]])),
        .text("note: \(evil)"),
      ])
    let text = TextRenderer.render(output)
    #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0 == "\r" })
    #expect(text.contains("evil␛[31mRED␇␍"))
    #expect(text.split(separator: "\n").count == 5)
    // A tab and line breaks are kept.
    #expect(DiagnosticRenderer.visibleText("a\tb\nc") == "a\tb\nc")
  }

  @Test func printShowsControlCharacters() {
    var session = Session(files: MemoryFileSystem())
    var printed: [String] = []
    _ = session.run(
      "print \"a\u{1B}[2Jb\"",
      events: { event in
        if case .print(let text) = event { printed.append(text) }
      })
    #expect(printed == ["a␛[2Jb"])
  }
}
