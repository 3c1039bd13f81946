/// Where the protocol core sends frames: the transport side of the first seam. Sending may
/// happen from any thread; the transport delivers frames of one channel in order.
public protocol MessageSink: Sendable {
  /// Sends one multipart message on `channel`.
  func send(_ frames: [[UInt8]], on channel: Channel)
}
