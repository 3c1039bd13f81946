internal import ObscaleJSON

/// Turns messages into ZeroMQ multipart frames and back (messaging protocol, "The Wire
/// Protocol"):
///
/// ```
/// [identities…, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers…]
/// ```
public struct WireCodec: Sendable {
  /// The delimiter between routing identities and the message.
  public static let delimiter: [UInt8] = Array("<IDS|MSG>".utf8)
  /// The largest JSON part accepted, in bytes (64 MiB); larger parts are refused unread.
  public static let maximumPartBytes = 64 << 20

  /// The signer of the connection.
  public var signer: MessageSigner

  /// Creates a codec signing with `signer`.
  public init(signer: MessageSigner) {
    self.signer = signer
  }

  /// The frames of `message`, signed.
  public func encode(_ message: Message) -> [[UInt8]] {
    let parts = [
      message.header.json.serializedBytes, message.parentHeader.serializedBytes,
      message.metadata.serializedBytes, message.content.serializedBytes,
    ]
    var frames = message.identities
    frames.reserveCapacity(frames.count + 6 + message.buffers.count)
    frames.append(WireCodec.delimiter)
    frames.append(signer.signature(parts))
    frames.append(contentsOf: parts)
    frames.append(contentsOf: message.buffers)
    return frames
  }

  /// The message in `frames`, after checking its signature.
  ///
  /// - Throws: `WireError` when the frames are not a well-formed, correctly signed message;
  ///   the signature is checked before any JSON is parsed.
  public func decode(_ frames: [[UInt8]]) throws(WireError) -> Message {
    guard let split = frames.firstIndex(of: WireCodec.delimiter) else {
      throw WireError.missingDelimiter
    }
    let rest = frames.count - split - 1
    guard rest >= 5 else { throw WireError.tooFewFrames(found: rest) }
    let signature = frames[split + 1]
    let parts = Array(frames[(split + 2)..<(split + 6)])
    if signer.isSigning {
      guard !signature.isEmpty else { throw WireError.missingSignature }
      guard signer.verify(signature, parts: parts) else { throw WireError.badSignature }
    }
    let names = ["header", "parent header", "metadata", "content"]
    var values: [JSON] = []
    for (name, part) in zip(names, parts) {
      guard part.count <= WireCodec.maximumPartBytes else {
        throw WireError.oversize(part: name, bytes: part.count, limit: WireCodec.maximumPartBytes)
      }
      let value: JSON
      do {
        value = try JSONParser.parse(part)
      } catch {
        throw WireError.invalidJSON(part: name, error)
      }
      guard case .object = value else {
        throw WireError.notAnObject(part: name, type: value.typeName)
      }
      values.append(value)
    }
    return Message(
      identities: Array(frames[..<split]), header: try MessageHeader(json: values[0]),
      parentHeader: values[1],
      metadata: values[2], content: values[3], buffers: Array(frames[(split + 6)...]))
  }
}
