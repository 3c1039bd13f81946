import JupyterProtocol
import ObscaleJSON
import Synchronization
import Testing

/// The protocol core over an in-memory transport and a scripted interpreter.
struct KernelCoreTests {
  @Test func bracketsAnExecutionWithBusyAndIdle() {
    let harness = Harness { code, context in
      context.stream(.stdout, "out\n")
      context.display(.text("shown"))
      context.result(.text("result"))
      return .ok()
    }
    let id = harness.send("execute_request", ["code": "x", "silent": false])
    #expect(harness.trace(id).isEmpty, "shell requests wait for serveShell")
    #expect(harness.core.processPendingShell() == 1)
    #expect(
      harness.trace(id) == [
        "iopub:status", "iopub:execute_input", "iopub:stream", "iopub:display_data",
        "iopub:execute_result", "shell:execute_reply",
        "iopub:status",
      ])
    let reply = harness.reply(id)
    #expect(reply?.content["status"] == "ok")
    #expect(reply?.content["execution_count"] == 1)
    #expect(reply?.identities == [Array("peer".utf8)])
    #expect(reply?.header.session == "kernel-session")
    let result = harness.sent.first { $0.1.type == "execute_result" }?.1
    #expect(result?.content["execution_count"] == 1)
    #expect(result?.identities == [Array("kernel.kernel-session.execute_result".utf8)])
  }

  @Test func aDisplayWithAnIdCanBeUpdatedInPlace() {
    let harness = Harness { _, context in
      context.display(.text("1 of 2"), id: "progress-1")
      context.update(.text("2 of 2"), id: "progress-1")
      return .ok()
    }
    let id = harness.send("execute_request", ["code": "x"])
    #expect(harness.core.processPendingShell() == 1)
    #expect(harness.trace(id).contains("iopub:update_display_data"))
    let shown = harness.sent.first { $0.1.type == "display_data" }?.1
    #expect(shown?.content["transient"]?["display_id"] == "progress-1")
    let update = harness.sent.first { $0.1.type == "update_display_data" }?.1
    #expect(update?.content["transient"]?["display_id"] == "progress-1")
    #expect(update?.content["data"]?["text/plain"] == "2 of 2")
  }

  @Test func countsOnlyStoredExecutionsAndSilencesSilentOnes() {
    let harness = Harness { _, context in
      context.stream(.stdout, "noise")
      return .ok()
    }
    let first = harness.send("execute_request", ["code": "a"])
    let silent = harness.send("execute_request", ["code": "b", "silent": true])
    let unstored = harness.send("execute_request", ["code": "c", "store_history": false])
    let second = harness.send("execute_request", ["code": "d"])
    harness.core.processPendingShell()
    #expect(harness.reply(first)?.content["execution_count"] == 1)
    #expect(harness.reply(silent)?.content["execution_count"] == 2)
    #expect(harness.trace(silent) == ["iopub:status", "shell:execute_reply", "iopub:status"])
    #expect(harness.reply(unstored)?.content["execution_count"] == 2)
    #expect(harness.reply(second)?.content["execution_count"] == 2)
    #expect(harness.core.executionCount == 2)
    let history = harness.send("history_request", ["hist_access_type": "tail", "n": 10])
    harness.core.processPendingShell()
    #expect(harness.reply(history)?.content["history"] == [[1, 1, "a"], [1, 2, "d"]])
  }

  @Test func anErrorAbortsTheQueuedExecutionsButNotOtherRequests() {
    let harness = Harness { code, _ in
      code == "bad" ? .error(ExecutionError(name: "E", value: "v", traceback: ["t"])) : .ok()
    }
    let bad = harness.send("execute_request", ["code": "bad"])
    let next = harness.send("execute_request", ["code": "next"])
    let info = harness.send("kernel_info_request")
    let last = harness.send("execute_request", ["code": "last"])
    harness.core.processPendingShell()
    #expect(
      harness.trace(bad) == [
        "iopub:status", "iopub:execute_input", "iopub:error", "shell:execute_reply", "iopub:status",
      ])
    #expect(harness.reply(bad)?.content["ename"] == "E")
    #expect(harness.reply(bad)?.content["traceback"] == ["t"])
    #expect(harness.reply(next)?.content["status"] == "aborted")
    #expect(harness.reply(last)?.content["status"] == "aborted")
    #expect(harness.reply(info)?.content["status"] == "ok")
    #expect(harness.interpreter.executed == ["bad"])
    // With stop_on_error false the queue runs on.
    let again = harness.send("execute_request", ["code": "bad", "stop_on_error": false])
    let after = harness.send("execute_request", ["code": "after"])
    harness.core.processPendingShell()
    #expect(harness.reply(again)?.content["status"] == "error")
    #expect(harness.reply(after)?.content["status"] == "ok")
  }

  @Test func aCellSentTheMomentAnErrorReplyArrivesStillRuns() {
    let harness = Harness { code, _ in
      code == "bad" ? .error(ExecutionError(name: "E", value: "v", traceback: [])) : .ok()
    }
    let bad = harness.send("execute_request", ["code": "bad"])
    // The client answers the error reply at once with its next cell.
    let client = harness.client
    harness.sink.reaction.withLock {
      $0 = { channel, frames in
        guard channel == .shell, let reply = try? client.decode(frames),
          reply.type == "execute_reply",
          reply.parentHeader["msg_id"]?.stringValue == bad
        else { return }
        harness.send("execute_request", ["code": "next"], id: "next")
      }
    }
    harness.core.processPendingShell()
    #expect(harness.reply(bad)?.content["status"] == "error")
    #expect(harness.reply("next")?.content["status"] == "ok")
    #expect(harness.interpreter.executed == ["bad", "next"])
  }

  @Test func controlIsHandledAtOnceWhileShellWaits() {
    let harness = Harness()
    let queued = harness.send("execute_request", ["code": "x"])
    let interrupt = harness.send("interrupt_request", on: .control)
    #expect(harness.reply(interrupt)?.type == "interrupt_reply")
    #expect(harness.sent.first { $0.1.type == "interrupt_reply" }?.0 == .control)
    #expect(harness.interpreter.interrupts == 1)
    #expect(harness.reply(queued) == nil)
    let info = harness.send("kernel_info_request", on: .control)
    let content = harness.reply(info)?.content
    #expect(content?["protocol_version"] == "5.3")
    #expect(content?["language_info"]?["file_extension"] == ".obs")
    #expect(content?["implementation"] == "mock")
  }

  @Test func interpreterRequestsOnControlWaitTheirTurnAndAnswerOnControl() {
    let harness = Harness()
    let complete = harness.send("complete_request", ["code": "he", "cursor_pos": 2], on: .control)
    let history = harness.send(
      "history_request", ["hist_access_type": "tail", "n": 1], on: .control)
    #expect(harness.reply(complete) == nil, "queued: the interpreter may be busy")
    #expect(harness.reply(history)?.type == "history_reply", "answered at once")
    harness.core.processPendingShell()
    #expect(harness.trace(complete) == ["iopub:status", "control:complete_reply", "iopub:status"])
  }

  @Test func shutdownRepliesStopsTheCellAndTellsTheHost() {
    let harness = Harness()
    let id = harness.send("shutdown_request", ["restart": true], on: .control)
    #expect(
      harness.trace(id) == [
        "iopub:status", "control:shutdown_reply", "iopub:shutdown_reply", "iopub:status",
      ])
    #expect(harness.reply(id)?.content["restart"] == true)
    #expect(harness.core.isShuttingDown)
    #expect(harness.shutdowns.items == [true])
    #expect(harness.interpreter.interrupts == 1)
  }

  @Test func dropsForgedAndMalformedMessagesAndLogsWhy() {
    let harness = Harness()
    let forger = WireCodec(signer: MessageSigner(key: Array("wrong".utf8)))
    let header = MessageHeader(
      msgID: "f", session: "c", username: "u", date: "", msgType: "execute_request")
    harness.core.receive(
      forger.encode(Message(header: header, content: ["code": "evil"])), on: .shell)
    harness.core.receive([[1, 2, 3]], on: .control)
    harness.core.processPendingShell()
    #expect(harness.sink.count == 0)
    #expect(harness.interpreter.executed.isEmpty)
    let logs = harness.logs.items
    #expect(logs.count == 2)
    #expect(logs[0].contains("signature does not match"))
    #expect(logs[1].contains("no '<IDS|MSG>' delimiter"))
  }

  @Test func aReplayedMessageIsDroppedAndLogged() {
    let harness = Harness()
    let header = MessageHeader(
      msgID: "once", session: "client", username: "test", date: "", msgType: "execute_request")
    let frames = harness.client.encode(
      Message(identities: [Array("peer".utf8)], header: header, content: ["code": "x"]))
    harness.core.receive(frames, on: .shell)
    harness.core.receive(frames, on: .shell)
    var shouted = frames
    if let split = shouted.firstIndex(of: WireCodec.delimiter) {
      shouted[split + 1] = Array(
        String(decoding: shouted[split + 1], as: UTF8.self).uppercased().utf8)
    }
    harness.core.receive(shouted, on: .shell)
    #expect(harness.core.processPendingShell() == 1)
    #expect(harness.interpreter.executed == ["x"])
    let logs = harness.logs.items
    #expect(
      logs.count == 2 && logs.allSatisfy { $0.contains("replayed") && $0.contains("msg_id once") },
      "\(logs)")
  }

  @Test func answersUnknownRequestsWithAnErrorAndBadContentWithBadRequest() {
    let harness = Harness()
    let unknown = harness.send("frobnicate_request")
    let notRequest = harness.send("frobnicate")
    let badCode = harness.send("execute_request", ["code": 3])
    let badComplete = harness.send("complete_request", ["cursor_pos": 1])
    harness.core.processPendingShell()
    #expect(harness.reply(unknown)?.type == "frobnicate_reply")
    #expect(harness.reply(unknown)?.content["ename"] == "UnknownMessageType")
    #expect(harness.reply(notRequest) == nil)
    #expect(harness.trace(notRequest) == ["iopub:status", "iopub:status"])
    #expect(harness.reply(badCode)?.content["ename"] == "BadRequest")
    #expect(harness.reply(badComplete)?.type == "complete_reply")
    #expect(harness.reply(badComplete)?.content["status"] == "error")
    #expect(harness.interpreter.executed.isEmpty)
  }

  @Test func repliesToCompletionInspectionCompletenessAndComms() {
    let harness = Harness()
    let complete = harness.send("complete_request", ["code": "he", "cursor_pos": 2])
    let inspect = harness.send(
      "inspect_request", ["code": "help", "cursor_pos": 1, "detail_level": 0])
    let missing = harness.send("inspect_request", ["code": "nothing", "cursor_pos": 1])
    let incomplete = harness.send("is_complete_request", ["code": "x = ["])
    let comms = harness.send("comm_info_request")
    let open = harness.send(
      "comm_open", ["comm_id": "c", "target_name": "t", "data": .emptyObject])
    harness.core.processPendingShell()
    #expect(harness.reply(complete)?.content["matches"] == ["help"])
    #expect(harness.reply(complete)?.content["cursor_start"] == 0)
    #expect(harness.reply(complete)?.content["cursor_end"] == 2)
    #expect(harness.reply(inspect)?.content["found"] == true)
    #expect(harness.reply(inspect)?.content["data"]?["text/plain"] == "help: the mock")
    #expect(harness.reply(missing)?.content["found"] == false)
    #expect(harness.reply(incomplete)?.content == ["status": "incomplete", "indent": "  "])
    #expect(harness.reply(comms)?.content == ["status": "ok", "comms": .emptyObject])
    #expect(harness.trace(open) == ["iopub:status", "iopub:comm_close", "iopub:status"])
  }

  @Test func evaluatesUserExpressionsAfterASuccessfulCell() {
    let harness = Harness()
    let id = harness.send(
      "execute_request", ["code": "x", "user_expressions": ["a": "good", "b": "bad", "c": 3]])
    harness.core.processPendingShell()
    let expressions = harness.reply(id)?.content["user_expressions"]
    #expect(
      expressions?["a"] == [
        "status": "ok", "data": ["text/plain": "value of good"], "metadata": .emptyObject,
      ])
    #expect(expressions?["b"]?["status"] == "error")
    #expect(expressions?["b"]?["ename"] == "NameError")
    #expect(expressions?["c"]?["ename"] == "BadRequest")
  }

  @Test func clearOutputAndPayloadsPassThrough() {
    let harness = Harness { _, context in
      context.clearOutput(wait: true)
      return .ok(payload: [["source": "page", "data": ["text/plain": "p"], "start": 0]])
    }
    let id = harness.send("execute_request", ["code": "x"])
    harness.core.processPendingShell()
    #expect(harness.sent.first { $0.1.type == "clear_output" }?.1.content == ["wait": true])
    #expect(harness.reply(id)?.content["payload"]?.arrayValue?.first?["source"] == "page")
  }
}

