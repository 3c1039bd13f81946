internal import CZeroMQ
import Dispatch
internal import Glibc
public import JupyterProtocol
internal import Synchronization

/// The kernel's five sockets over ZeroMQ: ROUTER shell, control and stdin, PUB iopub, and a
/// REP heartbeat that echoes on its own thread.
///
/// One I/O thread owns shell, control, stdin and iopub: it polls them and a wake-up pipe,
/// hands each received message to the receiver, and sends what `send` queued from any
/// thread. The receiver handles control messages on this thread, so interrupt and shutdown
/// are served while the kernel's main thread runs a cell.
public final class ZeroMQTransport: MessageSink {
  /// The libzmq context (thread-safe by design).
  private let context: ContextHandle
  /// The sockets the I/O thread owns, by channel.
  private let sockets: [Channel: Socket]
  /// The heartbeat socket, owned by the heartbeat thread.
  private let heartbeat: Socket
  /// Messages waiting to be sent, in order.
  private let outbox = Mutex<[(Channel, [[UInt8]])]>([])
  /// The pipe that wakes the I/O thread: [read end, write end].
  private let wake: [Int32]
  /// Set when the I/O thread should flush and stop.
  private let stopping = Atomic<Bool>(false)
  /// Signalled by each thread as it ends.
  private let finished = DispatchSemaphore(value: 0)
  /// Where log lines go.
  private let log: @Sendable (String) -> Void

  /// Opens and binds every socket of `connection`.
  ///
  /// - Throws: `ZeroMQError` naming the socket and endpoint that could not be bound.
  public init(connection: ConnectionInfo, log: @escaping @Sendable (String) -> Void = { _ in })
    throws(ZeroMQError)
  {
    guard let raw = zmq_ctx_new() else { throw Socket.lastError("create a ZeroMQ context") }
    context = ContextHandle(raw: raw)
    self.log = log
    var opened: [Channel: Socket] = [:]
    do {
      for (channel, type) in [
        (Channel.shell, ZMQ_ROUTER), (.control, ZMQ_ROUTER), (.stdin, ZMQ_ROUTER),
        (.iopub, ZMQ_PUB),
      ] {
        opened[channel] = try Socket(
          context: raw, type: type, endpoint: connection.endpoint(channel), name: channel.rawValue,
          curveSecretKey: connection.curveKeys?.secretKey)
      }
      heartbeat = try Socket(
        context: raw, type: ZMQ_REP, endpoint: connection.endpoint(.heartbeat), name: "heartbeat",
        curveSecretKey: connection.curveKeys?.secretKey)
    } catch {
      for socket in opened.values { socket.close() }
      zmq_ctx_term(raw)
      throw error
    }
    sockets = opened
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else {
      for socket in opened.values { socket.close() }
      heartbeat.close()
      zmq_ctx_term(raw)
      throw ZeroMQError(
        operation: "create the wake-up pipe", reason: String(cString: strerror(errno)))
    }
    for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    wake = fds
  }

  /// Starts the heartbeat and I/O threads; `receiver` gets each message and its channel.
  public func start(receiver: @escaping @Sendable ([[UInt8]], Channel) -> Void) {
    let heartbeat = self.heartbeat
    let finished = self.finished
    startThread(named: "obscale-heartbeat") {
      // Echo until the context shuts down (zmq_proxy then returns with ETERM).
      zmq_proxy(heartbeat.raw, heartbeat.raw, nil)
      heartbeat.close()
      finished.signal()
    }
    startThread(named: "obscale-io") { [self] in
      run(receiver: receiver)
      finished.signal()
    }
  }

  /// Queues `frames` for `channel`; the I/O thread sends them in order.
  public func send(_ frames: [[UInt8]], on channel: Channel) {
    outbox.withLock { $0.append((channel, frames)) }
    var byte: UInt8 = 1
    _ = write(wake[1], &byte, 1)
  }

  /// Sends what is queued, closes the sockets and ends the threads; returns when they have.
  public func stop() {
    stopping.store(true, ordering: .sequentiallyConsistent)
    var byte: UInt8 = 1
    _ = write(wake[1], &byte, 1)
    finished.wait()  // the I/O thread has flushed and closed its sockets
    zmq_ctx_shutdown(context.raw)
    finished.wait()  // the heartbeat thread has closed its socket
    zmq_ctx_term(context.raw)
    close(wake[0])
    close(wake[1])
  }

  /// The I/O loop.
  private func run(receiver: @Sendable ([[UInt8]], Channel) -> Void) {
    let polled: [Channel] = [.shell, .control, .stdin]
    var items = polled.map {
      zmq_pollitem_t(socket: sockets[$0]?.raw, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
    }
    items.append(zmq_pollitem_t(socket: nil, fd: wake[0], events: Int16(ZMQ_POLLIN), revents: 0))
    while true {
      let ready = items.withUnsafeMutableBufferPointer {
        zmq_poll($0.baseAddress, Int32($0.count), -1)
      }
      if ready < 0 {
        if zmq_errno() == EINTR { continue }
        log("polling stopped: \(Socket.lastError("poll").reason)")
        break
      }
      if items[3].revents != 0 {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(wake[0], &buffer, buffer.count) > 0 {}
      }
      // Control first: an interrupt must not wait behind a burst of shell traffic.
      for k in [1, 0, 2] where items[k].revents != 0 {
        guard let socket = sockets[polled[k]] else { continue }
        while let frames = socket.receiveMultipart() {
          receiver(frames, polled[k])
          flush()
        }
      }
      flush()
      if stopping.load(ordering: .sequentiallyConsistent) {
        flush()
        break
      }
    }
    for socket in sockets.values { socket.close() }
  }

  /// Sends every queued message.
  private func flush() {
    let queued = outbox.withLock { queue -> [(Channel, [[UInt8]])] in
      defer { queue.removeAll(keepingCapacity: true) }
      return queue
    }
    for (channel, frames) in queued {
      guard let socket = sockets[channel], socket.sendMultipart(frames) else {
        log("could not send a message on \(channel.rawValue): \(Socket.lastError("send").reason)")
        continue
      }
    }
  }
}

/// The libzmq context, which libzmq makes safe to use from any thread.
private struct ContextHandle: @unchecked Sendable {
  /// The context.
  let raw: UnsafeMutableRawPointer
}

/// The body of a thread, boxed to cross `pthread_create`'s untyped argument.
private final class ThreadBody {
  /// The thread's name.
  let name: String
  /// What the thread runs.
  let run: @Sendable () -> Void

  init(name: String, run: @escaping @Sendable () -> Void) {
    self.name = name
    self.run = run
  }
}

/// Runs `body` on a new detached POSIX thread named `name` (at most 15 bytes, as Linux allows),
/// the name `top -H` and `perf` show.
private func startThread(named name: String, _ body: @escaping @Sendable () -> Void) {
  let argument = Unmanaged.passRetained(ThreadBody(name: name, run: body)).toOpaque()
  var thread = pthread_t()
  let created = pthread_create(
    &thread, nil,
    { raw in
      let body = Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue()
      obscale_name_this_thread(body.name)
      body.run()
      return nil
    }, argument)
  guard created == 0 else {
    fatalError("cannot start the thread \(name): \(String(cString: strerror(created)))")
  }
  pthread_detach(thread)
}
