/// A parser for comma-separated text as RFC 4180 describes it, tolerant of what real files do.
///
/// Accepted: a UTF-8 byte-order mark, LF or CRLF line ends (a lone CR ends a line too),
/// quoted fields holding commas, line breaks and doubled quotes (`""`), and blank lines, which
/// are skipped wherever they occur (so trailing blank lines are harmless). Every record must
/// have as many fields as the header. Positions are 1-based; `line` counts physical lines.
///
/// The parser works on bytes and keeps each field as a byte range, so that numeric cells can
/// be converted without building a `String` for each of them.
///
/// Reference: RFC 4180, "Common Format and MIME Type for Comma-Separated Values (CSV) Files".
struct CSVParser {
  /// One field of a record: where its bytes are and where it starts in the text.
  struct Field: Equatable, Sendable {
    /// Offset of the first content byte (after an opening quote).
    var start: Int
    /// Offset one past the last content byte (before a closing quote).
    var end: Int
    /// Whether the field was quoted and holds doubled quotes that must be unescaped.
    var hasEscapedQuotes: Bool
    /// The 1-based physical line the field starts on.
    var line: Int
    /// Offset of the first byte of that line, for computing the column.
    var lineStart: Int
    /// Offset of the field's first byte (its opening quote, if quoted).
    var fieldStart: Int

    /// Whether the field was written in quotes: its text is then exactly what it holds, edge
    /// spaces included.
    var isQuoted: Bool { fieldStart < start }
  }

  /// The parsed text: a header record and data records, all as field ranges.
  struct Document: Sendable {
    /// The bytes the ranges point into.
    var bytes: [UInt8]
    /// The fields of the header record.
    var header: [Field]
    /// The data records, each as many fields as the header.
    var records: [[Field]]
  }

  /// Parses `bytes` into a header and records.
  ///
  /// - Throws: `ScalingLawsError.csvEmpty`, `.csvUnterminatedQuote`, `.csvStrayQuote` or
  ///   `.csvRaggedRow`, each with the position of the problem.
  /// - Complexity: O(n) in the number of bytes.
  static func parse(_ bytes: [UInt8]) throws -> Document {
    var index = 0
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    var line = 1
    var lineStart = index
    var records: [[Field]] = []
    var current: [Field] = []
    let count = bytes.count

    /// Consumes one line end at `index` if present; returns whether it did.
    func consumeLineEnd(_ index: inout Int, _ line: inout Int, _ lineStart: inout Int) -> Bool {
      guard index < count else { return false }
      if bytes[index] == UInt8(ascii: "\n") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "\r") {
        index += 1
        if index < count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
      } else {
        return false
      }
      line += 1
      lineStart = index
      return true
    }

