/// Turns `Encodable` values into `JSON` trees, as Foundation's `JSONEncoder` would shape them:
/// keyed containers become objects (keys in the order encoded), unkeyed ones arrays, integers
/// stay integers. JSON has no NaN or infinity, so non-finite floating-point numbers are written
/// as the strings `"nan"`, `"inf"` and `"-inf"`, which `JSONTreeDecoder` reads back.
public struct JSONTreeEncoder: Sendable {
  /// Creates an encoder.
  public init() {}

  /// Returns the JSON tree of `value`.
  ///
  /// - Throws: `EncodingError.invalidValue` when a value encodes nothing, or an unsigned
  ///   integer does not fit 64 signed bits.
  public func encode(_ value: some Encodable) throws -> JSON {
    let root = EncodingNode()
    try root.encode(value, path: [])
    return try root.json(path: [])
  }
}

/// Builds `Decodable` values from `JSON` trees shaped as `JSONTreeEncoder` writes them.
///
/// Errors are Swift's `DecodingError`s, whose coding paths name where the tree is wrong.
public struct JSONTreeDecoder: Sendable {
  /// Creates a decoder.
  public init() {}

  /// Returns the value of type `type` that `json` holds.
  public func decode<Value: Decodable>(_ type: Value.Type, from json: JSON) throws -> Value {
    try TreeDecoder(json, path: []).decode(type)
  }
}

// MARK: - Encoding

/// One node of the tree being encoded; containers hold their children by reference, so that
/// nested containers handed out earlier keep filling the same tree.
private final class EncodingNode {
  /// What the node holds so far.
  enum Content {
    case empty
    case value(JSON)
    case object([(String, EncodingNode)])
    case array([EncodingNode])
  }

  /// The content.
  var content = Content.empty

  /// Makes this node an object (keeping the members of one already begun).
  func beginObject() {
    if case .object = content { return }
    content = .object([])
  }

  /// Makes this node an array (keeping the items of one already begun).
  func beginArray() {
    if case .array = content { return }
    content = .array([])
  }

  /// The member `key`, created empty (or emptied) when needed.
  func member(_ key: String) -> EncodingNode {
    beginObject()
    guard case .object(var members) = content else { return self }
    let child = EncodingNode()
    if let index = members.firstIndex(where: { $0.0 == key }) {
      members[index].1 = child
    } else {
      members.append((key, child))
    }
    content = .object(members)
    return child
  }

  /// A new last item.
  func appendItem() -> EncodingNode {
    beginArray()
    guard case .array(var items) = content else { return self }
    let child = EncodingNode()
    items.append(child)
    content = .array(items)
    return child
  }

  /// The number of items, when this is an array.
  var itemCount: Int {
    if case .array(let items) = content { return items.count }
    return 0
  }

  /// Encodes `value` into this node: primitives directly, everything else through its
  /// `encode(to:)`.
  func encode(_ value: some Encodable, path: [any CodingKey]) throws {
    if let json = try Self.primitive(value, path: path) {
      content = .value(json)
    } else {
      try value.encode(to: TreeEncoder(node: self, codingPath: path))
    }
  }

  /// The JSON of a primitive value, or nil when `value` is not one.
  static func primitive(_ value: some Encodable, path: [any CodingKey]) throws -> JSON? {
    switch value {
    case let value as Bool: return .bool(value)
    case let value as String: return .string(value)
    case let value as Double: return number(value)
    case let value as Float: return number(Double(value))
    case let value as Int: return .integer(Int64(value))
    case let value as Int8: return .integer(Int64(value))
    case let value as Int16: return .integer(Int64(value))
    case let value as Int32: return .integer(Int64(value))
    case let value as Int64: return .integer(value)
    case let value as UInt8: return .integer(Int64(value))
    case let value as UInt16: return .integer(Int64(value))
    case let value as UInt32: return .integer(Int64(value))
    case let value as UInt: return try unsigned(UInt64(value), value, path: path)
    case let value as UInt64: return try unsigned(value, value, path: path)
    default: return nil
    }
  }

  /// A double, non-finite ones as their names.
  static func number(_ value: Double) -> JSON {
    if value.isNaN { return .string("nan") }
    if value.isInfinite { return .string(value < 0 ? "-inf" : "inf") }
    return .double(value)
  }

  /// An unsigned integer, which must fit 64 signed bits.
  static func unsigned(_ value: UInt64, _ original: Any, path: [any CodingKey]) throws -> JSON {
    guard let exact = Int64(exactly: value) else {
      throw EncodingError.invalidValue(
        original,
        EncodingError.Context(
          codingPath: path, debugDescription: "\(value) does not fit 64 signed bits"))
    }
    return .integer(exact)
  }

