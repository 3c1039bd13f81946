import Testing

@testable import JupyterProtocol

/// The replay guard remembers the last signatures, by their first 64 bits.
struct ReplayGuardTests {
  /// A signature frame: 64 hex digits whose first 16 spell `n`.
  private static func frame(_ n: UInt64, tail: String = String(repeating: "0", count: 48))
    -> [UInt8]
  {
    let head = String(n, radix: 16)
    return Array((String(repeating: "0", count: 16 - head.count) + head + tail).utf8)
  }

  @Test func refusesWhatItHasSeenAndForgetsTheOldestFirst() throws {
    var guardian = ReplayGuard(capacity: 3)
    let signatures = try (0..<5).map { try #require(ReplayGuard.Signature(hex: Self.frame($0))) }
    // What admit answers for each signature in turn: new (true) or seen (false).
    let answers = [0, 1, 2, 1, 3, 0, 2, 3, 1].map { guardian.admit(signatures[$0]) }
    // 0, 1, 2 are new; 1 again is a replay; 3 pushes out 0, which is then new again (pushing
    // out 1); 2 and 3 are still remembered; 1 was forgotten.
    #expect(answers == [true, true, true, false, true, true, false, false, true])
    #expect(guardian.count == 3)
  }

  @Test func readsTheFirst64BitsInEitherCase() throws {
    let lower = try #require(
      ReplayGuard.Signature(
        hex: Array(("abcdef0123456789" + String(repeating: "f", count: 48)).utf8)))
    let upper = try #require(
      ReplayGuard.Signature(
        hex: Array(("ABCDEF0123456789" + String(repeating: "0", count: 48)).utf8)))
    #expect(lower.bits == 0xabcd_ef01_2345_6789 && lower == upper)
    #expect(ReplayGuard.Signature(hex: Array(String(repeating: "a", count: 62).utf8)) == nil)
    #expect(
      ReplayGuard.Signature(hex: Array(("x" + String(repeating: "a", count: 63)).utf8)) == nil)
  }

  @Test func staysAtItsCapacityOverManyMessages() throws {
    var guardian = ReplayGuard(capacity: KernelCore.digestHistorySize)
    var refused = 0
    for n in 0..<UInt64(100_000) {
      let signature = try #require(
        ReplayGuard.Signature(hex: Self.frame(n &* 0x9E37_79B9_7F4A_7C15)))
      if !guardian.admit(signature) { refused += 1 }
    }
    #expect(refused == 0)
    #expect(guardian.count == KernelCore.digestHistorySize)
  }
}
