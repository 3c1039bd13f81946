/// The signatures of the last `capacity` messages accepted, so that a correctly signed message
/// sent again (a replay) is recognized and dropped.
///
/// Each signature is remembered by the first 64 bits of its HMAC-SHA256 digest: without the
/// key nobody can choose a digest, so those bits are uniformly random, and a new message is
/// mistaken for a remembered one with probability 2⁻⁶⁴ per remembered signature (under
/// 4·10⁻¹⁵ with all 65 536 remembered). That keeps the guard to 8 bytes per message in a
/// ring and a set, where whole digests took 32 in each.
struct ReplayGuard: Sendable {
  /// A remembered signature: the first 64 bits of the digest.
  struct Signature: Hashable, Sendable {
    /// The bits.
    var bits: UInt64

    /// The signature of a signature frame (hex, either case), or nil when it is not 64 hex digits.
    init?(hex frame: [UInt8]) {
      guard frame.count == 64, let bytes = MessageSigner.unhex(frame) else { return nil }
      bits = bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
  }

  /// How many signatures are remembered.
  let capacity: Int
  /// The remembered signatures.
  private var seen: Set<Signature> = []
  /// The same, in a ring in arrival order, to forget the oldest first.
  private var ring: [Signature] = []
  /// Where the ring's next signature goes once it is full: the oldest one.
  private var oldest = 0

  /// Creates a guard remembering `capacity` signatures (at least one).
  init(capacity: Int) {
    self.capacity = max(1, capacity)
  }

  /// Records `signature` and returns true when it is new; returns false, changing nothing,
  /// when it was seen among the last `capacity`.
  mutating func admit(_ signature: Signature) -> Bool {
    guard seen.insert(signature).inserted else { return false }
    if ring.count < capacity {
      ring.append(signature)
    } else {
      seen.remove(ring[oldest])
      ring[oldest] = signature
      oldest = (oldest + 1) % capacity
    }
    return true
  }

  /// How many signatures are remembered now.
  var count: Int { seen.count }
}
