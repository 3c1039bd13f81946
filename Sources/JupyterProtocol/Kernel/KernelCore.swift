import Dispatch
internal import Glibc
internal import ObscaleJSON
internal import Synchronization

/// The language-neutral protocol core: decodes and verifies each message, dispatches it to
/// its handler, brackets it with `busy`/`idle` on iopub, numbers executions, keeps history,
/// and aborts queued executions after an error when asked to.
///
/// Threads: the transport calls `receive` from its I/O thread. Control messages are handled
/// there at once, so interrupt and shutdown work while a cell runs; shell messages are
/// queued and handled in order by whoever runs `serveShell` (the kernel's main thread).
public final class KernelCore: Sendable {
  /// The language.
  let interpreter: any KernelInterpreter
  /// The wire codec with the connection's key.
  let codec: WireCodec
  /// Where frames go.
  let sink: any MessageSink
  /// Where log lines go (the kernel's standard error).
  let log: @Sendable (String) -> Void
  /// Called once when a shutdown request has been answered.
  let onShutdown: @Sendable (_ restart: Bool) -> Void
  /// Told when a backlog has drained (see `releaseMemoryAfterBacklog`).
  let onBacklogDrained: @Sendable () -> Void
  /// The id of this kernel's session, in every header it sends.
  public let sessionID: String
  /// The mutable state.
  let state = Mutex(State())
  /// Counts queued shell messages; `serveShell` waits on it.
  private let pending = DispatchSemaphore(value: 0)

  /// What changes as messages arrive.
  struct State {
    /// Messages received and not yet handled, with the channel to reply on.
    var queue = FIFOQueue<(Message, Channel)>()
    /// The number of the last cell stored in history.
    var executionCount = 0
    /// The cells run.
    var history = History()
    /// Set once a shutdown request has been answered.
    var shuttingDown = false
    /// The signatures of the messages accepted so far, against replays.
    var replays = ReplayGuard(capacity: KernelCore.digestHistorySize)
    /// The longest the queue has been since memory was last handed back.
    var backlog = 0
    /// How many times memory was handed back after a backlog drained.
    var memoryReleases = 0

    /// Queues a request and notes the backlog.
    mutating func enqueue(_ message: Message, _ channel: Channel) {
      queue.append((message, channel))
      backlog = max(backlog, queue.count)
    }
  }

  /// A backlog this long (requests queued at once, as when a client sends many cells without
  /// waiting) is followed by handing the heap's free pages back to the system.
  static let backlogWorthReleasing = 64

  /// How many signatures are remembered against replays (jupyter_client's
  /// `digest_history_size`); past that, the oldest is forgotten as each new one arrives.
  static let digestHistorySize = 1 << 16

  /// Creates a core.
  ///
  /// - Parameters:
  ///   - interpreter: the language.
  ///   - key: the connection's signing key (empty: unsigned).
  ///   - sink: the transport.
  ///   - sessionID: the session id of outgoing headers (a new UUID when nil).
  ///   - log: receives one line per dropped or unknown message.
  ///   - onShutdown: told when a shutdown has been answered, so the transport can stop.
  ///   - onBacklogDrained: told when a backlog of queued requests has drained and the queue's
  ///     storage was dropped, so the host can hand the heap's free pages back to the system
  ///     (the executable calls glibc's `malloc_trim`).
  public init(
    interpreter: any KernelInterpreter, key: [UInt8], sink: any MessageSink,
    sessionID: String? = nil,
    log: @escaping @Sendable (String) -> Void = { _ in },
    onShutdown: @escaping @Sendable (Bool) -> Void = { _ in },
    onBacklogDrained: @escaping @Sendable () -> Void = {}
  ) {
    self.interpreter = interpreter
    self.codec = WireCodec(signer: MessageSigner(key: key))
    self.sink = sink
    self.sessionID = sessionID ?? MessageClock.newID()
    self.log = log
    self.onShutdown = onShutdown
    self.onBacklogDrained = onBacklogDrained
  }

  /// The request types that use the interpreter's session, which a running cell holds; on
  /// control they are queued behind it like shell requests.
  static let needsInterpreter: Set<String> = Set(
    [MessageType.executeRequest, .completeRequest, .inspectRequest].map(\.rawValue))

  /// Whether a shutdown has been answered.
  public var isShuttingDown: Bool { state.withLock { $0.shuttingDown } }

  /// The number of the last cell run with `store_history`.
  public var executionCount: Int { state.withLock { $0.executionCount } }

