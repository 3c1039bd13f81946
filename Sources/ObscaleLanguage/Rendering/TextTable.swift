internal import ScalingLaws

/// A table of text cells rendered with aligned columns, for terminal output.
///
/// Numeric-looking columns are right-aligned, others left-aligned; a rule of `─` separates
/// the header from the body.
public struct TextTable: Equatable, Sendable {
  /// The column headers.
  public var header: [String]
  /// The rows, each as many cells as the header.
  public var rows: [[String]]

  /// Creates a table.
  public init(header: [String], rows: [[String]]) {
    self.header = header
    self.rows = rows
  }

  /// `cell` with every character that would not show as itself in one line shown as a visible
  /// symbol: a line break as ␊ or ␍ (it would break the table and could print a row of its
  /// own), another control character as its control picture, and a format character (a
  /// zero-width space, a bidi control, a byte order mark) as `⟨U+200B⟩`.
  public static func visible(_ cell: String) -> String { cell.visibleInline }

  /// Returns the table as lines of text, each indented by `indent` spaces.
  public func render(indent: Int = 2) -> String {
    let header = self.header.map(Self.visible)
    let rows = self.rows.map { $0.map(Self.visible) }
    let columns = header.count
    var widths = header.map(\.count)
    var numeric = [Bool](repeating: true, count: columns)
    for row in rows {
      for (j, cell) in row.prefix(columns).enumerated() {
        widths[j] = max(widths[j], cell.count)
        if !cell.isEmpty, !isNumeric(cell) { numeric[j] = false }
      }
    }
    let pad = String(repeating: " ", count: indent)
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for j in 0..<columns {
        let cell = j < cells.count ? cells[j] : ""
        let fill = String(repeating: " ", count: widths[j] - cell.count)
        parts.append(numeric[j] ? fill + cell : cell + fill)
      }
      return pad + parts.joined(separator: "  ").trimmingTrailingSpaces()
    }
    var lines = [line(header)]
    lines.append(pad + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
    lines += rows.map(line)
    return lines.joined(separator: "\n")
  }

  /// Returns whether a cell reads as a number (digits, sign, point, exponent, ×, %, …).
  private func isNumeric(_ cell: String) -> Bool {
    cell.allSatisfy { "0123456789+-.eE%×—–".contains($0) || $0 == " " }
      && cell.contains(where: \.isNumber) || cell == "—"
  }
}

extension String {
  /// Returns the string without trailing spaces.
  func trimmingTrailingSpaces() -> String {
    var result = self
    while result.last == " " { result.removeLast() }
    return result
  }
}
