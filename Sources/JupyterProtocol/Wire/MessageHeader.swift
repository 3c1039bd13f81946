public import ObscaleJSON

/// The header of a message (messaging protocol 5.3, "General message format").
public struct MessageHeader: Sendable, Equatable {
  /// The message's unique id.
  public var msgID: String
  /// The id of the session that sent it.
  public var session: String
  /// The user who sent it.
  public var username: String
  /// When it was made, ISO 8601 with a time zone.
  public var date: String
  /// What kind of message it is, such as `execute_request`.
  public var msgType: String
  /// The protocol version of the sender.
  public var version: String

  /// Creates a header.
  public init(
    msgID: String, session: String, username: String, date: String, msgType: String,
    version: String = ProtocolVersion.messaging
  ) {
    self.msgID = msgID
    self.session = session
    self.username = username
    self.date = date
    self.msgType = msgType
    self.version = version
  }

  /// Reads a header from its JSON frame; `msg_id`, `msg_type` and `session` must be strings,
  /// the others default to empty when absent.
  public init(json: JSON) throws(WireError) {
    guard case .object = json else {
      throw WireError.invalidHeader("the header is a \(json.typeName), not an object")
    }
    func text(_ key: String, required: Bool) throws(WireError) -> String {
      switch json[key] {
      case .string(let value)?: return value
      case nil where !required: return ""
      case nil: throw WireError.invalidHeader("the header has no '\(key)'")
      case let other?:
        throw WireError.invalidHeader("the header's '\(key)' is a \(other.typeName), not a string")
      }
    }
    msgID = try text("msg_id", required: true)
    msgType = try text("msg_type", required: true)
    session = try text("session", required: false)
    username = try text("username", required: false)
    date = try text("date", required: false)
    version = try text("version", required: false)
  }

  /// The header as its JSON frame, keys in the specification's order.
  public var json: JSON {
    .object([
      ("msg_id", .string(msgID)), ("session", .string(session)), ("username", .string(username)),
      ("date", .string(date)), ("msg_type", .string(msgType)), ("version", .string(version)),
    ])
  }
}
