internal import ScalingLaws

/// Renders outputs as plain text for terminals and scripts: aligned fields and tables, and
/// plots as Unicode charts.
public enum TextRenderer {
  /// The narrowest terminal width honoured: below it, text is laid out for this width.
  public static let minimumWidth = 40

  /// Returns the text of `output`, ending without a newline.
  ///
  /// With a `width` (a terminal's columns), every line fits it: prose and field values wrap
  /// at word boundaries, a table too wide keeps its first columns and says which it leaves
  /// out and how to see them, and a chart narrows. Without one (a pipe, a file, a notebook)
  /// lines keep their full length.
  public static func render(_ output: Output, chartWidth: Int = 64, width: Int? = nil) -> String {
    let limit = width.map { max(minimumWidth, $0) }
    var lines = fitted(output.title, limit, indent: "", hanging: "  ")
    // A bare number or string is its title; the field that repeats it is for JSON.
    for block in output.blocks where output.kind != .value {
      switch block {
      case .text(let text):
        lines += fitted(text, limit, indent: "  ", hanging: "  ")
      case .fields(let fields):
        let width = fields.map(\.name.count).max() ?? 0
        for field in fields {
          let head =
            "  " + field.name + String(repeating: " ", count: width - field.name.count) + "  "
          lines += fitted(
            display(field), limit, indent: head,
            hanging: String(repeating: " ", count: head.count))
        }
      case .table(let table):
        lines += render(table, width: limit)
      case .plot(let plot):
        // The chart's gutter, tick, indent and axis labels take up to 18 columns beside its
        // plot area.
        let plotWidth = limit.map { min(chartWidth, max(20, $0 - 18)) } ?? chartWidth
        for line in TextChart.render(plot, width: plotWidth) {
          lines += fitted(line, limit, indent: "  ", hanging: "    ")
        }
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

  /// `text` as lines of at most `limit` characters (all of it on one line without a limit):
  /// the first line after `indent`, the others after `hanging`, broken at spaces. A line
  /// that is one long word (a path) stays whole.
  static func fitted(_ text: String, _ limit: Int?, indent: String, hanging: String) -> [String] {
    guard let limit, indent.count + text.count > limit else { return [indent + text] }
    if text.contains("\n") {
      return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().flatMap {
        fitted(String($1), limit, indent: $0 == 0 ? indent : hanging, hanging: hanging)
      }
    }
    var lines: [String] = []
    var line = indent
    var empty = true
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
      if empty {
        line += word
        empty = word.isEmpty
      } else if line.count + 1 + word.count <= limit {
        line += " " + word
      } else {
        lines.append(line)
        line = hanging + word
      }
    }
    lines.append(line)
    return lines
  }

  /// Returns the lines of a table, eliding rows past its display limit; with a `width`, the
  /// columns that fit it, and a line naming those left out.
  static func render(_ table: DataTable, width: Int? = nil) -> [String] {
    let limit = table.displayLimit ?? table.rows.count
    if limit == 0 {
      return fitted(
        "\(table.name): \(table.rows.count) rows (in the JSON and HTML output; show NAME lists a value's rows)",
        width, indent: "  ", hanging: "  ")
    }
    let shown = table.rows.prefix(limit).map { row in
      zip(row, table.columns).map { format($0, $1.format) }
    }
    let header = table.columns.map(\.name)
    var lines: [String]
    if table.textRecords {
      lines = records(header, Array(shown), width: width ?? wrapWidth)
    } else {
      // Columns are left out from the right, the first two always kept (the row's name and
      // the first value), until the widest line fits.
      var kept = header.count
      var text = TextTable(header: header, rows: Array(shown)).render(indent: 2)
      while let width, kept > 2, Self.widest(text) > width {
        kept -= 1
        text = TextTable(header: Array(header[..<kept]), rows: shown.map { Array($0[..<kept]) })
          .render(indent: 2)
      }
      lines = [text]
      if kept < header.count {
        let left = header[kept...].map { $0.contains(" ") ? "`\($0)`" : $0 }
        lines += fitted(
          "… \(header.count - kept) more column\(header.count - kept == 1 ? "" : "s") than fit \(width ?? 0) characters: \(left.joined(separator: ", ")) (show NAME columns = [...], a wider terminal, or the JSON output)",
          width, indent: "  ", hanging: "    ")
      }
    }
    if table.rows.count > limit {
      lines += fitted(
        "… \(table.rows.count - limit) more rows (show NAME rows = all, or the JSON output)", width,
        indent: "  ", hanging: "    ")
    }
    return lines
  }

  /// The length of the longest line of `text`, in characters.
  private static func widest(_ text: String) -> Int {
    text.split(separator: "\n").map(\.count).max() ?? 0
  }

  /// The width text is wrapped to, indent included.
  static let wrapWidth = 100

  /// Rows as records: the first cell, then the second beside it and each further one as
  /// `header: value` beneath, all wrapped to `wrapWidth` under the first cell's column.
  static func records(_ header: [String], _ rows: [[String]], width total: Int = wrapWidth)
    -> [String]
  {
    let key = rows.map { $0.first?.count ?? 0 }.max() ?? 0
    let indent = String(repeating: " ", count: 2 + key + 2)
    let width = max(20, total - indent.count)
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
