/// Base64 (RFC 4648 §4, with padding), for charts carried inside HTML as `data:` URIs.
enum Base64 {
  /// The 64 digits, in order.
  private static let digits = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  /// Returns the Base64 text of `bytes`: four digits for every three bytes, the last group
  /// padded with `=`.
  static func encode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var iterator = bytes.makeIterator()
    while let first = iterator.next() {
      let second = iterator.next()
      let third = iterator.next()
      let group = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
      out.append(digits[Int(group >> 18 & 63)])
      out.append(digits[Int(group >> 12 & 63)])
      out.append(second == nil ? UInt8(ascii: "=") : digits[Int(group >> 6 & 63)])
      out.append(third == nil ? UInt8(ascii: "=") : digits[Int(group & 63)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
