internal import Glibc

extension ScoreTable {
  /// Reads a table from CSV bytes (RFC 4180; see `CSVParser`).
  ///
  /// `Model` and `Model Family` are text, as is every name in `textColumns` and every column
  /// none of whose non-empty cells is a number; every other column is numeric, and a cell in it
  /// that is not a finite decimal number is an error naming its line, column and value. An
  /// empty cell is missing. Leading and trailing spaces around numbers are ignored.
  ///
  /// - Parameters:
  ///   - bytes: The file's contents.
  ///   - textColumns: Extra column names to keep as text.
  ///   - provenance: Where the data comes from.
  /// - Throws: a `ScalingLawsError` naming line and column for malformed text, ragged rows,
  ///   duplicate or empty header names, non-numeric or non-finite cells, and duplicate models.
  public init(csv bytes: [UInt8], textColumns: Set<String> = [], provenance: String? = nil) throws {
    let document = try CSVParser.parse(bytes)
    guard !document.records.isEmpty else {
      throw ScalingLawsError.csvHeaderOnly(columns: document.header.count)
    }
    var names: [String] = []
    var seen: Set<String> = []
    // pandas' `DataFrame.to_csv` writes its index first, under an empty header cell (or
    // `Unnamed: 0`, when the file was read back and written again).
    let skipsIndex = try Self.hasIndexColumn(document)
    for field in document.header.dropFirst(skipsIndex ? 1 : 0) {
      let name = try document.text(of: field).trimmed(where: isSpace)
      guard !name.isEmpty else {
        throw ScalingLawsError.csvEmptyColumnName(
          line: field.line, column: document.column(of: field))
      }
      guard seen.insert(name).inserted else {
        throw ScalingLawsError.csvDuplicateColumn(
          name: name, line: field.line, column: document.column(of: field))
      }
      names.append(name)
    }
    let textNames = Self.textColumnNames.union(textColumns)
    var columns: [ScoreColumn] = []
    columns.reserveCapacity(names.count)
    for (position, name) in names.enumerated() {
      let index = position + (skipsIndex ? 1 : 0)
      if !textNames.contains(name),
        let numbers = try Self.numericColumn(document, index: index, name: name)
      {
        columns.append(.numbers(name, numbers))
      } else {
        // A quoted cell is kept as written (RFC 4180: spaces are part of a field); an unquoted
        // one loses the spaces around it.
        let texts = try document.records.map { record in
          let field = record[index]
          let text = try document.text(of: field)
          return field.isQuoted ? text : text.trimmed(where: isSpace)
        }
        columns.append(.text(name, texts))
      }
    }
    do {
      try self.init(columns: columns, provenance: provenance)
    } catch ScalingLawsError.duplicateModel(let name, let first, let second) {
      // Report file lines rather than row numbers.
      let model = (names.firstIndex(of: Self.modelColumn) ?? 0) + (skipsIndex ? 1 : 0)
      throw ScalingLawsError.duplicateModel(
        name: name, firstRow: document.records[first - 1][model].line,
        secondRow: document.records[second - 1][model].line)
    }
  }

  /// The header of the CSV text's first column when it is an index as pandas writes it — an
  /// empty header cell (`DataFrame.to_csv`), or `Unnamed: 0` (the same file read back with
  /// `read_csv` and written again) —, named columns after it, and a whole number in every
  /// row; nil when it is not.
  public static func indexColumnHeader(csv bytes: [UInt8]) -> String? {
    guard let document = try? CSVParser.parse(bytes), (try? hasIndexColumn(document)) == true
    else { return nil }
    return (try? document.text(of: document.header[0]).trimmed(where: isSpace)) ?? ""
  }