/// A core, its sink and interpreter, and a client-side codec.
final class Harness: Sendable {
  let sink = RecordingSink()
  let interpreter: MockInterpreter
  let core: KernelCore
  let client = WireCodec(signer: MessageSigner(key: Array("key".utf8)))
  let logs = Recorder<String>()
  let requests = Counter()
  let shutdowns = Recorder<Bool>()

  init(
    _ behavior: @escaping @Sendable (String, ExecutionContext) -> ExecutionOutcome = { _, _ in .ok()
    }
  ) {
    interpreter = MockInterpreter(behavior)
    let logs = self.logs
    let shutdowns = self.shutdowns
    core = KernelCore(
      interpreter: interpreter, key: Array("key".utf8), sink: sink, sessionID: "kernel-session",
      log: { logs.append($0) }, onShutdown: { shutdowns.append($0) })
  }

  /// Sends a request as a client; returns its msg_id.
  @discardableResult
  func send(
    _ type: String, _ content: JSON = .emptyObject, on channel: Channel = .shell, id: String? = nil
  ) -> String {
    let msgID = id ?? "req-\(type)-\(requests.next())"
    let header = MessageHeader(
      msgID: msgID, session: "client", username: "test", date: "", msgType: type)
    core.receive(
      client.encode(Message(identities: [Array("peer".utf8)], header: header, content: content)),
      on: channel)
    return msgID
  }

