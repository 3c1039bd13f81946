import Testing

@testable import ObscaleLanguage

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

  @Test func aLineBreakOrAnInvisibleCharacterInACellCannotForgeARow() {
    let forged = "org/a\nFAKE   0.99"
    let hidden = "org/\u{202E}b\u{200B}"
    let table = TextTable(header: ["model", "x"], rows: [[forged, "0.5"], [hidden, "0.25"]])
    let lines = table.render(indent: 0).split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[2].hasPrefix("org/a␊FAKE   0.99"))
    #expect(lines[3].hasPrefix("org/⟨U+202E⟩b⟨U+200B⟩"))
    let html = HTMLRenderer.render(
      Output(
        kind: .table, title: "t",
        blocks: [
          .table(
            DataTable(name: "rows", columns: [DataColumn("model")], rows: [[.text(hidden)]]))
        ]))
    #expect(html.contains("org/⟨U+202E⟩b⟨U+200B⟩"))
    #expect(!html.unicodeScalars.contains { $0.value == 0x202E })
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

/// Tables of prose (help's options and statements) read as records wrapped to 100 columns.
struct TextRecordsTests {
  @Test func helpOptionsWrapToTheWidth() throws {
    var session = Session(files: MemoryFileSystem())
    for info in StatementCatalog.statements + [nil] {
      let result = session.run(info.map { "help \($0.name)" } ?? "help")
      let output = try #require(result.outputs.first)
      let text = TextRenderer.render(output)
      // The title, the summary and the syntax line are one line each; the records wrap.
      let lines = text.split(separator: "\n").filter { !$0.hasPrefix("  syntax") }.dropFirst(2)
      for line in lines where !line.hasPrefix("  example") && !line.hasPrefix("  Names bind") {
        #expect(line.count <= 100, "help \(info?.name ?? ""): \(line)")
      }
    }
  }

  @Test func wrapBreaksAtSpacesAndKeepsLongWords() {
    #expect(TextRenderer.wrap("a bb ccc dddd", width: 6) == ["a bb", "ccc", "dddd"])
    #expect(TextRenderer.wrap("abcdefghij k", width: 4) == ["abcdefghij", "k"])
    #expect(TextRenderer.wrap("", width: 4) == [""])
  }
}
