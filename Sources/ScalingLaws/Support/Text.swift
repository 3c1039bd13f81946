internal import Glibc

// Small text helpers the package's modules share, so that none of them needs Foundation.

extension StringProtocol {
  /// Returns the text without the leading and trailing characters `isTrimmed` accepts.
  ///
  /// - Parameter isTrimmed: Which edge characters to drop; whitespace and line breaks by default.
  package func trimmed(where isTrimmed: (Character) -> Bool = \.isWhitespace) -> String {
    guard let first = firstIndex(where: { !isTrimmed($0) }) else { return "" }
    let last = lastIndex(where: { !isTrimmed($0) })!
    return String(self[first...last])
  }
}

/// Formats a number with a C `printf` conversion such as `%.3f`, `%.2e` or `%.1f%%`.
///
/// The format must hold exactly one `double` conversion; it is the package's replacement for
/// Foundation's `String(format:)`, and like it uses the C library (in the "C" locale, which a
/// Swift program never changes).
package func formatted(_ format: String, _ value: Double) -> String {
  withVaList([value]) { arguments in
    var buffer = [CChar](repeating: 0, count: 64)
    let needed = Int(vsnprintf(&buffer, buffer.count, format, arguments))
    if needed >= buffer.count {
      buffer = [CChar](repeating: 0, count: needed + 1)
      return withVaList([value]) { again in
        _ = vsnprintf(&buffer, buffer.count, format, again)
        return String(decoding: buffer.prefix(needed).map { UInt8(bitPattern: $0) }, as: UTF8.self)
      }
    }
    return String(decoding: buffer.prefix(needed).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

extension StringProtocol {
  /// The text with every character that would not show as itself on one line shown as a
  /// visible symbol: a control character (a line break too: it would break a table or a note
  /// and could print a line of its own) as its control picture (␊, ␍, ␛), DEL and C1 controls
  /// and format characters (a zero-width space, a bidi control, a byte order mark) as
  /// `⟨U+202E⟩`. For text from files — model ids, column names — shown inline.
  package var visibleInline: String {
    func hidden(_ scalar: Unicode.Scalar) -> Bool {
      scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
        || scalar.properties.generalCategory == .format
    }
    guard unicodeScalars.contains(where: hidden) else { return String(self) }
    var shown = String.UnicodeScalarView()
    for scalar in unicodeScalars {
      if scalar.value < 0x20, let picture = Unicode.Scalar(0x2400 + scalar.value) {
        shown.append(picture)
      } else if hidden(scalar) {
        let code = String(scalar.value, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: Swift.max(0, 4 - code.count)) + code
        shown.append(contentsOf: "⟨U+\(padded)⟩".unicodeScalars)
      } else {
        shown.append(scalar)
      }
    }
    return String(shown)
  }
}
