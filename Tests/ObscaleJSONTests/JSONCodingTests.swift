import Foundation
import ObscaleJSON
import Testing

/// A value exercising every shape Swift's synthesized `Codable` conformances produce.
private struct Sample: Codable, Equatable {
  enum Kind: Codable, Equatable {
    case plain
    case named(label: String)
    case pair(Int, Double)
  }

  enum Color: String, Codable {
    case red, green
  }

  var name: String
  var count: Int
  var big: Int64
  var small: Int8
  var ratio: Double
  var flags: [Bool]
  var missing: Double
  var infinite: [Double]
  var maybe: String?
  var nested: [[Int]]
  var kinds: [Kind]
  var color: Color
  var table: [String: Int]

  static let example = Sample(
    name: "Llama-2 \"7B\"\n", count: -3, big: .min, small: 127, ratio: 0.1, flags: [true, false],
    missing: .nan,
    infinite: [.infinity, -.infinity, 1e-300, 2.5e300], maybe: nil, nested: [[], [1, 2]],
    kinds: [.plain, .named(label: "x"), .pair(4, -0.5)], color: .green, table: ["a": 1])

  /// Equal, with NaN equal to NaN.
  static func == (lhs: Sample, rhs: Sample) -> Bool {
    var left = lhs
    var right = rhs
    guard left.missing.isNaN == right.missing.isNaN else { return false }
    left.missing = 0
    right.missing = 0
    return left.name == right.name && left.count == right.count && left.big == right.big
      && left.small == right.small
      && left.ratio == right.ratio && left.flags == right.flags && left.infinite == right.infinite
      && left.maybe == right.maybe && left.nested == right.nested && left.kinds == right.kinds
      && left.color == right.color && left.table == right.table
  }
}

/// The Codable coder over JSON trees, checked against Foundation's `JSONEncoder` and
/// `JSONDecoder` (an independent implementation) in both directions.
struct JSONCodingTests {
  /// Foundation's coder configured as saved fits were written before ours.
  private static func foundationEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return encoder
  }

  private static func foundationDecoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return decoder
  }

  @Test func roundTripsEveryShape() throws {
    let tree = try JSONTreeEncoder().encode(Sample.example)
    let again = try JSONTreeDecoder().decode(
      Sample.self, from: JSONParser.parse(tree.prettyBytes(sortingKeys: true)))
    #expect(again == Sample.example)
  }

  @Test func foundationReadsWhatWeWrite() throws {
    let bytes = try JSONTreeEncoder().encode(Sample.example).prettyBytes(sortingKeys: true)
    let decoded = try Self.foundationDecoder().decode(Sample.self, from: Data(bytes))
    #expect(decoded == Sample.example)
  }

  @Test func weReadWhatFoundationWrites() throws {
    let data = try Self.foundationEncoder().encode(Sample.example)
    let decoded = try JSONTreeDecoder().decode(Sample.self, from: JSONParser.parse([UInt8](data)))
    #expect(decoded == Sample.example)
  }

  @Test func shapesTheTreeAsFoundationDoes() throws {
    let ours = try JSONTreeEncoder().encode(Sample.example)
    let theirs = try JSONParser.parse([UInt8](Self.foundationEncoder().encode(Sample.example)))
    // Same members with the same values, once both are in sorted key order.
    func sorted(_ json: JSON) -> JSON {
      switch json {
      case .object(let pairs):
        return .object(pairs.map { ($0.0, sorted($0.1)) }.sorted { $0.0 < $1.0 })
      case .array(let items): return .array(items.map(sorted))
      default: return json
      }
    }
    #expect(sorted(ours) == sorted(theirs))
    #expect(ours["maybe"] == nil)
    #expect(ours["missing"] == "nan")
    #expect(ours["kinds"]?.arrayValue?[2] == ["pair": ["_0": 4, "_1": -0.5]])
  }

  @Test func writesPrettyTextWithSortedKeys() throws {
    let json: JSON = ["b": [1, 2], "a": ["z": .emptyObject, "y": []], "c": "x"]
    let text = String(decoding: json.prettyBytes(sortingKeys: true), as: UTF8.self)
    #expect(
      text
        == "{\n  \"a\": {\n    \"y\": [],\n    \"z\": {}\n  },\n  \"b\": [\n    1,\n    2\n  ],\n  \"c\": \"x\"\n}\n"
    )
    #expect(String(decoding: json.prettyBytes(), as: UTF8.self).hasPrefix("{\n  \"b\": ["))
  }

  @Test func namesWhereAFieldIsMissing() throws {
    var tree = try JSONTreeEncoder().encode(Sample.example)
    guard case .object(var members) = tree else {
      Issue.record("not an object")
      return
    }
    members.removeAll { $0.0 == "count" }
    tree = .object(members)
    #expect {
      try JSONTreeDecoder().decode(Sample.self, from: tree)
    } throws: { error in
      guard case DecodingError.keyNotFound(let key, _) = error else { return false }
      return key.stringValue == "count"
    }
  }

  @Test func namesTheTypeAndPathOfAMismatch() throws {
    let tree: JSON = ["nested": [[1], [2, "three"]]]
    struct Nested: Decodable { var nested: [[Int]] }
    #expect {
      try JSONTreeDecoder().decode(Nested.self, from: tree)
    } throws: { error in
      guard case DecodingError.typeMismatch(_, let context) = error else { return false }
      let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
      return path == ["nested", "1", "1"]
        && context.debugDescription == "expected an integer but found the string \"three\""
    }
  }

  @Test func refusesIntegersThatDoNotFit() throws {
    struct Small: Codable { var value: Int8 }
    struct Huge: Codable { var value: UInt64 }
    #expect(throws: DecodingError.self) {
      try JSONTreeDecoder().decode(Small.self, from: ["value": 300])
    }
    #expect(throws: DecodingError.self) {
      try JSONTreeDecoder().decode(Small.self, from: ["value": 1.5])
    }
    #expect(throws: EncodingError.self) { try JSONTreeEncoder().encode(Huge(value: .max)) }
    #expect(try JSONTreeDecoder().decode(Small.self, from: ["value": 2.0]).value == 2)
  }
}
