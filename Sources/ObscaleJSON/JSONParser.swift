/// A strict RFC 8259 JSON reader over UTF-8 bytes.
///
/// Rejects trailing content, leading zeros, lone surrogates, control characters in
/// strings, and nesting deeper than `maximumDepth`, each with the byte offset where it was
/// found, so that a malformed frame is reported, never trusted. Files written by Python's
/// `json` module (lm-evaluation-harness results) may hold `NaN`, `Infinity` and `-Infinity`
/// and start with a byte order mark: `parse(_:dialect:)` with `.python` reads those too.
public struct JSONParser {
  /// Which JSON is read.
  public enum Dialect: Sendable {
    /// RFC 8259 alone: the wire protocol and saved fits.
    case strict
    /// RFC 8259 plus what Python's `json.dump` writes by default: the non-finite numbers
    /// `NaN`, `Infinity` and `-Infinity` (read as `.double`), and a leading UTF-8 byte order
    /// mark.
    case python
  }

  /// How deeply arrays and objects may nest; deeper input is refused rather than risking
  /// the stack.
  public static let maximumDepth = 512

  /// Why some bytes are not JSON, and where.
  public struct Failure: Error, Equatable, CustomStringConvertible {
    /// The byte offset of the problem.
    public var offset: Int
    /// What is wrong.
    public var reason: String

    /// `reason at byte N`.
    public var description: String { "\(reason) at byte \(offset)" }
  }

  /// The bytes being read.
  private let bytes: UnsafeBufferPointer<UInt8>
  /// The read position.
  private var index = 0
  /// Whether Python's non-finite literals are read.
  private let python: Bool

  /// Creates a reader over `bytes`, which must outlive it.
  private init(_ bytes: UnsafeBufferPointer<UInt8>, dialect: Dialect) {
    self.bytes = bytes
    self.python = dialect == .python
  }

  /// Parses one JSON document from `bytes`.
  public static func parse(_ bytes: some Collection<UInt8>, dialect: Dialect = .strict)
    throws(Failure) -> JSON
  {
    let result: Result<JSON, Failure>? = bytes.withContiguousStorageIfAvailable { buffer in
      var parser = JSONParser(buffer, dialect: dialect)
      return Result { () throws(Failure) in try parser.document() }
    }
    if let result { return try result.get() }
    let copy = Array(bytes)
    return try copy.withUnsafeBufferPointer { buffer throws(Failure) in
      var parser = JSONParser(buffer, dialect: dialect)
      return try parser.document()
    }
  }

  /// Parses one JSON document from `text`.
  public static func parse(_ text: String) throws(Failure) -> JSON {
    try parse(Array(text.utf8))
  }

