public import ObscaleJSON

/// Why a multipart frame sequence is not an acceptable message. The kernel logs it and drops
/// the message; it never acts on one.
public enum WireError: Error, Equatable, CustomStringConvertible {
  /// No `<IDS|MSG>` frame.
  case missingDelimiter
  /// Fewer than the five frames (signature, header, parent header, metadata, content) after
  /// the delimiter.
  case tooFewFrames(found: Int)
  /// The message carries no signature but the session has a key.
  case missingSignature
  /// The signature does not match the key.
  case badSignature
  /// A part is not JSON.
  case invalidJSON(part: String, JSONParser.Failure)
  /// A part is JSON but not an object.
  case notAnObject(part: String, type: String)
  /// The header lacks a field or has one of the wrong type.
  case invalidHeader(String)
  /// A frame is larger than the limit.
  case oversize(part: String, bytes: Int, limit: Int)

  /// The log line for the error.
  public var description: String {
    switch self {
    case .missingDelimiter: return "no '<IDS|MSG>' delimiter frame"
    case .tooFewFrames(let found): return "\(found) frames after the delimiter, at least 5 needed"
    case .missingSignature: return "the message is not signed but the connection has a key"
    case .badSignature: return "the signature does not match the connection's key"
    case .invalidJSON(let part, let failure): return "the \(part) is not JSON: \(failure)"
    case .notAnObject(let part, let type): return "the \(part) is a \(type), not an object"
    case .invalidHeader(let reason): return reason
    case .oversize(let part, let bytes, let limit):
      return "the \(part) is \(bytes) bytes, over the limit of \(limit)"
    }
  }
}
