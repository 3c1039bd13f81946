extension JSON {
  /// The value as compact UTF-8 JSON bytes.
  public var serializedBytes: [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(128)
    write(to: &out)
    return out
  }

  /// The value as compact JSON text.
  public var serialized: String {
    String(decoding: serializedBytes, as: UTF8.self)
  }

  /// The value as UTF-8 JSON text for people to read and diff: one member or item per line,
  /// indented by two spaces, `"key": value`, ending with a line break.
  ///
  /// - Parameter sortingKeys: Whether to write each object's keys in byte order rather than
  ///   in the order given, so that equal values always print the same.
  public func prettyBytes(sortingKeys: Bool = false) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(4096)
    writePretty(to: &out, depth: 0, sortingKeys: sortingKeys)
    out.append(0x0A)
    return out
  }

  /// Appends the pretty form at nesting `depth`.
  private func writePretty(to out: inout [UInt8], depth: Int, sortingKeys: Bool) {
    func newline(_ depth: Int) {
      out.append(0x0A)
      out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }
    switch self {
    case .array(let items) where !items.isEmpty:
      out.append(UInt8(ascii: "["))
      for (k, item) in items.enumerated() {
        if k > 0 { out.append(UInt8(ascii: ",")) }
        newline(depth + 1)
        item.writePretty(to: &out, depth: depth + 1, sortingKeys: sortingKeys)
      }
      newline(depth)
      out.append(UInt8(ascii: "]"))
    case .object(let pairs) where !pairs.isEmpty:
      out.append(UInt8(ascii: "{"))
      let ordered =
        sortingKeys ? pairs.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) } : pairs
      for (k, pair) in ordered.enumerated() {
        if k > 0 { out.append(UInt8(ascii: ",")) }
        newline(depth + 1)
        JSON.writeString(pair.0, to: &out)
        out.append(contentsOf: ": ".utf8)
        pair.1.writePretty(to: &out, depth: depth + 1, sortingKeys: sortingKeys)
      }
      newline(depth)
      out.append(UInt8(ascii: "}"))
    default:
      write(to: &out)
    }
  }

  /// Appends the compact serialization to `out`. Non-finite doubles become `null`, which is
  /// what JSON can say of them.
  private func write(to out: inout [UInt8]) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
    case .integer(let value): out.append(contentsOf: String(value).utf8)
    case .double(let value):
      if !value.isFinite {
        out.append(contentsOf: "null".utf8)
      } else if value == value.rounded(), abs(value) < 1e15 {
        out.append(contentsOf: String(Int64(value)).utf8)
      } else {
        out.append(contentsOf: "\(value)".utf8)
      }
    case .string(let text): JSON.writeString(text, to: &out)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (k, item) in items.enumerated() {
        if k > 0 { out.append(UInt8(ascii: ",")) }
        item.write(to: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let pairs):
      out.append(UInt8(ascii: "{"))
      for (k, pair) in pairs.enumerated() {
        if k > 0 { out.append(UInt8(ascii: ",")) }
        JSON.writeString(pair.0, to: &out)
        out.append(UInt8(ascii: ":"))
        pair.1.write(to: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  /// Appends `text` as a JSON string literal, escaping quotes, backslashes and controls.
  private static func writeString(_ text: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
      case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
      case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
      case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
      case 0..<0x20:
        out.append(contentsOf: Array("\\u00".utf8))
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0xF)])
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}
