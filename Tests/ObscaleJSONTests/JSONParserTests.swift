import ObscaleJSON
import Testing

/// The strict JSON reader and the writer.
struct JSONParserTests {
  @Test(arguments: [
    ("{}", JSON.object([])),
    ("[]", .array([])),
    (
      " {\"a\": 1, \"b\": [true, false, null], \"c\": -2.5e3} ",
      JSON.object([("a", 1), ("b", [true, false, nil]), ("c", -2500.0)])
    ),
    ("\"\\u00e9\\n\\t\\\"\\\\\\/\"", .string("é\n\t\"\\/")),
    ("\"\\ud83d\\ude00\"", .string("😀")),
    ("\"日本\"", .string("日本")),
    ("9223372036854775807", .integer(Int64.max)),
    ("9223372036854775808", .double(9_223_372_036_854_775_808)),
    ("0", .integer(0)),
    ("-0.0", .double(0)),
    ("1E2", .double(100)),
  ])
  func parsesValid(_ text: String, _ expected: JSON) throws {
    #expect(try JSONParser.parse(text) == expected)
  }

  @Test(arguments: [
    ("", 0, "unexpected end of input"),
    ("{", 1, "expected a string key"),
    ("{\"a\" 1}", 5, "expected ':'"),
    ("[1,]", 3, "unexpected character ']'"),
    ("01", 1, "leading zero"),
    ("1.", 2, "expected a digit after '.'"),
    ("tru", 0, "unexpected end of input"),
    ("nul!", 0, "invalid literal"),
    ("\"abc", 4, "unterminated string"),
    ("\"a\u{01}\"", 2, "control character"),
    ("\"\\x\"", 2, "invalid escape"),
    ("\"\\ud800\"", 7, "lone surrogate"),
    ("\"\\udc00\"", 7, "lone surrogate"),
    ("{} {}", 3, "unexpected content after the JSON value"),
    ("1e999", 0, "number out of range"),
  ])
  func rejectsInvalid(_ text: String, _ offset: Int, _ reason: String) {
    #expect {
      try JSONParser.parse(text)
    } throws: { error in
      guard let failure = error as? JSONParser.Failure else { return false }
      return failure.offset == offset && failure.reason.contains(reason)
    }
  }

  @Test func refusesDeepNestingInsteadOfOverflowingTheStack() throws {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(deep) }
    let fine =
      String(repeating: "[", count: JSONParser.maximumDepth)
      + String(repeating: "]", count: JSONParser.maximumDepth)
    #expect(try JSONParser.parse(fine).arrayValue?.count == 1)
  }

  @Test func rejectsInvalidUTF8InStrings() {
    let bytes: [UInt8] = [0x22, 0xFF, 0xFE, 0x22]
    #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(bytes) }
  }

  @Test(arguments: [
    JSON.object([("b", 1), ("a", [1.5, "x\u{01}\"\\\n"]), ("c", .object([]))]),
    .string("😀 é \u{7F}"),
    .array([.null, .bool(true), .integer(-3), .double(0.1)]),
  ])
  func roundTrips(_ value: JSON) throws {
    #expect(try JSONParser.parse(value.serializedBytes) == value)
  }

  @Test func writesCompactlyInKeyOrderWithEscapes() {
    let value: JSON = ["z": 1, "a": "q\"\u{01}", "n": .double(.nan), "f": 2.0]
    #expect(value.serialized == #"{"z":1,"a":"q\"\u0001","n":null,"f":2}"#)
  }

  @Test func readsTypedFieldsWithoutConfusingNumbersAndBooleans() throws {
    let value = try JSONParser.parse(#"{"silent": 1, "store": true, "n": 3.0}"#)
    #expect(value["silent"]?.boolValue == nil)
    #expect(value["store"]?.boolValue == true)
    #expect(value["n"]?.intValue == 3)
    #expect(value["missing"] == nil)
  }
}
