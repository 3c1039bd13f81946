/// A small, fast, seeded pseudo-random generator: every random choice obscale makes uses one.
///
/// The state advances by the golden-ratio increment and the output is mixed with the
/// SplitMix64 finalizer (Steele, Lea & Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014). The same seed gives the same stream on every platform.
public struct SplitMix64: RandomNumberGenerator, Equatable, Sendable {
  /// The generator's state.
  private var state: UInt64

  /// Creates a generator from `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// Creates the generator of stream `index` of `seed` (one per bootstrap resample): its start
  /// is a hash of both. Seeding stream b with seed + b·γ — γ being the generator's own
  /// increment — would make stream b + 1 the stream b one draw on, so that resamples were
  /// shifted copies of each other.
  public init(seed: UInt64, stream index: UInt64) {
    state = Self.mix(seed &+ Self.mix(index &+ 0x632B_E59B_D9B4_E019))
  }

  /// Returns the next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return Self.mix(state)
  }

  /// The SplitMix64 finalizer: a bijective mix of 64 bits.
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Returns a uniform double in [0, 1) with 53 random bits.
  public mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// Returns a standard normal deviate (Box–Muller, one of the pair).
  public mutating func nextGaussian() -> Double {
    let u1 = max(nextUnit(), 0x1.0p-53)
    let u2 = nextUnit()
    return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
  }
}