  /// Every message sent so far, decoded, with its channel.
  var sent: [(Channel, Message)] {
    sink.frames.map { channel, frames in
      // The core signs with the same key, so decoding checks its signatures too.
      (channel, try! client.decode(frames))
    }
  }

  /// The messages in answer to `msgID`, as `channel:type` strings.
  func trace(_ msgID: String) -> [String] {
    sent.filter { $0.1.parentHeader["msg_id"]?.stringValue == msgID }.map {
      "\($0.0.rawValue):\($0.1.type)"
    }
  }

  /// The reply (shell or control) to `msgID`.
  func reply(_ msgID: String) -> Message? {
    sent.first {
      ($0.0 == .shell || $0.0 == .control) && $0.1.parentHeader["msg_id"]?.stringValue == msgID
    }?.1
  }
}

/// A counter for unique request ids.
final class Counter: Sendable {
  private let value = Mutex(0)

  func next() -> Int {
    value.withLock { value in
      value += 1
      return value
    }
  }
}

/// Values recorded from any thread.
final class Recorder<Item: Sendable>: Sendable {
  private let storage = Mutex<[Item]>([])

  func append(_ item: Item) {
    storage.withLock { $0.append(item) }
  }

  var items: [Item] { storage.withLock { $0 } }
}

/// Records what the core sends, and can react to it as a client would.
final class RecordingSink: MessageSink {
  private let storage = Mutex<[(Channel, [[UInt8]])]>([])
  /// Called after each send, outside the lock.
  let reaction = Mutex<(@Sendable (Channel, [[UInt8]]) -> Void)?>(nil)

