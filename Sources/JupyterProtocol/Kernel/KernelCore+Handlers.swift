internal import ObscaleJSON

extension KernelCore {
  /// Handles one verified message: `busy`, the handler, `idle`.
  func handle(_ message: Message, on channel: Channel) {
    publishStatus("busy", parent: message)
    defer { publishStatus("idle", parent: message) }
    switch MessageType(rawValue: message.type) {
    case .executeRequest: execute(message, on: channel)
    case .kernelInfoRequest:
      send(.kernelInfoReply, interpreter.info.content, parent: message, on: channel)
    case .completeRequest: complete(message, on: channel)
    case .inspectRequest: inspect(message, on: channel)
    case .isCompleteRequest: isComplete(message, on: channel)
    case .historyRequest:
      let history = state.withLock { $0.history.reply(message.content) }
      send(
        .historyReply, .object([("status", "ok"), ("history", history)]), parent: message,
        on: channel)
    case .commInfoRequest:
      send(
        .commInfoReply, .object([("status", "ok"), ("comms", .emptyObject)]), parent: message,
        on: channel)
    case .commOpen:
      // No comm targets exist: close the comm at once, as the protocol asks.
      log("no comm target '\(message.content["target_name"]?.stringValue ?? "")'; closing the comm")
      send(
        .commClose,
        .object([("comm_id", message.content["comm_id"] ?? .null), ("data", .emptyObject)]),
        parent: message, on: .iopub)
    case .commMessage, .commClose:
      log("ignored '\(message.type)': no comms are open")
    case .interruptRequest:
      interpreter.interrupt()
      send(.interruptReply, .object([("status", "ok")]), parent: message, on: channel)
    case .shutdownRequest: shutdown(message, on: channel)
    default: unknown(message, on: channel)
    }
  }

  /// Answers a request type this kernel does not know with an error reply, and ignores any
  /// other unknown message; either way it is logged.
  private func unknown(_ message: Message, on channel: Channel) {
    log("unknown message type '\(message.type)' on \(channel.rawValue)")
    guard let replyType = MessageType.replyType(of: message.type) else { return }
    let error = ExecutionError(
      name: "UnknownMessageType", value: "this kernel does not handle '\(message.type)'",
      traceback: [])
    send(replyType, .object([("status", "error")] + error.content), parent: message, on: channel)
  }

  /// A request whose content lacks a field or has one of the wrong type: an error reply.
  private func malformed(
    _ message: Message, on channel: Channel, replyType: MessageType, _ reason: String
  ) {
    log("malformed '\(message.type)': \(reason)")
    let error = ExecutionError(name: "BadRequest", value: reason, traceback: [])
    send(replyType, .object([("status", "error")] + error.content), parent: message, on: channel)
  }

  /// `execute_request`: runs the code, publishing `execute_input`, the outputs and any
  /// error; replies; after an error with `stop_on_error`, aborts the queued executions.
  private func execute(_ message: Message, on channel: Channel) {
    let content = message.content
    guard let code = content["code"]?.stringValue else {
      malformed(message, on: channel, replyType: .executeReply, "'code' must be a string")
      return
    }
    let silent = content["silent"]?.boolValue ?? false
    let storeHistory = silent ? false : (content["store_history"]?.boolValue ?? true)
    let stopOnError = content["stop_on_error"]?.boolValue ?? true
    let count = state.withLock { state in
      if storeHistory { state.executionCount += 1 }
      return storeHistory ? state.executionCount : state.executionCount + 1
    }
    if !silent {
      send(
        .executeInput,
        .object([("code", .string(code)), ("execution_count", .integer(Int64(count)))]),
        parent: message, on: .iopub)
    }
    let context = ExecutionContext(executionCount: count, silent: silent) { [self] event in
      guard !silent else { return }
      switch event {
      case .stream(let name, let text):
        send(
          .stream, .object([("name", .string(name.rawValue)), ("text", .string(text))]),
          parent: message, on: .iopub)
      case .display(let bundle, let id):
        let transient: JSON = id.map { .object([("display_id", .string($0))]) } ?? .emptyObject
        send(
          .displayData,
          .object([
            ("data", .object(bundle.data)), ("metadata", .object(bundle.metadata)),
            ("transient", transient),
          ]),
          parent: message, on: .iopub)
      case .update(let bundle, let id):
        send(
          .updateDisplayData,
          .object([
            ("data", .object(bundle.data)), ("metadata", .object(bundle.metadata)),
            ("transient", .object([("display_id", .string(id))])),
          ]),
          parent: message, on: .iopub)
      case .result(let bundle):
        send(
          .executeResult,
          .object([
            ("execution_count", .integer(Int64(count))), ("data", .object(bundle.data)),
            ("metadata", .object(bundle.metadata)),
          ]),
          parent: message, on: .iopub)
      case .clear(let wait):
        send(.clearOutput, .object([("wait", .bool(wait))]), parent: message, on: .iopub)
      }
    }
    let started = MessageClock.now()
    let outcome = interpreter.execute(code, context: context)
    if storeHistory {
      state.withLock { $0.history.append(line: count, input: code, output: context.lastResultText) }
    }
    switch outcome {
    case .ok(let payload):
      var expressions: [(String, JSON)] = []
      for (name, value) in content["user_expressions"]?.objectValue ?? [] {
        expressions.append((name, evaluate(value)))
      }
      send(
        .executeReply,
        .object([
          ("status", "ok"), ("execution_count", .integer(Int64(count))),
          ("user_expressions", .object(expressions)),
          ("payload", .array(payload)),
        ]), parent: message, on: channel,
        metadata: .object([("started", .string(started)), ("status", "ok")]))
    case .error(let error):
      if !silent {
        send(.error, .object(error.content), parent: message, on: .iopub)
      }
      // Take the executions queued behind this one before replying: a client may send its
      // next cell the moment it sees the reply, and that cell must run.
      let aborted = stopOnError ? takeQueuedExecutions() : []
      send(
        .executeReply,
        .object(
          [("status", "error"), ("execution_count", .integer(Int64(count)))] + error.content + [
            ("user_expressions", .emptyObject), ("payload", .array([])),
          ]), parent: message, on: channel,
        metadata: .object([("started", .string(started)), ("status", "error")]))
      abort(aborted)
    }
  }

