/// A JSON value as the protocol carries it: objects keep their keys in order, and integers
/// stay integers, so a message decodes and re-encodes without surprises.
///
/// Foundation's `JSONSerialization` is not used: it reads `1` as `true` when asked for a
/// `Bool` and loses key order (docs/ARCHITECTURE.md).
public enum JSON: Sendable, Equatable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number written without fraction or exponent that fits 64 bits.
  case integer(Int64)
  /// Any other number.
  case double(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([JSON])
  /// An object, keys in the order written.
  case object([(String, JSON)])

  /// Compares two values; objects compare by ordered key-value pairs, numbers by value.
  public static func == (lhs: JSON, rhs: JSON) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.integer(let a), .integer(let b)): return a == b
    case (.double(let a), .double(let b)): return a == b
    case (.integer(let a), .double(let b)), (.double(let b), .integer(let a)): return Double(a) == b
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  /// The value for `key` when this is an object that has it (the first, if repeated).
  public subscript(key: String) -> JSON? {
    guard case .object(let pairs) = self else { return nil }
    return pairs.first { $0.0 == key }?.1
  }

  /// The string, when this is one.
  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// The boolean, when this is one (a number is not a boolean).
  public var boolValue: Bool? {
    if case .bool(let flag) = self { return flag }
    return nil
  }

  /// The integer, when this is an integer or a double with an integral value in range.
  public var intValue: Int? {
    switch self {
    case .integer(let value): return Int(exactly: value)
    case .double(let value) where value.rounded() == value && abs(value) < 9e15: return Int(value)
    default: return nil
    }
  }

  /// The pairs, when this is an object.
  public var objectValue: [(String, JSON)]? {
    if case .object(let pairs) = self { return pairs }
    return nil
  }

  /// The items, when this is an array.
  public var arrayValue: [JSON]? {
    if case .array(let items) = self { return items }
    return nil
  }

  /// The JSON type's name, for error messages: `object`, `string`, ….
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .integer, .double: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }

  /// An empty object.
  public static let emptyObject = JSON.object([])
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByBooleanLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral,
  ExpressibleByFloatLiteral
{
  /// A string literal.
  public init(stringLiteral value: String) { self = .string(value) }
  /// An integer literal.
  public init(integerLiteral value: Int64) { self = .integer(value) }
  /// A boolean literal.
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  /// An array literal.
  public init(arrayLiteral elements: JSON...) { self = .array(elements) }
  /// An object literal, keys in the order written.
  public init(dictionaryLiteral elements: (String, JSON)...) { self = .object(elements) }
  /// `nil` as `null`.
  public init(nilLiteral: ()) { self = .null }
  /// A floating-point literal.
  public init(floatLiteral value: Double) { self = .double(value) }
}