  /// A whole document: one value and nothing after it but whitespace.
  private mutating func document() throws(Failure) -> JSON {
    if python, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
      index = 3
    }
    skipWhitespace()
    let value = try self.value(depth: 0)
    skipWhitespace()
    guard index == bytes.count else { throw fail("unexpected content after the JSON value") }
    return value
  }

  /// A failure at the current position.
  private func fail(_ reason: String) -> Failure {
    Failure(offset: index, reason: reason)
  }

  /// Skips spaces, tabs, carriage returns and newlines.
  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  /// Any value.
  private mutating func value(depth: Int) throws(Failure) -> JSON {
    guard index < bytes.count else { throw fail("unexpected end of input") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object(depth: depth + 1)
    case UInt8(ascii: "["): return try array(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "N") where python:
      try literal("NaN")
      return .double(.nan)
    case UInt8(ascii: "I") where python:
      try literal("Infinity")
      return .double(.infinity)
    case UInt8(ascii: "-")
    where python && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "I"):
      index += 1
      try literal("Infinity")
      return .double(-.infinity)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default:
      throw fail("unexpected character '\(Unicode.Scalar(bytes[index]).escaped(asASCII: true))'")
    }
  }

  /// One of the words `true`, `false`, `null` (and in Python's dialect `NaN`, `Infinity`).
  private mutating func literal(_ word: String) throws(Failure) {
    var k = index
    for expected in word.utf8 {
      guard k < bytes.count else { throw fail("unexpected end of input") }
      guard bytes[k] == expected else { throw fail("invalid literal") }
      k += 1
    }
    index = k
  }

  /// An object.
  private mutating func object(depth: Int) throws(Failure) -> JSON {
    guard depth <= JSONParser.maximumDepth else {
      throw fail("nesting deeper than \(JSONParser.maximumDepth)")
    }
    index += 1
    var pairs: [(String, JSON)] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(pairs)
    }
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw fail("expected a string key")
      }
      let key = try string()
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw fail("expected ':'")
      }
      index += 1
      skipWhitespace()
      pairs.append((key, try value(depth: depth)))
      skipWhitespace()
      guard index < bytes.count else { throw fail("unexpected end of input") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(pairs)
      } else {
        throw fail("expected ',' or '}'")
      }
    }
  }

  /// An array.
  private mutating func array(depth: Int) throws(Failure) -> JSON {
    guard depth <= JSONParser.maximumDepth else {
      throw fail("nesting deeper than \(JSONParser.maximumDepth)")
    }
    index += 1
    var items: [JSON] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try value(depth: depth))
      skipWhitespace()
      guard index < bytes.count else { throw fail("unexpected end of input") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(items)
      } else {
        throw fail("expected ',' or ']'")
      }
    }
  }

  /// A number: an integer when it has no fraction or exponent and fits 64 bits.
  private mutating func number() throws(Failure) -> JSON {
    let start = index
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count, isDigit(bytes[index]) else { throw fail("expected a digit") }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
      if index < bytes.count, isDigit(bytes[index]) { throw fail("leading zero in a number") }
    } else {
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    var integral = true
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      integral = false
      index += 1
      guard index < bytes.count, isDigit(bytes[index]) else {
        throw fail("expected a digit after '.'")
      }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      integral = false
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      guard index < bytes.count, isDigit(bytes[index]) else {
        throw fail("expected a digit in the exponent")
      }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    if integral, let value = Int64(text) { return .integer(value) }
    guard let value = Double(text), value.isFinite else {
      index = start
      throw fail("number out of range")
    }
    return .double(value)
  }

  /// Whether `byte` is an ASCII digit.
  private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  /// A string, with escapes decoded; the input must be valid UTF-8.
  private mutating func string() throws(Failure) -> String {
    index += 1
    let start = index
    // Fast path: no escapes.
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
        guard let text = String(validating: slice, as: UTF8.self) else {
          index = start
          throw fail("string is not valid UTF-8")
        }
        index += 1
        return text
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { throw fail("control character in a string") }
      index += 1
    }
    var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        guard let text = String(validating: utf8, as: UTF8.self) else {
          index = start
          throw fail("string is not valid UTF-8")
        }
        index += 1
        return text
      }
      if byte < 0x20 { throw fail("control character in a string") }
      if byte != UInt8(ascii: "\\") {
        utf8.append(byte)
        index += 1
        continue
      }
      index += 1
      guard index < bytes.count else { break }
      let escape = bytes[index]
      index += 1
      switch escape {
      case UInt8(ascii: "\""): utf8.append(0x22)
      case UInt8(ascii: "\\"): utf8.append(0x5C)
      case UInt8(ascii: "/"): utf8.append(0x2F)
      case UInt8(ascii: "b"): utf8.append(0x08)
      case UInt8(ascii: "f"): utf8.append(0x0C)
      case UInt8(ascii: "n"): utf8.append(0x0A)
      case UInt8(ascii: "r"): utf8.append(0x0D)
      case UInt8(ascii: "t"): utf8.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {
          guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
          else {
            throw fail("lone surrogate in a string")
          }
          index += 2
          let low = try hex4()
          guard (0xDC00...0xDFFF).contains(low) else { throw fail("lone surrogate in a string") }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
          throw fail("lone surrogate in a string")
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
        utf8.append(contentsOf: Array(String(Character(unicode)).utf8))
      default:
        index -= 1
        throw fail("invalid escape '\\\(Unicode.Scalar(escape).escaped(asASCII: true))'")
      }
    }
    throw fail("unterminated string")
  }

  /// Four hexadecimal digits.
  private mutating func hex4() throws(Failure) -> UInt32 {
    guard index + 4 <= bytes.count else { throw fail("unexpected end of input in a \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw fail("invalid hexadecimal digit in a \\u escape")
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }
}