  /// Whether `document`'s first column is pandas' index (see `indexColumnHeader(csv:)`).
  static func hasIndexColumn(_ document: CSVParser.Document) throws -> Bool {
    guard document.header.count > 1 else { return false }
    let first = try document.text(of: document.header[0]).trimmed(where: isSpace)
    guard first.isEmpty || first == "Unnamed: 0" else { return false }
    for field in document.header.dropFirst()
    where try document.text(of: field).trimmed(where: isSpace).isEmpty {
      return false
    }
    return try document.records.allSatisfy { record in
      let text = try document.text(of: record[0]).trimmed(where: isSpace)
      return !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
  }

  /// Reads column `index` as numbers, or returns nil when no non-empty cell is a number.
  ///
  /// - Throws: `.nonNumericCell` or `.nonFiniteCell` for the first bad cell of a column that
  ///   otherwise holds numbers.
  private static func numericColumn(
    _ document: CSVParser.Document, index: Int, name: String
  ) throws -> [Double]? {
    var values = [Double](repeating: .nan, count: document.records.count)
    var firstBad: (CSVParser.Field, NumberReading)?
    var sawNumber = false
    // Compute, size and tokens enter through their logarithm: zero or less is an error here,
    // at its cell, not a model silently dropped later as "missing FLOPs".
    let positive = [sizeColumn, dataColumn, flopsColumn].contains(name)
    for (row, record) in document.records.enumerated() {
      let field = record[index]
      let reading = NumberReading(document.bytes, field.start, field.end)
      switch reading {
      case .number(let value):
        if positive, value <= 0 {
          let text = (try? document.text(of: field)) ?? "\(value)"
          throw ScalingLawsError.nonPositiveCell(
            value: text.trimmed(where: isSpace), columnName: name, line: field.line,
            column: document.column(of: field))
        }
        values[row] = value
        sawNumber = true
      case .missing:
        continue
      case .notANumber, .nonFinite:
        if firstBad == nil { firstBad = (field, reading) }
      }
    }
    guard let (field, reading) = firstBad else { return values }
    guard sawNumber else { return nil }
    let text =
      (try? document.text(of: field))
      ?? String(decoding: document.bytes[field.start..<field.end], as: UTF8.self)
    let column = document.column(of: field)
    if case .nonFinite = reading {
      throw ScalingLawsError.nonFiniteCell(
        value: text, columnName: name, line: field.line, column: column)
    }
    throw ScalingLawsError.nonNumericCell(
      value: text, columnName: name, line: field.line, column: column)
  }
}

/// What one cell's bytes say as a number.
enum NumberReading: Equatable {
  /// A finite number.
  case number(Double)
  /// An empty (or all-space) cell.
  case missing
  /// Text that is not a decimal number.
  case notANumber
  /// `NaN`, an infinity, or a decimal that overflows a double.
  case nonFinite

  /// Reads `bytes[start..<end]`: optional spaces, then a decimal number
  /// (`[+-]digits[.digits][(e|E)[+-]digits]`), then optional spaces.
  ///
  /// Only the decimal grammar is accepted (no hexadecimal, no `inf`); the conversion itself is
  /// `strtod`, which rounds correctly.
  init(_ bytes: [UInt8], _ start: Int, _ end: Int) {
    var low = start
    var high = end
    while low < high, bytes[low] == 0x20 || bytes[low] == 0x09 { low += 1 }
    while high > low, bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09 { high -= 1 }
    guard low < high else {
      self = .missing
      return
    }
    var index = low
    if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
    var digits = 0
    while index < high, bytes[index] >= 0x30, bytes[index] <= 0x39 {
      index += 1
      digits += 1
    }
    if index < high, bytes[index] == UInt8(ascii: ".") {
      index += 1
      while index < high, bytes[index] >= 0x30, bytes[index] <= 0x39 {
        index += 1
        digits += 1
      }
    }
    if digits > 0, index < high,
      bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")
    {
      index += 1
      if index < high, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        index += 1
      }
      var exponentDigits = 0
      while index < high, bytes[index] >= 0x30, bytes[index] <= 0x39 {
        index += 1
        exponentDigits += 1
      }
      if exponentDigits == 0 { digits = 0 }
    }
    guard digits > 0, index == high else {
      let word = String(decoding: bytes[low..<high], as: UTF8.self).lowercased()
      let nonFiniteWords: Set<String> = [
        "nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity",
      ]
      self = nonFiniteWords.contains(word) ? .nonFinite : .notANumber
      return
    }
    let length = high - low
    let value = withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
      for offset in 0..<length { buffer[offset] = CChar(bitPattern: bytes[low + offset]) }
      buffer[length] = 0
      guard let start = buffer.baseAddress else { return Double.nan }
      return strtod(start, nil)
    }
    self = value.isFinite ? .number(value) : .nonFinite
  }
}

/// Whether a character is space around a CSV field: blanks of any kind (tab, no-break space,
/// …), not line breaks — what Foundation's `CharacterSet.whitespaces` held.
func isSpace(_ character: Character) -> Bool {
  character.isWhitespace && !character.isNewline
}
