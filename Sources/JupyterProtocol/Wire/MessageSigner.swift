internal import COpenSSL
internal import ObscaleJSON

/// Signs and verifies messages with HMAC-SHA256 (the connection file's
/// `signature_scheme: hmac-sha256`) through libcrypto.
///
/// The signature is the lowercase hex HMAC of the header, parent header, metadata and
/// content frames, in that order (messaging protocol, "The Wire Protocol"). An empty key
/// means the connection is unsigned: the signature frame is empty and not checked.
public struct MessageSigner: Sendable {
  /// The key's bytes.
  public let key: [UInt8]

  /// Creates a signer for `key` (the connection file's `key`, used as its UTF-8 bytes).
  public init(key: [UInt8]) {
    self.key = key
  }

  /// Whether messages are signed at all.
  public var isSigning: Bool { !key.isEmpty }

  /// The HMAC-SHA256 of the concatenated `parts`, 32 bytes.
  public func digest(_ parts: [[UInt8]]) -> [UInt8] {
    var data: [UInt8] = []
    data.reserveCapacity(parts.reduce(0) { $0 + $1.count })
    for part in parts { data.append(contentsOf: part) }
    var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    let ok = key.withUnsafeBufferPointer { keyBuffer in
      data.withUnsafeBufferPointer { dataBuffer in
        out.withUnsafeMutableBufferPointer { outBuffer in
          HMAC(
            EVP_sha256(), keyBuffer.baseAddress, Int32(keyBuffer.count), dataBuffer.baseAddress,
            dataBuffer.count,
            outBuffer.baseAddress, &length) != nil
        }
      }
    }
    // HMAC-SHA256 cannot fail for in-memory input; an empty digest never verifies.
    return ok ? Array(out.prefix(Int(length))) : []
  }

  /// The signature frame for the four JSON frames: lowercase hex, or empty when unsigned.
  public func signature(_ parts: [[UInt8]]) -> [UInt8] {
    guard isSigning else { return [] }
    return MessageSigner.hex(digest(parts))
  }

  /// Whether `signature` is the right one for `parts`, compared in constant time
  /// (libcrypto's `CRYPTO_memcmp`) so that timing reveals nothing of the expected value.
  public func verify(_ signature: [UInt8], parts: [[UInt8]]) -> Bool {
    guard isSigning else { return true }
    let expected = digest(parts)
    guard expected.count == 32, let given = MessageSigner.unhex(signature),
      given.count == expected.count
    else { return false }
    return given.withUnsafeBytes { a in
      expected.withUnsafeBytes { b in CRYPTO_memcmp(a.baseAddress, b.baseAddress, a.count) == 0 }
    }
  }

  /// Lowercase hexadecimal of `bytes`.
  public static func hex(_ bytes: [UInt8]) -> [UInt8] {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0xF)])
    }
    return out
  }

  /// The bytes of hexadecimal text (either case), or nil when it is not hexadecimal.
  static func unhex(_ text: [UInt8]) -> [UInt8]? {
    guard text.count % 2 == 0 else { return nil }
    func nibble(_ c: UInt8) -> UInt8? {
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
      default: return nil
      }
    }
    var out: [UInt8] = []
    out.reserveCapacity(text.count / 2)
    var k = 0
    while k < text.count {
      guard let high = nibble(text[k]), let low = nibble(text[k + 1]) else { return nil }
      out.append(high << 4 | low)
      k += 2
    }
    return out
  }
}
