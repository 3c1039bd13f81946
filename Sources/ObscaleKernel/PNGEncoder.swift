/// Writes RGBA images as PNG files (ISO/IEC 15948): one IHDR, one IDAT of stored (not
/// compressed) deflate blocks inside a zlib stream, and IEND. Enough for small logos,
/// without a compression library.
enum PNGEncoder {
  /// The PNG file for `pixels`, rows top to bottom, 4 bytes (R, G, B, A) per pixel.
  static func encode(width: Int, height: Int, pixels: [UInt8]) -> [UInt8] {
    precondition(pixels.count == width * height * 4, "expected \(width * height * 4) bytes of RGBA")
    var raw: [UInt8] = []
    raw.reserveCapacity(height * (width * 4 + 1))
    for row in 0..<height {
      raw.append(0)  // filter type None
      raw.append(contentsOf: pixels[(row * width * 4)..<((row + 1) * width * 4)])
    }
    var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    var header: [UInt8] = []
    header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
    header += [8, 6, 0, 0, 0]  // 8 bits per sample, RGBA, deflate, adaptive filtering, no interlace
    png += chunk("IHDR", header)
    png += chunk("IDAT", zlibStored(raw))
    png += chunk("IEND", [])
    return png
  }

  /// A chunk: length, type, data, CRC-32 of type and data.
  private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let typeBytes = Array(type.utf8)
    return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(crc32(typeBytes + data))
  }

  /// A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 §3.2.4).
  private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x78, 0x01]
    var offset = 0
    repeat {
      let length = min(65_535, data.count - offset)
      let final: UInt8 = offset + length == data.count ? 1 : 0
      out.append(final)
      out += [
        UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF),
        UInt8((~length >> 8) & 0xFF),
      ]
      out += data[offset..<(offset + length)]
      offset += length
    } while offset < data.count
    return out + bigEndian(adler32(data))
  }

  /// The CRC-32 of PNG (ISO 3309, polynomial 0xEDB88320 reflected).
  static func crc32(_ data: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in data {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }

  /// The Adler-32 checksum of zlib.
  static func adler32(_ data: [UInt8]) -> UInt32 {
    var a: UInt32 = 1
    var b: UInt32 = 0
    for byte in data {
      a = (a + UInt32(byte)) % 65_521
      b = (b + a) % 65_521
    }
    return b << 16 | a
  }

  /// `value`'s four bytes, most significant first.
  private static func bigEndian(_ value: UInt32) -> [UInt8] {
    [
      UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF),
      UInt8(value & 0xFF),
    ]
  }
}
