/// A place in source text: 1-based line and column (in characters), and the 0-based offset.
public struct SourcePosition: Equatable, Hashable, Sendable, Comparable, Codable {
  /// The line, counting from 1.
  public var line: Int
  /// The column on the line, counting characters from 1.
  public var column: Int
  /// The offset from the start of the text, in characters.
  public var offset: Int

  /// Creates a position.
  public init(line: Int, column: Int, offset: Int) {
    self.line = line
    self.column = column
    self.offset = offset
  }

  /// Orders positions by offset.
  public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
    lhs.offset < rhs.offset
  }
}

/// A span of source text, from `start` up to but not including `end`.
public struct SourceRange: Equatable, Hashable, Sendable, Codable {
  /// The first character of the span.
  public var start: SourcePosition
  /// The position just past the last character.
  public var end: SourcePosition

  /// Creates a range.
  public init(start: SourcePosition, end: SourcePosition) {
    self.start = start
    self.end = end
  }

  /// Returns the range covering both `self` and `other`.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(start: min(start, other.start), end: max(end, other.end))
  }

  /// An empty range at the start of the text, for diagnostics without a place.
  public static let none = SourceRange(
    start: SourcePosition(line: 1, column: 1, offset: 0),
    end: SourcePosition(line: 1, column: 1, offset: 0))
}

/// A value together with the source range it was written at.
public struct Located<Value: Equatable & Sendable>: Equatable, Sendable {
  /// The value.
  public var value: Value
  /// Where it was written.
  public var range: SourceRange

  /// Creates a located value.
  public init(_ value: Value, _ range: SourceRange) {
    self.value = value
    self.range = range
  }
}
