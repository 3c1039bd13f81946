public import ObscaleJSON

/// One message of the Jupyter protocol, decoded: routing identities, the four JSON parts
/// and any binary buffers.
public struct Message: Sendable {
  /// The ZeroMQ routing identities that precede the delimiter (the reply goes back to them).
  public var identities: [[UInt8]]
  /// The header.
  public var header: MessageHeader
  /// The header of the request this answers, or an empty object.
  public var parentHeader: JSON
  /// Metadata (an object).
  public var metadata: JSON
  /// The content (an object whose shape depends on `header.msgType`).
  public var content: JSON
  /// Extra binary frames.
  public var buffers: [[UInt8]]

  /// Creates a message.
  public init(
    identities: [[UInt8]] = [], header: MessageHeader, parentHeader: JSON = .emptyObject,
    metadata: JSON = .emptyObject,
    content: JSON, buffers: [[UInt8]] = []
  ) {
    self.identities = identities
    self.header = header
    self.parentHeader = parentHeader
    self.metadata = metadata
    self.content = content
    self.buffers = buffers
  }

  /// The message type, such as `execute_request`.
  public var type: String { header.msgType }
}