    while index < count {
      // A blank line between records is skipped.
      if current.isEmpty, consumeLineEnd(&index, &line, &lineStart) { continue }
      let fieldStart = index
      let fieldLine = line
      let fieldLineStart = lineStart
      var field: Field
      if bytes[index] == UInt8(ascii: "\"") {
        index += 1
        let contentStart = index
        var escaped = false
        var closed = false
        while index < count {
          let byte = bytes[index]
          if byte == UInt8(ascii: "\"") {
            if index + 1 < count, bytes[index + 1] == UInt8(ascii: "\"") {
              escaped = true
              index += 2
              continue
            }
            closed = true
            break
          }
          if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            _ = consumeLineEnd(&index, &line, &lineStart)
            continue
          }
          index += 1
        }
        guard closed else {
          throw ScalingLawsError.csvUnterminatedQuote(
            line: fieldLine, column: column(bytes, lineStart: fieldLineStart, offset: fieldStart))
        }
        field = Field(
          start: contentStart, end: index, hasEscapedQuotes: escaped, line: fieldLine,
          lineStart: fieldLineStart, fieldStart: fieldStart)
        index += 1  // closing quote
        if index < count {
          let next = bytes[index]
          if next != UInt8(ascii: ","), next != UInt8(ascii: "\n"), next != UInt8(ascii: "\r") {
            throw ScalingLawsError.csvStrayQuote(
              line: line, column: column(bytes, lineStart: lineStart, offset: index))
          }
        }
      } else {
        while index < count {
          let byte = bytes[index]
          if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            break
          }
          if byte == UInt8(ascii: "\"") {
            throw ScalingLawsError.csvStrayQuote(
              line: line, column: column(bytes, lineStart: lineStart, offset: index))
          }
          index += 1
        }
        field = Field(
          start: fieldStart, end: index, hasEscapedQuotes: false, line: fieldLine,
          lineStart: fieldLineStart, fieldStart: fieldStart)
      }
      current.append(field)
      if index < count, bytes[index] == UInt8(ascii: ",") {
        index += 1
        if index == count {
          // A trailing comma at the very end: one more empty field.
          current.append(
            Field(
              start: index, end: index, hasEscapedQuotes: false, line: line, lineStart: lineStart,
              fieldStart: index))
        } else if bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") {
          current.append(
            Field(
              start: index, end: index, hasEscapedQuotes: false, line: line, lineStart: lineStart,
              fieldStart: index))
        }
      }
      if index == count || consumeLineEnd(&index, &line, &lineStart) {
        records.append(current)
        current = []
      }
    }
    if !current.isEmpty { records.append(current) }
    guard let header = records.first else { throw ScalingLawsError.csvEmpty }
    let body = Array(records.dropFirst())
    for record in body where record.count != header.count {
      throw ScalingLawsError.csvRaggedRow(
        line: record[0].line, expected: header.count, found: record.count)
    }
    return Document(bytes: bytes, header: header, records: body)
  }

  /// Returns the 1-based character column of `offset` on the line starting at `lineStart`.
  ///
  /// Counts UTF-8 code points (bytes that are not continuation bytes), so a column is what an
  /// editor shows for text without combining marks.
  static func column(_ bytes: [UInt8], lineStart: Int, offset: Int) -> Int {
    var column = 1
    var index = lineStart
    while index < offset, index < bytes.count {
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    return column
  }
}

extension CSVParser.Document {
  /// Returns the 1-based character column where `field` starts.
  func column(of field: CSVParser.Field) -> Int {
    CSVParser.column(bytes, lineStart: field.lineStart, offset: field.fieldStart)
  }

  /// Returns the field's text, unescaped, or throws if it is not valid UTF-8.
  func text(of field: CSVParser.Field) throws -> String {
    let slice = bytes[field.start..<field.end]
    guard let decoded = String(validating: slice, as: UTF8.self) else {
      var offset = field.start
      var iterator = slice.makeIterator()
      var decoder = UTF8()
      var position = field.start
      decode: while true {
        switch decoder.decode(&iterator) {
        case .scalarValue(let scalar):
          position += UTF8.width(scalar)
        case .emptyInput:
          break decode
        case .error:
          offset = position
          break decode
        }
      }
      throw ScalingLawsError.csvInvalidUTF8(
        line: field.line,
        column: CSVParser.column(bytes, lineStart: field.lineStart, offset: offset))
    }
    return field.hasEscapedQuotes ? decoded.replacingAll("\"\"", with: "\"") : decoded
  }

  /// Returns whether the field holds no bytes: a missing value.
  func isEmpty(_ field: CSVParser.Field) -> Bool {
    field.start == field.end
  }
}

extension String {
  /// Returns the string with every occurrence of `target` replaced, without Foundation.
  func replacingAll(_ target: String, with replacement: String) -> String {
    var result = ""
    var rest = self[...]
    while let range = rest.firstRange(of: target) {
      result += rest[..<range.lowerBound]
      result += replacement
      rest = rest[range.upperBound...]
    }
    result += rest
    return result
  }
}
