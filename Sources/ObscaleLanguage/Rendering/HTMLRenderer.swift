/// Renders outputs as HTML for notebooks: tables that read well in JupyterLab's light and
/// dark themes (colours come from the theme's CSS variables, with light fallbacks), and
/// plots as inline SVG.
public enum HTMLRenderer {
  /// The style sheet, scoped to `.obscale`; it sets no background so the theme's shows.
  static let style = """
    <style>
    .obscale{font-family:var(--jp-ui-font-family,system-ui,sans-serif);color:var(--jp-ui-font-color1,#1f2328);line-height:1.4}
    .obscale h4{margin:.2em 0 .5em;font-size:1.05em}
    .obscale p{margin:.3em 0}
    .obscale .warning{color:var(--jp-warn-color1,#9a6700)}
    .obscale table{border-collapse:collapse;margin:.4em 0 .8em;font-size:.92em;font-variant-numeric:tabular-nums}
    .obscale th,.obscale td{padding:.2em .7em;border-bottom:1px solid var(--jp-border-color2,#d0d7de);text-align:left;white-space:nowrap}
    .obscale th{border-bottom:2px solid var(--jp-border-color1,#8c959f);font-weight:600}
    .obscale td.n,.obscale th.n{text-align:right}
    .obscale td.missing{color:var(--jp-ui-font-color3,#8c959f)}
    .obscale dl{display:grid;grid-template-columns:max-content auto;gap:.15em 1em;margin:.3em 0 .8em}
    .obscale dt{font-weight:600}
    .obscale dd{margin:0}
    .obscale .scroll{max-height:28em;overflow:auto}
    .obscale details{margin:.3em 0}
    .obscale summary{cursor:pointer;color:var(--jp-ui-font-color2,#57606a)}
    </style>
    """

  /// Returns the HTML fragment of `output`.
  public static func render(_ output: Output) -> String {
    var html = style + "<div class=\"obscale\"><h4>\(escape(output.title))</h4>"
    for block in output.blocks {
      switch block {
      case .text(let text):
        let warning = text.hasPrefix("warning:")
        html += "<p\(warning ? " class=\"warning\"" : "")>\(escape(text))</p>"
      case .fields(let fields):
        html += "<dl>" + fields.map { "<dt>\(escape($0.name))</dt><dd>\(escape(TextRenderer.display($0)))</dd>" }.joined() + "</dl>"
      case .table(let table):
        html += render(table)
      case .plot(let plot):
        html += SVGRenderer.render(plot)
      }
    }
    return html + "</div>"
  }

  /// Returns a table; tables hidden in text are folded in a `<details>`, long ones scroll.
  static func render(_ table: DataTable) -> String {
    let numeric = table.columns.map { $0.format != .text }
    var html = "<table><thead><tr>"
    for (column, isNumber) in zip(table.columns, numeric) {
      html += "<th\(isNumber ? " class=\"n\"" : "")>\(escape(column.name))</th>"
    }
    html += "</tr></thead><tbody>"
    for row in table.rows {
      html += "<tr>"
      for (cell, column) in zip(row, table.columns) {
        let text = escape(TextRenderer.format(cell, column.format))
        switch cell {
        case .missing: html += "<td class=\"n missing\">\(text)</td>"
        case .number: html += "<td class=\"n\">\(text)</td>"
        case .text: html += "<td>\(text)</td>"
        }
      }
      html += "</tr>"
    }
    html += "</tbody></table>"
    if table.displayLimit == 0 {
      return "<details><summary>\(escape(table.name)) (\(table.rows.count) rows)</summary><div class=\"scroll\">\(html)</div></details>"
    }
    if table.rows.count > 25 { return "<div class=\"scroll\">\(html)</div>" }
    return html
  }

  /// Escapes text for HTML content and attribute values.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }
}