  /// One user expression's result: `{status, data, metadata}` or an error.
  private func evaluate(_ expression: JSON) -> JSON {
    guard let text = expression.stringValue else {
      let error = ExecutionError(
        name: "BadRequest", value: "a user expression must be a string", traceback: [])
      return .object([("status", "error")] + error.content)
    }
    switch interpreter.evaluate(text) {
    case .success(let bundle):
      return .object([
        ("status", "ok"), ("data", .object(bundle.data)), ("metadata", .object(bundle.metadata)),
      ])
    case .failure(let error):
      return .object([("status", "error")] + error.content)
    }
  }

  /// Removes the executions queued behind a failed one; other queued requests stay.
  private func takeQueuedExecutions() -> [(Message, Channel)] {
    state.withLock { $0.queue.removeAll { $0.0.type == MessageType.executeRequest.rawValue } }
  }

  /// Replies `aborted` to each of `executions`, so that a notebook run stops at its first
  /// error.
  private func abort(_ executions: [(Message, Channel)]) {
    for (message, channel) in executions {
      publishStatus("busy", parent: message)
      send(
        .executeReply,
        .object([("status", "aborted"), ("execution_count", .integer(Int64(executionCount)))]),
        parent: message,
        on: channel, metadata: .object([("status", "aborted")]))
      publishStatus("idle", parent: message)
    }
  }

  /// The cursor of a request: `cursor_pos`, or the end of the code when absent.
  private func cursor(_ message: Message, code: String) -> Int {
    min(
      max(0, message.content["cursor_pos"]?.intValue ?? code.unicodeScalars.count),
      code.unicodeScalars.count)
  }

  /// `complete_request`.
  private func complete(_ message: Message, on channel: Channel) {
    guard let code = message.content["code"]?.stringValue else {
      malformed(message, on: channel, replyType: .completeReply, "'code' must be a string")
      return
    }
    let result = interpreter.complete(code, cursor: cursor(message, code: code))
    send(
      .completeReply,
      .object([
        ("status", "ok"), ("matches", .array(result.matches.map(JSON.string))),
        ("cursor_start", .integer(Int64(result.cursorStart))),
        ("cursor_end", .integer(Int64(result.cursorEnd))), ("metadata", .emptyObject),
      ]), parent: message, on: channel)
  }

  /// `inspect_request`.
  private func inspect(_ message: Message, on channel: Channel) {
    guard let code = message.content["code"]?.stringValue else {
      malformed(message, on: channel, replyType: .inspectReply, "'code' must be a string")
      return
    }
    let bundle = interpreter.inspect(
      code, cursor: cursor(message, code: code),
      detailLevel: message.content["detail_level"]?.intValue ?? 0)
    send(
      .inspectReply,
      .object([
        ("status", "ok"), ("found", .bool(bundle != nil)), ("data", .object(bundle?.data ?? [])),
        ("metadata", .object(bundle?.metadata ?? [])),
      ]), parent: message, on: channel)
  }

  /// `is_complete_request`.
  private func isComplete(_ message: Message, on channel: Channel) {
    guard let code = message.content["code"]?.stringValue else {
      malformed(message, on: channel, replyType: .isCompleteReply, "'code' must be a string")
      return
    }
    let content: JSON
    switch interpreter.isComplete(code) {
    case .complete: content = .object([("status", "complete")])
    case .incomplete(let indent):
      content = .object([("status", "incomplete"), ("indent", .string(indent))])
    case .invalid: content = .object([("status", "invalid")])
    case .unknown: content = .object([("status", "unknown")])
    }
    send(.isCompleteReply, content, parent: message, on: channel)
  }

  /// `shutdown_request`: replies (on the channel and, as ipykernel does, on iopub), stops the
  /// running cell, then tells the host to stop.
  private func shutdown(_ message: Message, on channel: Channel) {
    let restart = message.content["restart"]?.boolValue ?? false
    let content = JSON.object([("status", "ok"), ("restart", .bool(restart))])
    send(.shutdownReply, content, parent: message, on: channel)
    send(.shutdownReply, content, parent: message, on: .iopub)
    stop(restart: restart)
  }

  /// Stops the kernel without a request (its parent process died, say): interrupts the
  /// running cell, ends `serveShell`, and tells the host.
  public func stop(restart: Bool = false) {
    state.withLock { $0.shuttingDown = true }
    interpreter.interrupt()
    stopServing()
    onShutdown(restart)
  }
}
