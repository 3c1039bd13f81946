/// Draws a diagnostic as text: the message, the place, the source line and a marker under
/// the span, then the notes (after swift-syntax's DiagnosticsFormatter and rustc).
///
/// ```
/// error: unknown column 'MMLUX' in 'data' (did you mean 'MMLU'?)
///  --> analysis.obs:3:15
///   |
/// 3 | f = fit data: MMLUX ~ pc(3)
///   |               ^^^^^
///   = note: …
/// ```
public enum DiagnosticRenderer {
  /// Returns the rendered diagnostic; `file` names the source (nil for a cell), and `color`
  /// adds ANSI colours for terminals.
  public static func render(_ diagnostic: Diagnostic, source: String, file: String? = nil, color: Bool = false) -> String {
    let red = color ? "\u{1B}[1;31m" : ""
    let yellow = color ? "\u{1B}[1;33m" : ""
    let blue = color ? "\u{1B}[1;34m" : ""
    let bold = color ? "\u{1B}[1m" : ""
    let reset = color ? "\u{1B}[0m" : ""
    let range = diagnostic.range
    let severityColor = diagnostic.severity == .error ? red : yellow
    var lines = ["\(severityColor)\(diagnostic.severity.rawValue)\(reset)\(bold): \(diagnostic.message)\(reset)"]
    let sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false).map { $0.replacingCRLF() }
    let number = String(range.start.line)
    let pad = String(repeating: " ", count: number.count)
    let place = file.map { "\($0):\(range.start.line):\(range.start.column)" } ?? "line \(range.start.line), column \(range.start.column)"
    lines.append("\(pad)\(blue)-->\(reset) \(place)")
    if range.start.line >= 1, range.start.line <= sourceLines.count {
      let text = sourceLines[range.start.line - 1]
      let start = max(1, range.start.column)
      let available = max(1, text.count - start + 2)
      let width = range.end.line == range.start.line ? max(1, min(range.end.column - start, available)) : max(1, text.count - start + 1)
      lines.append("\(pad) \(blue)|\(reset)")
      lines.append("\(blue)\(number) |\(reset) \(text)")
      lines.append("\(pad) \(blue)|\(reset) " + String(repeating: " ", count: start - 1) + severityColor + String(repeating: "^", count: width) + reset)
    }
    for note in diagnostic.notes {
      lines.append("\(pad) \(blue)=\(reset) note: \(note)")
    }
    return lines.joined(separator: "\n")
  }
}

extension Substring {
  /// Returns the line without a trailing carriage return.
  func replacingCRLF() -> String {
    hasSuffix("\r") ? String(dropLast()) : String(self)
  }
}