  func send(_ frames: [[UInt8]], on channel: Channel) {
    storage.withLock { $0.append((channel, frames)) }
    let react = reaction.withLock { $0 }
    react?(channel, frames)
  }

  var frames: [(Channel, [[UInt8]])] { storage.withLock { $0 } }
  var count: Int { storage.withLock { $0.count } }
}

/// An interpreter that runs a scripted behavior and records what it was asked.
final class MockInterpreter: KernelInterpreter {
  private let behavior: @Sendable (String, ExecutionContext) -> ExecutionOutcome
  private let state = Mutex<(executed: [String], interrupts: Int)>(([], 0))

  init(_ behavior: @escaping @Sendable (String, ExecutionContext) -> ExecutionOutcome) {
    self.behavior = behavior
  }

  var executed: [String] { state.withLock { $0.executed } }
  var interrupts: Int { state.withLock { $0.interrupts } }

  var info: KernelInfo {
    KernelInfo(
      implementation: "mock", implementationVersion: "1", languageName: "mock",
      languageVersion: "1", mimetype: "text/plain",
      fileExtension: ".obs", pygmentsLexer: "text", codemirrorMode: "text", banner: "mock")
  }

  func execute(_ code: String, context: ExecutionContext) -> ExecutionOutcome {
    state.withLock { $0.executed.append(code) }
    return behavior(code, context)
  }

  func complete(_ code: String, cursor: Int) -> CompletionResult {
    CompletionResult(
      matches: ["help"].filter { $0.hasPrefix(code) }, cursorStart: 0, cursorEnd: cursor)
  }

  func inspect(_ code: String, cursor: Int, detailLevel: Int) -> MimeBundle? {
    code == "help" ? .text("help: the mock") : nil
  }

  func isComplete(_ code: String) -> Completeness {
    code.hasSuffix("[") ? .incomplete(indent: "  ") : .complete
  }

  func evaluate(_ expression: String) -> Result<MimeBundle, ExecutionError> {
    expression == "good"
      ? .success(.text("value of good"))
      : .failure(ExecutionError(name: "NameError", value: expression, traceback: []))
  }

  func interrupt() {
    state.withLock { $0.interrupts += 1 }
  }
}