  /// The finished tree.
  func json(path: [any CodingKey]) throws -> JSON {
    switch content {
    case .empty:
      throw EncodingError.invalidValue(
        (), EncodingError.Context(codingPath: path, debugDescription: "a value encoded nothing"))
    case .value(let json): return json
    case .object(let members):
      return .object(try members.map { ($0.0, try $0.1.json(path: path + [TreeKey($0.0)])) })
    case .array(let items):
      return .array(
        try items.enumerated().map { try $0.element.json(path: path + [TreeKey($0.offset)]) })
    }
  }
}

/// A coding key made from a string or an index, for paths and `superEncoder`.
private struct TreeKey: CodingKey {
  var stringValue: String
  var intValue: Int?

  init(_ string: String) {
    stringValue = string
  }

  init(_ index: Int) {
    stringValue = "Index \(index)"
    intValue = index
  }

  init?(stringValue: String) { self.init(stringValue) }
  init?(intValue: Int) { self.init(intValue) }

  /// The key `super`.
  static let superKey = TreeKey("super")
}

/// The `Encoder` handed to `encode(to:)`.
private struct TreeEncoder: Encoder {
  let node: EncodingNode
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    node.beginObject()
    return KeyedEncodingContainer(KeyedTreeEncoder<Key>(node: node, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    node.beginArray()
    return UnkeyedTreeEncoder(node: node, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleTreeEncoder(node: node, codingPath: codingPath)
  }
}

/// An object being encoded.
private struct KeyedTreeEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let node: EncodingNode
  let codingPath: [any CodingKey]

  mutating func encodeNil(forKey key: Key) throws {
    node.member(key.stringValue).content = .value(.null)
  }

  mutating func encode(_ value: some Encodable, forKey key: Key) throws {
    try node.member(key.stringValue).encode(value, path: codingPath + [key])
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    let child = node.member(key.stringValue)
    child.beginObject()
    return KeyedEncodingContainer(
      KeyedTreeEncoder<NestedKey>(node: child, codingPath: codingPath + [key]))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let child = node.member(key.stringValue)
    child.beginArray()
    return UnkeyedTreeEncoder(node: child, codingPath: codingPath + [key])
  }

  mutating func superEncoder() -> any Encoder {
    TreeEncoder(
      node: node.member(TreeKey.superKey.stringValue), codingPath: codingPath + [TreeKey.superKey])
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    TreeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key])
  }
}

/// An array being encoded.
private struct UnkeyedTreeEncoder: UnkeyedEncodingContainer {
  let node: EncodingNode
  let codingPath: [any CodingKey]
  var count: Int { node.itemCount }

  mutating func encodeNil() throws {
    node.appendItem().content = .value(.null)
  }

  mutating func encode(_ value: some Encodable) throws {
    let path = codingPath + [TreeKey(count)]
    try node.appendItem().encode(value, path: path)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let path = codingPath + [TreeKey(count)]
    let child = node.appendItem()
    child.beginObject()
    return KeyedEncodingContainer(KeyedTreeEncoder<NestedKey>(node: child, codingPath: path))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let path = codingPath + [TreeKey(count)]
    let child = node.appendItem()
    child.beginArray()
    return UnkeyedTreeEncoder(node: child, codingPath: path)
  }

  mutating func superEncoder() -> any Encoder {
    let path = codingPath + [TreeKey(count)]
    return TreeEncoder(node: node.appendItem(), codingPath: path)
  }
}

/// One value being encoded.
private struct SingleTreeEncoder: SingleValueEncodingContainer {
  let node: EncodingNode
  let codingPath: [any CodingKey]

  mutating func encodeNil() throws {
    node.content = .value(.null)
  }

  mutating func encode(_ value: some Encodable) throws {
    try node.encode(value, path: codingPath)
  }
}

// MARK: - Decoding

/// The `Decoder` handed to `init(from:)`, over one node of the tree.
private struct TreeDecoder: Decoder {
  let json: JSON
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  init(_ json: JSON, path: [any CodingKey]) {
    self.json = json
    codingPath = path
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard case .object(let pairs) = json else {
      throw mismatch([String: JSON].self, "an object")
    }
    var members: [String: JSON] = [:]
    for (key, value) in pairs where members[key] == nil { members[key] = value }
    return KeyedDecodingContainer(
      KeyedTreeDecoder<Key>(members: members, order: pairs.map(\.0), codingPath: codingPath))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard case .array(let items) = json else { throw mismatch([JSON].self, "an array") }
    return UnkeyedTreeDecoder(items: items, codingPath: codingPath)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    self
  }

  /// The type-mismatch error for this node, naming what was expected and what was found.
  func mismatch(_ type: Any.Type, _ expected: String) -> DecodingError {
    DecodingError.typeMismatch(
      type,
      DecodingError.Context(
        codingPath: codingPath,
        debugDescription: "expected \(expected) but found \(json.describedForErrors)"))
  }