  /// Takes frames that arrived on `channel`: a message that fails to decode or verify is
  /// logged and dropped; control messages are handled now; shell messages are queued.
  public func receive(_ frames: [[UInt8]], on channel: Channel) {
    let message: Message
    do {
      message = try codec.decode(frames)
    } catch {
      log("dropped a message on \(channel.rawValue): \(error)")
      return
    }
    // A correctly signed message seen before is a replay: never act on it twice.
    if codec.signer.isSigning, let split = frames.firstIndex(of: WireCodec.delimiter),
      let signature = ReplayGuard.Signature(hex: frames[split + 1])
    {
      let replayed = state.withLock { !$0.replays.admit(signature) }
      if replayed {
        log(
          "dropped a replayed message on \(channel.rawValue): its signature was seen before ('\(message.type)', msg_id \(message.header.msgID))"
        )
        return
      }
    }
    switch channel {
    case .shell:
      state.withLock { $0.enqueue(message, .shell) }
      pending.signal()
    case .control where KernelCore.needsInterpreter.contains(message.type):
      // Running code, completing or inspecting waits for the cell that runs now; the I/O
      // thread must not, or an interrupt could never arrive. Queue it; reply on control.
      state.withLock { $0.enqueue(message, .control) }
      pending.signal()
    case .control:
      handle(message, on: .control)
    case .stdin:
      log("ignored '\(message.type)' on stdin: this kernel never asks for input")
    case .iopub, .heartbeat:
      log("ignored '\(message.type)' on \(channel.rawValue)")
    }
  }

  /// Handles queued shell messages in order until shutdown; blocks while there are none.
  public func serveShell() {
    while !isShuttingDown {
      pending.wait()
      if let (message, channel) = dequeue() {
        handle(message, on: channel)
        releaseMemoryAfterBacklog()
      }
    }
  }

  /// Wakes `serveShell` so that it sees a shutdown.
  public func stopServing() {
    pending.signal()
  }

  /// Handles every queued shell message now, on the calling thread; returns how many. For
  /// tests and single-threaded hosts.
  @discardableResult
  public func processPendingShell() -> Int {
    var count = 0
    while let (message, channel) = dequeue() {
      _ = pending.wait(timeout: .now())
      handle(message, on: channel)
      releaseMemoryAfterBacklog()
      count += 1
    }
    return count
  }

  /// How many times memory was handed back after a backlog drained.
  var memoryReleases: Int { state.withLock { $0.memoryReleases } }

  /// Once a backlog of queued requests has drained, drops the queue's storage and tells the
  /// host, which hands the heap's free pages back to the system (glibc's `malloc_trim`, which
  /// malloc would otherwise keep): after a burst of a thousand cells, the heap's resident
  /// pages drop from 3.0 to 1.5 MiB (docs/BENCHMARKS.md). Between bursts it costs one check
  /// per request.
  private func releaseMemoryAfterBacklog() {
    let drained = state.withLock { state -> Bool in
      guard state.queue.isEmpty, state.backlog >= KernelCore.backlogWorthReleasing else {
        return false
      }
      state.backlog = 0
      state.queue.release()
      state.memoryReleases += 1
      return true
    }
    if drained { onBacklogDrained() }
  }

  /// The next queued message and the channel to reply on.
  private func dequeue() -> (Message, Channel)? {
    state.withLock { $0.queue.popFirst() }
  }

  // MARK: - Sending

  /// Sends a message of `type` with `content` in answer to (or on behalf of) `parent`:
  /// replies go back to the parent's identities on `channel`; iopub messages carry a topic.
  func send(
    _ type: MessageType, _ content: JSON, parent: Message?, on channel: Channel,
    metadata: JSON = .emptyObject
  ) {
    send(type.rawValue, content, parent: parent, on: channel, metadata: metadata)
  }

  /// Sends a message of a type given as written: the reply to a request type this kernel
  /// does not know.
  func send(
    _ type: String, _ content: JSON, parent: Message?, on channel: Channel,
    metadata: JSON = .emptyObject
  ) {
    let header = MessageHeader(
      msgID: MessageClock.newID(), session: sessionID, username: "kernel", date: MessageClock.now(),
      msgType: type)
    let identities: [[UInt8]] =
      channel == .iopub ? [Array("kernel.\(sessionID).\(type)".utf8)] : (parent?.identities ?? [])
    let message = Message(
      identities: identities, header: header, parentHeader: parent?.header.json ?? .emptyObject,
      metadata: metadata,
      content: content)
    sink.send(codec.encode(message), on: channel)
  }

  /// Publishes the kernel's execution state.
  func publishStatus(_ status: String, parent: Message?) {
    send(.status, .object([("execution_state", .string(status))]), parent: parent, on: .iopub)
  }

  /// Announces that the kernel is up (`starting`), as kernels do when they start.
  public func announceStarting() {
    publishStatus("starting", parent: nil)
  }
}
