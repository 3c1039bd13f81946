/// Writes a score table as RFC 4180 CSV that `ScoreTable(csv:)` reads back exactly.
public enum CSVWriter {
  /// Returns the CSV bytes: a header row, then one row per model; missing cells are empty.
  public static func write(_ table: ScoreTable) -> [UInt8] {
    var lines = [table.columnNames.map(quote).joined(separator: ",")]
    for i in 0..<table.rowCount {
      let cells = table.columns.map { column -> String in
        switch column.values {
        case .text(let texts): return quote(texts[i])
        case .numbers(let numbers): return numbers[i].isNaN ? "" : "\(numbers[i])"
        }
      }
      lines.append(cells.joined(separator: ","))
    }
    return Array((lines.joined(separator: "\n") + "\n").utf8)
  }

  /// Quotes a field when it holds a comma, quote, line break or edge space, looking at its
  /// scalars: "\r\n" is one `Character`, equal to neither "\r" nor "\n".
  private static func quote(_ field: String) -> String {
    let needs =
      field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
      || field.unicodeScalars.first.map(isEdgeSpace) == true
      || field.unicodeScalars.last.map(isEdgeSpace) == true
    return needs ? "\"" + field.replacing("\"", with: "\"\"") + "\"" : field
  }

  /// Whether the reader would trim `scalar` at an unquoted field's edge.
  private static func isEdgeSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isWhitespace
  }
}