  /// Decodes a value: primitives from this node, everything else through `init(from:)`.
  func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
    switch type {
    case is Bool.Type:
      guard case .bool(let flag) = json else { throw mismatch(type, "a boolean") }
      return flag as! Value
    case is String.Type:
      guard case .string(let text) = json else { throw mismatch(type, "a string") }
      return text as! Value
    case is Double.Type: return try number() as! Value
    case is Float.Type: return Float(try number()) as! Value
    case is Int.Type: return try integer(Int.self) as! Value
    case is Int8.Type: return try integer(Int8.self) as! Value
    case is Int16.Type: return try integer(Int16.self) as! Value
    case is Int32.Type: return try integer(Int32.self) as! Value
    case is Int64.Type: return try integer(Int64.self) as! Value
    case is UInt.Type: return try integer(UInt.self) as! Value
    case is UInt8.Type: return try integer(UInt8.self) as! Value
    case is UInt16.Type: return try integer(UInt16.self) as! Value
    case is UInt32.Type: return try integer(UInt32.self) as! Value
    case is UInt64.Type: return try integer(UInt64.self) as! Value
    default: return try Value(from: self)
    }
  }

  /// A double: a number, or one of the names `JSONTreeEncoder` gives non-finite numbers.
  func number() throws -> Double {
    switch json {
    case .double(let value): return value
    case .integer(let value): return Double(value)
    case .string("nan"): return .nan
    case .string("inf"): return .infinity
    case .string("-inf"): return -.infinity
    default: throw mismatch(Double.self, "a number")
    }
  }

  /// An integer of type `type`, which must hold the number exactly.
  func integer<Integer: FixedWidthInteger>(_ type: Integer.Type) throws -> Integer {
    let exact: Integer?
    switch json {
    case .integer(let value): exact = Integer(exactly: value)
    case .double(let value): exact = Integer(exactly: value)
    default: throw mismatch(type, "an integer")
    }
    guard let exact else {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: codingPath,
          debugDescription: "the number \(json.serialized) does not fit \(type)"))
    }
    return exact
  }
}

extension TreeDecoder: SingleValueDecodingContainer {
  func decodeNil() -> Bool {
    json == .null
  }
}

/// An object being decoded.
private struct KeyedTreeDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let members: [String: JSON]
  let order: [String]
  let codingPath: [any CodingKey]

  var allKeys: [Key] { order.compactMap { Key(stringValue: $0) } }

  func contains(_ key: Key) -> Bool {
    members[key.stringValue] != nil
  }

  /// The member `key`, or a `keyNotFound` error.
  func member(_ key: Key) throws -> TreeDecoder {
    guard let value = members[key.stringValue] else {
      throw DecodingError.keyNotFound(
        key,
        DecodingError.Context(
          codingPath: codingPath, debugDescription: "no value for the key '\(key.stringValue)'"))
    }
    return TreeDecoder(value, path: codingPath + [key])
  }

  func decodeNil(forKey key: Key) throws -> Bool {
    try member(key).json == .null
  }

  func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
    try member(key).decode(type)
  }

  func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type, forKey key: Key
  ) throws -> KeyedDecodingContainer<NestedKey> {
    try member(key).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try member(key).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder {
    TreeDecoder(
      members[TreeKey.superKey.stringValue] ?? .null, path: codingPath + [TreeKey.superKey])
  }

  func superDecoder(forKey key: Key) throws -> any Decoder {
    TreeDecoder(members[key.stringValue] ?? .null, path: codingPath + [key])
  }
}

/// An array being decoded.
private struct UnkeyedTreeDecoder: UnkeyedDecodingContainer {
  let items: [JSON]
  let codingPath: [any CodingKey]
  var currentIndex = 0

  init(items: [JSON], codingPath: [any CodingKey]) {
    self.items = items
    self.codingPath = codingPath
  }

  var count: Int? { items.count }
  var isAtEnd: Bool { currentIndex >= items.count }

  /// The next item, or a `valueNotFound` error at the end.
  mutating func next(_ type: Any.Type) throws -> TreeDecoder {
    guard !isAtEnd else {
      throw DecodingError.valueNotFound(
        type,
        DecodingError.Context(
          codingPath: codingPath + [TreeKey(currentIndex)],
          debugDescription: "the array ends after \(items.count) items"))
    }
    defer { currentIndex += 1 }
    return TreeDecoder(items[currentIndex], path: codingPath + [TreeKey(currentIndex)])
  }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd, items[currentIndex] == .null else { return false }
    currentIndex += 1
    return true
  }

  mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
    try next(type).decode(type)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    try next([String: JSON].self).container(keyedBy: type)
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    try next([JSON].self).unkeyedContainer()
  }

  mutating func superDecoder() throws -> any Decoder {
    try next(JSON.self)
  }
}

extension JSON {
  /// The value as an error message names it: `the string "x"`, `the number 3`, `an object`.
  var describedForErrors: String {
    switch self {
    case .null: return "null"
    case .bool(let flag): return "\(flag)"
    case .integer, .double: return "the number \(serialized)"
    case .string(let text): return "the string \(JSON.string(text).serialized)"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}
