import JupyterProtocol
import Testing

/// HMAC-SHA256 against RFC 4231's published test vectors, and verification.
struct MessageSignerTests {
  /// RFC 4231 §4: test cases 1, 2, 3, 4, 6 and 7 (key, data, HMAC-SHA256).
  static let vectors: [([UInt8], [UInt8], String)] = [
    (
      Array(repeating: 0x0B, count: 20), Array("Hi There".utf8),
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    ),
    (
      Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    ),
    (
      Array(repeating: 0xAA, count: 20), Array(repeating: 0xDD, count: 50),
      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
    ),
    (
      Array(1...25), Array(repeating: 0xCD, count: 50),
      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
    ),
    (
      Array(repeating: 0xAA, count: 131),
      Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    ),
    (
      Array(repeating: 0xAA, count: 131),
      Array(
        "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."
          .utf8),
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
    ),
  ]

  @Test(arguments: vectors.indices)
  func matchesRFC4231(_ index: Int) {
    let (key, data, expected) = MessageSignerTests.vectors[index]
    let signer = MessageSigner(key: key)
    #expect(String(decoding: signer.signature([data]), as: UTF8.self) == expected)
    // The frames are concatenated: splitting the data anywhere signs the same.
    let middle = data.count / 3
    #expect(
      signer.signature([Array(data[..<middle]), Array(data[middle...])]) == signer.signature([data])
    )
  }

  @Test func verifiesOnlyTheRightSignature() {
    let signer = MessageSigner(key: Array("secret".utf8))
    let parts: [[UInt8]] = [Array("{}".utf8), Array("{}".utf8)]
    let good = signer.signature(parts)
    #expect(signer.verify(good, parts: parts))
    #expect(
      signer.verify(Array(String(decoding: good, as: UTF8.self).uppercased().utf8), parts: parts))
    var flipped = good
    flipped[10] = flipped[10] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
    #expect(!signer.verify(flipped, parts: parts))
    #expect(!signer.verify(Array(good.dropLast(2)), parts: parts))
    #expect(
      !signer.verify(
        Array("not hex at all, not hex at all, not hex at all, not hex at all!!".utf8), parts: parts
      ))
    #expect(!signer.verify([], parts: parts))
    #expect(!MessageSigner(key: Array("other".utf8)).verify(good, parts: parts))
  }

  @Test func anEmptyKeyMeansUnsigned() {
    let signer = MessageSigner(key: [])
    #expect(!signer.isSigning)
    #expect(signer.signature([[1, 2, 3]]).isEmpty)
    #expect(signer.verify([], parts: [[1, 2, 3]]))
  }
}
