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
  public static func render(
    _ diagnostic: Diagnostic, source: String, file: String? = nil, color: Bool = false
  ) -> String {
    let red = color ? "\u{1B}[1;31m" : ""
    let yellow = color ? "\u{1B}[1;33m" : ""
    let blue = color ? "\u{1B}[1;34m" : ""
    let bold = color ? "\u{1B}[1m" : ""
    let reset = color ? "\u{1B}[0m" : ""
    let range = diagnostic.range
    let severityColor = diagnostic.severity == .error ? red : yellow
    var lines = [
      "\(severityColor)\(diagnostic.severity.rawValue)\(reset)\(bold): \(diagnostic.message)\(reset)"
    ]
    let number = String(range.start.line)
    let pad = String(repeating: " ", count: number.count)
    let place =
      file.map { "\($0):\(range.start.line):\(range.start.column)" }
      ?? "line \(range.start.line), column \(range.start.column)"
    lines.append("\(pad)\(blue)-->\(reset) \(place)")
    if let text = line(range.start.line, of: source) {
      let start = max(1, range.start.column)
      let available = max(1, text.count - start + 2)
      let width =
        range.end.line == range.start.line
        ? max(1, min(range.end.column - start, available)) : max(1, text.count - start + 1)
      let (shown, offset, marked) = window(text, marker: start - 1, width: width)
      lines.append("\(pad) \(blue)|\(reset)")
      lines.append("\(blue)\(number) |\(reset) \(shown)")
      lines.append(
        "\(pad) \(blue)|\(reset) " + String(repeating: " ", count: offset) + severityColor
          + String(repeating: "^", count: marked) + reset)
    }
    for note in diagnostic.notes {
      lines.append("\(pad) \(blue)=\(reset) note: \(note)")
    }
    return lines.joined(separator: "\n")
  }
}

extension DiagnosticRenderer {
  /// The widest source line drawn; a longer one is cut around the marker, with `…` for
  /// what is left out.
  static let maximumLineWidth = 100

  /// Line `number` (from 1) of `source`, lines ending at LF, CRLF or CR; nil past the end.
  static func line(_ number: Int, of source: String) -> String? {
    guard number >= 1 else { return nil }
    var current = 1
    var lineStart = source.unicodeScalars.startIndex
    var index = lineStart
    let scalars = source.unicodeScalars
    while index < scalars.endIndex {
      let scalar = scalars[index]
      if scalar == "\n" || scalar == "\r" {
        if current == number { return String(scalars[lineStart..<index]) }
        var next = scalars.index(after: index)
        if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" {
          next = scalars.index(after: next)
        }
        current += 1
        lineStart = next
        index = next
      } else {
        index = scalars.index(after: index)
      }
    }
    return current == number ? String(scalars[lineStart...]) : nil
  }

  /// What of `text` to draw: at most `maximumLineWidth` characters around the marker (which
  /// starts at character `marker` and spans `width`), control characters made visible; and
  /// where the marker then starts and how wide it is.
  static func window(_ text: String, marker: Int, width: Int) -> (
    text: String, offset: Int, width: Int
  ) {
    let characters = Array(text)
    var from = 0
    var to = characters.count
    if characters.count > maximumLineWidth {
      from = max(0, min(marker - maximumLineWidth / 4, characters.count - maximumLineWidth))
      to = min(characters.count, from + maximumLineWidth)
    }
    let head = from > 0 ? "…" : ""
    let tail = to < characters.count ? "…" : ""
    let shown = head + String(characters[from..<to].map(visible)) + tail
    let offset = max(0, marker - from) + head.count
    let marked = max(1, min(width, to - max(marker, from)))
    return (shown, offset, marked)
  }

  /// Whether `scalar` is a control character (C0 but tab, DEL, C1), which a terminal would
  /// act on rather than show.
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
  }

  /// `text` with every control character but line breaks and tabs as its control picture: text
  /// from files (a model id holding ESC [31m) reaches a terminal or a notebook's ANSI
  /// rendering as something to see, never as a command.
  public static func visibleText(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { isControl($0) && $0 != "\n" }) else { return text }
    // By scalar: "\r\n" is one Character, and its line break must survive.
    var shown = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar == "\n" || !isControl(scalar) {
        shown.append(scalar)
      } else if scalar.value < 0x20, let picture = Unicode.Scalar(0x2400 + scalar.value) {
        shown.append(picture)
      } else {
        shown.append("\u{FFFD}")
      }
    }
    return String(shown)
  }

  /// A character that would not show as itself, as something one column wide that does: a
  /// control character as its Unicode control picture (NUL → ␀, ESC → ␛), a no-break or
  /// other non-ASCII space as ⍽, a zero-width or bidi control as �; anything else as it is.
  static func visible(_ character: Character) -> Character {
    guard character.unicodeScalars.contains(where: LanguageError.isInvisible) else {
      return character
    }
    let scalar = character.unicodeScalars.first?.value ?? 0
    if scalar < 0x20, let picture = Unicode.Scalar(0x2400 + scalar) { return Character(picture) }
    // A space other than the ASCII one as ⍽; a format character (zero-width, bidi) as �.
    if character.unicodeScalars.allSatisfy(\.properties.isWhitespace) { return "\u{237D}" }
    return "\u{FFFD}"
  }
}

extension Substring {
  /// Returns the line without a trailing carriage return.
  func replacingCRLF() -> String {
    hasSuffix("\r") ? String(dropLast()) : String(self)
  }
}
