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
