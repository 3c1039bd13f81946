import ScalingLaws
import Testing

/// RFC 4180 parsing through `ScoreTable(csv:)`: what is accepted and every error's position.
struct CSVParserTests {
  /// Accepted spellings of the same two-row table.
  @Test(arguments: [
    ("plain", "Model,MMLU\na,0.5\nb,0.25\n"),
    ("CRLF", "Model,MMLU\r\na,0.5\r\nb,0.25\r\n"),
    ("BOM", "\u{FEFF}Model,MMLU\na,0.5\nb,0.25"),
    ("blank trailing lines", "Model,MMLU\na,0.5\nb,0.25\n\n\r\n\n"),
    ("quoted", "\"Model\",\"MMLU\"\n\"a\",\"0.5\"\nb,0.25\n"),
    ("spaces around numbers", "Model,MMLU\na, 0.5 \nb,2.5e-1\n"),
  ])
  func acceptsVariants(_ name: String, _ text: String) throws {
    let table = try ScoreTable(csv: bytes(text))
    #expect(table.models == ["a", "b"], "\(name)")
    #expect(try table.numbers("MMLU") == [0.5, 0.25], "\(name)")
  }

  /// Quoted fields keep commas, doubled quotes and line breaks; empty cells are missing.
  @Test func quotedFieldsAndMissingCells() throws {
    let text =
      "Model,\"gsm8k_cot_8_exact_match,strict-match\",Note\n\"org/x, \"\"big\"\"\",0.5,\"two\nlines\"\ny,,z\n"
    let table = try ScoreTable(csv: bytes(text), textColumns: ["Note"])
    #expect(table.columnNames == ["Model", "gsm8k_cot_8_exact_match,strict-match", "Note"])
    #expect(table.models == ["org/x, \"big\"", "y"])
    let values = try table.numbers("gsm8k_cot_8_exact_match,strict-match")
    #expect(values[0] == 0.5 && values[1].isNaN)
    #expect(table.columns[2].values == .text(["two\nlines", "z"]))
  }

  /// Blanks around names and text cells go (tabs and no-break spaces too); line breaks inside
  /// a quoted field stay.
  @Test func trimsBlanksAroundNamesAndText() throws {
    let table = try ScoreTable(csv: bytes("Model,\t Score\u{00A0}\n\u{00A0}a/A \t,1\n\"b\n\",2\n"))
    #expect(table.columnNames == ["Model", "Score"])
    #expect(table.models == ["a/A", "b\n"])
  }

  /// A column with no number at all is text, and a column of numbers stays numeric.
  @Test func infersTextColumns() throws {
    let table = try ScoreTable(csv: bytes("Model,Org,Score\na,x,1\nb,y,\n"))
    #expect(!table.columns[1].isNumeric)
    #expect(table.columns[2].isNumeric)
  }

  /// Every malformed input gives its own error, with the line and column of the problem.
  @Test(
    arguments: [
      ("empty file", "", ScalingLawsError.csvEmpty),
      ("blank lines only", "\n\n", .csvEmpty),
      ("header only", "Model,MMLU\n", .csvHeaderOnly(columns: 2)),
      (
        "ragged row", "Model,MMLU\na,0.5\nb,0.5,0.7\n",
        .csvRaggedRow(line: 3, expected: 2, found: 3)
      ),
      ("short row", "Model,MMLU,ARC\na,0.5\n", .csvRaggedRow(line: 2, expected: 3, found: 2)),
      (
        "unterminated quote", "Model,MMLU\na,\"0.5\nb,0.3\n",
        .csvUnterminatedQuote(line: 2, column: 3)
      ),
      ("stray quote", "Model,MMLU\na,0\"5\n", .csvStrayQuote(line: 2, column: 4)),
      ("text after quote", "Model,MMLU\n\"a\"x,0.5\n", .csvStrayQuote(line: 2, column: 4)),
      (
        "non-numeric cell", "Model,MMLU\na,0.5\nb,abc\n",
        .nonNumericCell(value: "abc", columnName: "MMLU", line: 3, column: 3)
      ),
      (
        "NaN cell", "Model,MMLU\na,0.5\nb,NaN\n",
        .nonFiniteCell(value: "NaN", columnName: "MMLU", line: 3, column: 3)
      ),
      (
        "infinite cell", "Model,MMLU\na,inf\nb,0.5\n",
        .nonFiniteCell(value: "inf", columnName: "MMLU", line: 2, column: 3)
      ),
      (
        "overflowing cell", "Model,MMLU\na,1e999\nb,0.5\n",
        .nonFiniteCell(value: "1e999", columnName: "MMLU", line: 2, column: 3)
      ),
      (
        "zero FLOPs", "Model,FLOPs (1E21)\na,3\nb, 0\n",
        .nonPositiveCell(value: "0", columnName: "FLOPs (1E21)", line: 3, column: 3)
      ),
      (
        "negative size", "Model,Model Size (B),MMLU\na,-7,0.5\n",
        .nonPositiveCell(value: "-7", columnName: "Model Size (B)", line: 2, column: 3)
      ),
      (
        "hexadecimal cell", "Model,MMLU\na,0x1p3\nb,0.5\n",
        .nonNumericCell(value: "0x1p3", columnName: "MMLU", line: 2, column: 3)
      ),
      (
        "duplicate model", "Model,MMLU\na,0.5\nb,0.1\na,0.2\n",
        .duplicateModel(name: "a", firstRow: 2, secondRow: 4)
      ),
      ("empty model", "Model,MMLU\na,0.5\n,0.1\n", .emptyModelName(row: 2)),
      (
        "duplicate column", "Model,MMLU,MMLU\na,0.5,0.5\n",
        .csvDuplicateColumn(name: "MMLU", line: 1, column: 12)
      ),
      ("empty column name", "Model,,MMLU\na,0.5,0.5\n", .csvEmptyColumnName(line: 1, column: 7)),
      (
        "no Model column", "Name,MMLU\na,0.5\n",
        .missingRequiredColumn(name: "Model", available: ["Name", "MMLU"])
      ),
      ("invalid UTF-8", "Model,MMLU\na\u{FF}b,0.5\n", nil),
    ] as [(String, String, ScalingLawsError?)])
  func rejectsMalformed(_ name: String, _ text: String, _ expected: ScalingLawsError?) {
    var data = bytes(text)
    if name == "invalid UTF-8" { data = bytes("Model,MMLU\na") + [0xFF] + bytes("b,0.5\n") }
    let error = thrownError { try ScoreTable(csv: data) }
    if let expected {
      #expect(error == expected, "\(name)")
    } else {
      #expect(error == .csvInvalidUTF8(line: 2, column: 2), "\(name)")
    }
  }

  /// Columns are counted in characters, not bytes.
  @Test func columnsCountCharacters() {
    let error = thrownError { try ScoreTable(csv: bytes("Model,MMLU\nmodèle-é,x1\nb,0.5\n")) }
    #expect(error == .nonNumericCell(value: "x1", columnName: "MMLU", line: 2, column: 10))
  }

  /// Messages name the value, the column and the position.
  @Test func messagesNameValueAndPlace() {
    let message = ScalingLawsError.nonNumericCell(
      value: "abc", columnName: "MMLU", line: 3, column: 3
    ).description
    #expect(
      message.contains("line 3, column 3") && message.contains("'abc'")
        && message.contains("'MMLU'"))
  }
}
