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
