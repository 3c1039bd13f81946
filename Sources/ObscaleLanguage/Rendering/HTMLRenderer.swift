/// Renders outputs as HTML for notebooks: tables that read well in JupyterLab's light and
/// dark themes (colours come from the theme's CSS variables, with light fallbacks), and
/// plots as SVG images.
public enum HTMLRenderer {
  /// The style sheet, scoped to `.obscale`; it sets no background so the theme's shows.
  /// Every selector names the class twice, so it outranks JupyterLab's own
  /// `.jp-RenderedHTMLCommon td` (which right-aligns every cell and lets labels wrap)
  /// whichever style sheet comes later.
  static let style = """
    <style>
    .obscale.obscale{font-family:var(--jp-ui-font-family,system-ui,sans-serif);color:var(--jp-ui-font-color1,#1f2328);line-height:1.4}
    .obscale.obscale h4{margin:.2em 0 .5em;font-size:1.05em}
    .obscale.obscale p{margin:.3em 0}
    .obscale.obscale .warning{color:var(--jp-warn-color1,#9a6700)}
    .obscale.obscale table{border-collapse:collapse;margin:.4em 0 .8em;font-size:.92em;font-variant-numeric:tabular-nums;table-layout:auto}
    .obscale.obscale th,.obscale.obscale td{padding:.2em .7em;border:none;border-bottom:1px solid var(--jp-border-color2,#d0d7de);text-align:left;white-space:nowrap;max-width:none}
    .obscale.obscale th{border-bottom:2px solid var(--jp-border-color1,#8c959f);font-weight:600;white-space:normal;vertical-align:bottom}
    .obscale.obscale td.n,.obscale.obscale th.n{text-align:right}
    .obscale.obscale td.missing{color:var(--jp-ui-font-color3,#8c959f)}
    .obscale.obscale dl{display:grid;grid-template-columns:max-content auto;gap:.15em 1em;margin:.3em 0 .8em}
    .obscale.obscale dt{font-weight:600;white-space:nowrap;margin:0}
    .obscale.obscale dd{margin:0}
    .obscale.obscale .scroll{max-height:28em;overflow:auto}
    .obscale.obscale details{margin:.3em 0}
    .obscale.obscale summary{cursor:pointer;color:var(--jp-ui-font-color2,#57606a)}
    .obscale.obscale img.chart{display:block;max-width:100%;height:auto;margin:.4em 0}
    </style>
    """

  /// Inline styles for what must hold where the style sheet is dropped: JupyterLab strips
  /// `<style>` from the HTML of an untrusted notebook but keeps these attributes, and its own
  /// rules would otherwise right-align every cell and wrap labels.
  enum Inline {
    /// A text cell or heading: left-aligned, on one line.
    static let text = "text-align:left;white-space:nowrap"
    /// A number cell or heading: right-aligned, on one line.
    static let number = "text-align:right;white-space:nowrap"
    /// A text column's heading: left-aligned; it wraps between words only where the table
    /// would otherwise be wider than the output (a table fits at its natural width unchanged).
    static let textHeading = "text-align:left;white-space:normal;vertical-align:bottom"
    /// A number column's heading, likewise ("common test MSE" over two lines in a narrow
    /// notebook, so that `compare` keeps every column in view).
    static let numberHeading = "text-align:right;white-space:normal;vertical-align:bottom"
    /// A list of fields: labels in one column, values in the next.
    static let fields =
      "display:grid;grid-template-columns:max-content auto;column-gap:1em;row-gap:.15em"
    /// A field's label: bold, never wrapped.
    static let label = "font-weight:600;white-space:nowrap;margin:0"
  }

  /// Returns the HTML fragment of `output`.
  public static func render(_ output: Output) -> String {
    var html = style + "<div class=\"obscale\"><h4>\(escape(output.title))</h4>"
    for block in output.blocks {
      switch block {
      case .text(let text):
        let warning = text.hasPrefix("warning:")
        html += "<p\(warning ? " class=\"warning\"" : "")>\(escape(text))</p>"
      case .fields(let fields):
        html +=
          "<dl style=\"\(Inline.fields)\">"
          + fields.map {
            "<dt style=\"\(Inline.label)\">\(escape($0.name))</dt><dd style=\"margin:0\">\(escape(TextRenderer.display($0)))</dd>"
          }.joined() + "</dl>"
      case .table(let table):
        html += render(table)
      case .plot(let plot):
        html += chart(plot)
      case .data:
        break
      }
    }
    return html + "</div>"
  }

  /// Returns a chart as an image whose source is the SVG itself (a `data:` URI): notebook
  /// front ends that sanitize untrusted HTML strip inline `<svg>` but keep such an image.
  static func chart(_ plot: Plot) -> String {
    let svg = SVGRenderer.render(plot)
    return
      "<img class=\"chart\" alt=\"\(escape(plot.title))\" src=\"data:image/svg+xml;base64,\(Base64.encode(svg.utf8))\">"
  }

  /// Returns a table; tables hidden in text are folded in a `<details>`, long ones scroll.
  static func render(_ table: DataTable) -> String {
    let numeric = table.columns.map { $0.format != .text }
    var html = "<table><thead><tr>"
    for (column, isNumber) in zip(table.columns, numeric) {
      html +=
        "<th\(isNumber ? " class=\"n\" style=\"\(Inline.numberHeading)\"" : " style=\"\(Inline.textHeading)\"")>\(escape(TextTable.visible(column.name)))</th>"
    }
    html += "</tr></thead><tbody>"
    for row in table.rows {
      html += "<tr>"
      for (cell, column) in zip(row, table.columns) {
        let text = escape(TextTable.visible(TextRenderer.format(cell, column.format)))
        switch cell {
        case .missing: html += "<td class=\"n missing\" style=\"\(Inline.number)\">\(text)</td>"
        case .number: html += "<td class=\"n\" style=\"\(Inline.number)\">\(text)</td>"
        case .text: html += "<td style=\"\(Inline.text)\">\(text)</td>"
        }
      }
      html += "</tr>"
    }
    html += "</tbody></table>"
    if table.displayLimit == 0 {
      return
        "<details><summary>\(escape(table.name)) (\(table.rows.count) rows)</summary><div class=\"scroll\">\(html)</div></details>"
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
