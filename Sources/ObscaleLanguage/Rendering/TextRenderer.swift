internal import ScalingLaws

/// Renders outputs as plain text for terminals and scripts: aligned fields and tables, and
/// plots as Unicode charts.
public enum TextRenderer {
  /// Returns the text of `output`, ending without a newline.
  public static func render(_ output: Output, chartWidth: Int = 64) -> String {
    var lines = [output.title]
    // A bare number or string is its title; the field that repeats it is for JSON.
    for block in output.blocks where output.kind != .value {
      switch block {
      case .text(let text):
        lines.append("  " + text)
      case .fields(let fields):
        let width = fields.map(\.name.count).max() ?? 0
        for field in fields {
          lines.append(
            "  " + field.name + String(repeating: " ", count: width - field.name.count) + "  "
              + display(field))
        }
      case .table(let table):
        lines += render(table)
      case .plot(let plot):
        lines += TextChart.render(plot, width: chartWidth).map { "  " + $0 }
      case .data:
        break
      }
    }
    // Control characters in data (a model id from a file) are shown, not obeyed.
    return DiagnosticRenderer.visibleText(lines.joined(separator: "\n"))
  }

  /// Returns a field's value as text.
  static func display(_ field: Field) -> String {
    if let display = field.display { return display }
    return format(field.value, .significant(6))
  }

  /// Returns the lines of a table, eliding rows past its display limit.
  static func render(_ table: DataTable) -> [String] {
    let limit = table.displayLimit ?? table.rows.count
    if limit == 0 {
      return [
        "  \(table.name): \(table.rows.count) rows (in the JSON and HTML output; show NAME lists a value's rows)"
      ]
    }
    let shown = table.rows.prefix(limit).map { row in
      zip(row, table.columns).map { format($0, $1.format) }
    }
    var lines =
      table.textRecords
      ? records(table.columns.map(\.name), Array(shown))
      : [TextTable(header: table.columns.map(\.name), rows: Array(shown)).render(indent: 2)]
    if table.rows.count > limit {
      lines.append(
        "  … \(table.rows.count - limit) more rows (show NAME rows = all, or the JSON output)")
    }
    return lines
  }

  /// The width text is wrapped to, indent included.
  static let wrapWidth = 100

  /// Rows as records: the first cell, then the second beside it and each further one as
  /// `header: value` beneath, all wrapped to `wrapWidth` under the first cell's column.
  static func records(_ header: [String], _ rows: [[String]]) -> [String] {
    let key = rows.map { $0.first?.count ?? 0 }.max() ?? 0
    let indent = String(repeating: " ", count: 2 + key + 2)
    let width = max(20, wrapWidth - indent.count)
    var lines: [String] = []
    for row in rows {
      guard let first = row.first else { continue }
      var body: [String] = []
      if row.count > 1 { body += wrap(row[1], width: width) }
      for (name, cell) in zip(header.dropFirst(2), row.dropFirst(2)) where !cell.isEmpty {
        body += wrap("\(name): \(cell)", width: width)
      }
      let head = "  " + first + String(repeating: " ", count: key - first.count) + "  "
      lines.append(head + (body.first ?? ""))
      lines += body.dropFirst().map { indent + $0 }
    }
    return lines
  }

  /// `text` broken at spaces into lines of at most `width` characters (a longer word stands
  /// on its own line).
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if line.isEmpty {
        line = String(word)
      } else if line.count + 1 + word.count <= width {
        line += " " + word
      } else {
        lines.append(line)
        line = String(word)
      }
    }
    if !line.isEmpty || lines.isEmpty { lines.append(line) }
    return lines
  }

  /// Formats a cell for a column.
  static func format(_ cell: Cell, _ format: NumberFormat) -> String {
    switch cell {
    case .text(let text): return text
    case .missing: return "—"
    case .number(let value):
      switch format {
      case .text, .significant(6): return NumberFormatting.significant(value, 6)
      case .fixed(let digits): return NumberFormatting.fixed(value, digits)
      case .significant(let digits): return NumberFormatting.significant(value, digits)
      case .scientific(let digits): return NumberFormatting.scientific(value, digits)
      case .integer:
        return value == value.rounded() && abs(value) < 1e15
          ? String(Int64(value)) : NumberFormatting.significant(value, 6)
      case .percent: return NumberFormatting.percent(value)
      }
    }
  }
}
