public import ObscaleJSON

/// The connection file a kernel is started with: where to listen and how to sign
/// (Jupyter client documentation, "Connection files").
///
/// ```json
/// {"transport": "tcp", "ip": "127.0.0.1", "shell_port": 57503, "iopub_port": 40885,
///  "stdin_port": 52597, "control_port": 50160, "hb_port": 57127,
///  "signature_scheme": "hmac-sha256", "key": "a0436f6c-…"}
/// ```
public struct ConnectionInfo: Sendable, Equatable {
  /// The two ZeroMQ transports Jupyter uses.
  public enum Transport: String, Sendable {
    /// TCP: `ip` is an address.
    case tcp
    /// Unix domain sockets: `ip` is a path prefix, each channel is `ip-port`.
    case ipc
  }

  /// The transport.
  public var transport: Transport
  /// The address (tcp) or path prefix (ipc).
  public var ip: String
  /// The port (or ipc suffix) of each channel.
  public var ports: [Channel: Int]
  /// The signing key; empty means unsigned.
  public var key: [UInt8]
  /// The signature scheme, `hmac-sha256`.
  public var signatureScheme: String
  /// The kernel name the client started, when given.
  public var kernelName: String?
  /// The CurveZMQ key pair (Z85 text, 40 characters each) the client provisioned, when it
  /// asks for transport encryption: the kernel's sockets become Curve servers with it.
  public var curveKeys: (publicKey: String, secretKey: String)?

  /// Compares every field.
  public static func == (lhs: ConnectionInfo, rhs: ConnectionInfo) -> Bool {
    lhs.transport == rhs.transport && lhs.ip == rhs.ip && lhs.ports == rhs.ports
      && lhs.key == rhs.key
      && lhs.signatureScheme == rhs.signatureScheme && lhs.kernelName == rhs.kernelName
      && lhs.curveKeys?.publicKey == rhs.curveKeys?.publicKey
      && lhs.curveKeys?.secretKey == rhs.curveKeys?.secretKey
  }

  /// Creates connection settings.
  public init(
    transport: Transport = .tcp, ip: String = "127.0.0.1", ports: [Channel: Int], key: [UInt8],
    signatureScheme: String = "hmac-sha256", kernelName: String? = nil
  ) {
    self.transport = transport
    self.ip = ip
    self.ports = ports
    self.key = key
    self.signatureScheme = signatureScheme
    self.kernelName = kernelName
  }

  /// The ZeroMQ endpoint of `channel`: `tcp://ip:port` or `ipc://ip-port`.
  public func endpoint(_ channel: Channel) -> String {
    let port = ports[channel] ?? 0
    switch transport {
    case .tcp: return ip.contains(":") ? "tcp://[\(ip)]:\(port)" : "tcp://\(ip):\(port)"
    case .ipc: return "ipc://\(ip)-\(port)"
    }
  }

  /// Reads a connection file's text.
  ///
  /// - Throws: `ConnectionFileError` naming the field that is missing or wrong.
  public static func parse(_ bytes: [UInt8]) throws(ConnectionFileError) -> ConnectionInfo {
    let json: JSON
    do {
      json = try JSONParser.parse(bytes)
    } catch {
      throw ConnectionFileError.notJSON(error)
    }
    guard case .object = json else { throw ConnectionFileError.notAnObject(json.typeName) }
    func text(_ key: String, default fallback: String?) throws(ConnectionFileError) -> String {
      switch json[key] {
      case .string(let value)?: return value
      case nil:
        guard let fallback else { throw ConnectionFileError.missing(key) }
        return fallback
      case let other?:
        throw ConnectionFileError.wrongType(key, expected: "a string", found: other.typeName)
      }
    }
    let transportName = try text("transport", default: "tcp")
    guard let transport = Transport(rawValue: transportName) else {
      throw ConnectionFileError.invalid(
        "transport", value: transportName, expected: "'tcp' or 'ipc'")
    }
    var ports: [Channel: Int] = [:]
    for channel in Channel.allCases {
      let key = channel == .heartbeat ? "hb_port" : "\(channel.rawValue)_port"
      guard let value = json[key] else { throw ConnectionFileError.missing(key) }
      guard let port = value.intValue else {
        throw ConnectionFileError.wrongType(key, expected: "an integer", found: value.typeName)
      }
      guard (0...65535).contains(port) else {
        throw ConnectionFileError.invalid(key, value: String(port), expected: "0 to 65535")
      }
      ports[channel] = port
    }
    let key = try text("key", default: "")
    let scheme = try text("signature_scheme", default: "hmac-sha256")
    guard scheme == "hmac-sha256" else {
      throw ConnectionFileError.invalid(
        "signature_scheme", value: scheme, expected: "'hmac-sha256'")
    }
    let kernelName = json["kernel_name"]?.stringValue
    var info = ConnectionInfo(
      transport: transport, ip: try text("ip", default: "127.0.0.1"), ports: ports,
      key: Array(key.utf8), signatureScheme: scheme,
      kernelName: kernelName)
    switch (json["curve_publickey"], json["curve_secretkey"]) {
    case (nil, nil):
      break
    case (.some, nil): throw ConnectionFileError.missing("curve_secretkey")
    case (nil, .some): throw ConnectionFileError.missing("curve_publickey")
    case (.some, .some):
      let publicKey = try text("curve_publickey", default: nil)
      let secretKey = try text("curve_secretkey", default: nil)
      for (field, value) in [("curve_publickey", publicKey), ("curve_secretkey", secretKey)]
      where !ConnectionInfo.isZ85Key(value) {
        throw ConnectionFileError.invalid(
          field, value: value.count > 48 ? String(value.prefix(45)) + "…" : value,
          expected: "a 40-character Z85 CurveZMQ key")
      }
      info.curveKeys = (publicKey, secretKey)
    }
    return info
  }
}

extension ConnectionInfo {
  /// Whether `text` is a CurveZMQ key in Z85: 40 characters of the Z85 alphabet (ZeroMQ RFC 32).
  static func isZ85Key(_ text: String) -> Bool {
    let alphabet = Set(
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#")
    return text.count == 40 && text.allSatisfy { alphabet.contains($0) }
  }
}

/// Why a connection file cannot be used.
public enum ConnectionFileError: Error, Equatable, CustomStringConvertible {
  /// The file is not JSON.
  case notJSON(JSONParser.Failure)
  /// The file is JSON but not an object.
  case notAnObject(String)
  /// A required field is absent.
  case missing(String)
  /// A field has the wrong JSON type.
  case wrongType(String, expected: String, found: String)
  /// A field's value is not allowed.
  case invalid(String, value: String, expected: String)

  /// The message.
  public var description: String {
    switch self {
    case .notJSON(let failure): return "the connection file is not JSON: \(failure)"
    case .notAnObject(let type): return "the connection file holds a \(type), not an object"
    case .missing(let key): return "the connection file has no '\(key)'"
    case .wrongType(let key, let expected, let found):
      return "'\(key)' in the connection file is a \(found), expected \(expected)"
    case .invalid(let key, let value, let expected):
      return "'\(key)' in the connection file is '\(value)', expected \(expected)"
    }
  }
}
