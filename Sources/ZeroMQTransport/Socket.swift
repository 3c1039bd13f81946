internal import CZeroMQ
internal import Glibc

/// A ZeroMQ socket handle that may be handed to the one thread that will use it.
///
/// A ZeroMQ socket is not thread-safe, but it may migrate between threads across a full
/// memory barrier; each `Socket` is created on one thread, handed to its I/O thread at the
/// thread's start (a barrier), and used only there afterwards. That discipline, not the type
/// system, makes the `@unchecked Sendable` sound.
struct Socket: @unchecked Sendable {
  /// The libzmq socket.
  let raw: UnsafeMutableRawPointer

  /// Opens a socket of `type` in `context` and binds it to `endpoint`; with `curveSecretKey`
  /// (Z85) it is a CurveZMQ server that accepts only clients that know its public key.
  init(
    context: UnsafeMutableRawPointer, type: Int32, endpoint: String, name: String,
    curveSecretKey: String? = nil
  ) throws(ZeroMQError) {
    guard let raw = zmq_socket(context, type) else {
      throw Socket.lastError("open the \(name) socket")
    }
    self.raw = raw
    if let curveSecretKey {
      var server: Int32 = 1
      let key = Array(curveSecretKey.utf8)
      guard zmq_setsockopt(raw, ZMQ_CURVE_SERVER, &server, MemoryLayout<Int32>.size) == 0,
        key.withUnsafeBytes({ zmq_setsockopt(raw, ZMQ_CURVE_SECRETKEY, $0.baseAddress, $0.count) })
          == 0
      else {
        let error = Socket.lastError("make the \(name) socket a CurveZMQ server")
        zmq_close(raw)
        throw error
      }
    }
    var linger: Int32 = 1000
    zmq_setsockopt(raw, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
    // No frame over 256 MiB is read at all: a peer that sends one is disconnected.
    var largest: Int64 = 256 << 20
    zmq_setsockopt(raw, ZMQ_MAXMSGSIZE, &largest, MemoryLayout<Int64>.size)
    if type == ZMQ_ROUTER {
      // Let a client that reconnects with the same identity take over its old connection.
      var handover: Int32 = 1
      zmq_setsockopt(raw, ZMQ_ROUTER_HANDOVER, &handover, MemoryLayout<Int32>.size)
    }
    guard zmq_bind(raw, endpoint) == 0 else {
      let error = Socket.lastError("bind the \(name) socket to \(endpoint)")
      zmq_close(raw)
      throw error
    }
  }

  /// The error of the last failed call, for `operation`.
  static func lastError(_ operation: String) -> ZeroMQError {
    ZeroMQError(operation: operation, reason: String(cString: zmq_strerror(zmq_errno())))
  }

  /// Receives one whole multipart message without waiting; nil when none is ready.
  func receiveMultipart() -> [[UInt8]]? {
    let message = UnsafeMutablePointer<zmq_msg_t>.allocate(capacity: 1)
    defer { message.deallocate() }
    var frames: [[UInt8]] = []
    while true {
      zmq_msg_init(message)
      let size = zmq_msg_recv(message, raw, frames.isEmpty ? ZMQ_DONTWAIT : 0)
      if size < 0 {
        zmq_msg_close(message)
        return frames.isEmpty ? nil : frames
      }
      let data = zmq_msg_data(message)
      frames.append(data.map { Array(UnsafeRawBufferPointer(start: $0, count: Int(size))) } ?? [])
      let more = zmq_msg_more(message) != 0
      zmq_msg_close(message)
      if !more { return frames }
    }
  }

  /// Sends `frames` as one multipart message; returns false when libzmq refused it.
  @discardableResult
  func sendMultipart(_ frames: [[UInt8]]) -> Bool {
    for (k, frame) in frames.enumerated() {
      let flags = k == frames.count - 1 ? 0 : ZMQ_SNDMORE
      let sent = frame.withUnsafeBytes { zmq_send(raw, $0.baseAddress, $0.count, flags) }
      if sent < 0 { return false }
    }
    return true
  }

  /// Closes the socket.
  func close() {
    zmq_close(raw)
  }
}
