import JupyterProtocol
import Testing

/// Frames to messages and back.
struct WireCodecTests {
  static let key = Array("a0436f6c-1916-498b-8eb9-e81ab9368e84".utf8)
  static let header: [UInt8] = Array(
    #"{"msg_id":"1","session":"s","username":"u","date":"d","msg_type":"kernel_info_request","version":"5.3"}"#
      .utf8)
  /// The signature of `header` and three `{}` frames under `key`, computed independently
  /// with Python's `hmac.new(key, digestmod=hashlib.sha256)`.
  static let pythonSignature = "c8f80ec8488df5607afe435bef4a53be1b8d706f8f7360361bfe9a038b5d3ac8"

  let codec = WireCodec(signer: MessageSigner(key: WireCodecTests.key))

  /// Frames as a client would send them, signed with `key`.
  func frames(
    _ parts: [[UInt8]], identities: [[UInt8]] = [[1, 2, 3]], key: [UInt8] = WireCodecTests.key
  ) -> [[UInt8]] {
    identities + [WireCodec.delimiter, MessageSigner(key: key).signature(parts)] + parts
  }

  @Test func decodesWhatPythonSigned() throws {
    let wire: [[UInt8]] =
      [
        [7, 7], WireCodec.delimiter, Array(WireCodecTests.pythonSignature.utf8),
        WireCodecTests.header,
      ] + Array(repeating: Array("{}".utf8), count: 3)
    let message = try codec.decode(wire)
    #expect(message.identities == [[7, 7]])
    #expect(message.type == "kernel_info_request")
    #expect(message.header.session == "s")
    #expect(message.content == .emptyObject)
    #expect(message.buffers.isEmpty)
  }

  @Test func roundTripsIdentitiesPartsAndBuffers() throws {
    let header = MessageHeader(
      msgID: "m", session: "s", username: "u", date: "2026-01-01T00:00:00.000000Z",
      msgType: "execute_request")
    let message = Message(
      identities: [[0, 1], Array("peer".utf8)], header: header, parentHeader: ["msg_id": "p"],
      metadata: ["k": 1],
      content: ["code": "help", "silent": false], buffers: [[9, 9, 9], []])
    let wire = codec.encode(message)
    #expect(wire[2] == WireCodec.delimiter)
    let decoded = try codec.decode(wire)
    #expect(decoded.identities == message.identities)
    #expect(decoded.header == header)
    #expect(decoded.parentHeader == message.parentHeader)
    #expect(decoded.metadata == message.metadata)
    #expect(decoded.content == message.content)
    #expect(decoded.buffers == message.buffers)
  }

  @Test(arguments: [
    ("no delimiter", [[UInt8]]([[1], Array("{}".utf8)]), WireError.missingDelimiter),
    ("too few", [WireCodec.delimiter, [], Array("{}".utf8)], .tooFewFrames(found: 2)),
  ])
  func rejectsBadFraming(_ name: String, _ wire: [[UInt8]], _ expected: WireError) {
    #expect(throws: expected) { try codec.decode(wire) }
  }

  @Test func rejectsForgedAndUnsignedMessages() {
    let parts = [WireCodecTests.header] + Array(repeating: Array("{}".utf8), count: 3)
    #expect(throws: WireError.badSignature) {
      try codec.decode(frames(parts, key: Array("wrong".utf8)))
    }
    #expect(throws: WireError.missingSignature) { try codec.decode(frames(parts, key: [])) }
    var tampered = frames(parts)
    tampered[tampered.count - 1] = Array(#"{"code":"evil"}"#.utf8)
    #expect(throws: WireError.badSignature) { try codec.decode(tampered) }
  }

  @Test(
    arguments: [
      ([Array("{x".utf8), [], [], []], "header is not JSON"),
      (
        [Array("[]".utf8), Array("{}".utf8), Array("{}".utf8), Array("{}".utf8)],
        "header is a array, not an object"
      ),
      (
        [Array(#"{"msg_type":"a"}"#.utf8), Array("{}".utf8), Array("{}".utf8), Array("{}".utf8)],
        "has no 'msg_id'"
      ),
      (
        [
          Array(#"{"msg_id":1,"msg_type":"a"}"#.utf8), Array("{}".utf8), Array("{}".utf8),
          Array("{}".utf8),
        ], "'msg_id' is a number"
      ),
      (
        [WireCodecTests.header, Array("{}".utf8), Array("{}".utf8), Array("3".utf8)],
        "content is a number, not an object"
      ),
    ] as [([[UInt8]], String)])
  func rejectsMalformedParts(_ parts: [[UInt8]], _ reason: String) {
    #expect {
      try codec.decode(frames(parts))
    } throws: { error in
      "\(error)".contains(reason)
    }
  }

  @Test func refusesAnOversizePartUnread() {
    let open = WireCodec(signer: MessageSigner(key: []))
    let huge = [UInt8](repeating: UInt8(ascii: " "), count: WireCodec.maximumPartBytes + 1)
    let parts = [WireCodecTests.header, Array("{}".utf8), Array("{}".utf8), huge]
    #expect(
      throws: WireError.oversize(
        part: "content", bytes: huge.count, limit: WireCodec.maximumPartBytes)
    ) {
      try open.decode(frames(parts, key: []))
    }
  }

  @Test func unsignedConnectionsAcceptAnySignatureFrame() throws {
    let open = WireCodec(signer: MessageSigner(key: []))
    let parts = [WireCodecTests.header] + Array(repeating: Array("{}".utf8), count: 3)
    #expect(try open.decode(frames(parts, key: [])).type == "kernel_info_request")
    #expect(open.encode(try open.decode(frames(parts, key: [])))[2].isEmpty)
  }
}
