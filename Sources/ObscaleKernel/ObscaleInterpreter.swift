public import JupyterProtocol
public import ObscaleLanguage
internal import Synchronization

/// The obscale language behind the protocol's `KernelInterpreter` seam: one `Session` that
/// lives as long as the kernel, cells run against it, outputs become MIME bundles, and
/// diagnostics become `error` messages whose traceback shows the line and a marker.
public final class ObscaleInterpreter: KernelInterpreter {
  /// The session; held while a cell runs (cells run one at a time).
  private let session: Mutex<Session>
  /// Set by `interrupt`, polled by the running statement, cleared when a cell starts.
  private let interrupted = Atomic<Bool>(false)

  /// Creates an interpreter over `session`.
  public init(session: Session) {
    self.session = Mutex(session)
  }

  /// The kernel's self-description.
  public var info: KernelInfo { KernelIdentity.info }

  /// Asks the running statement to stop; the session keeps its state from before it.
  public func interrupt() {
    interrupted.store(true, ordering: .relaxed)
  }

  /// Runs a cell. Each statement's output is shown the moment it finishes: as the cell's
  /// result (`execute_result`, `Out[n]`) for the last statement, as `display_data` for the
  /// others. `print` and `warn` write to standard output and error, `clear` clears the
  /// output, progress of long work is one line updated in place (and replaced by the
  /// statement's result), and `name?` or `?name` shows help for a statement or a summary of
  /// a value in the pager.
  public func execute(_ code: String, context: ExecutionContext) -> ExecutionOutcome {
    interrupted.store(false, ordering: .relaxed)
    // `exit` or `quit` alone asks the front end to leave, as in ipykernel (jupyter console
    // ends; a notebook ignores the payload).
    if InputCompleteness.isExit(code) {
      return .ok(payload: [.object([("source", "ask_exit"), ("keepkernel", false)])])
    }
    if let topic = ObscaleInterpreter.pagerTopic(code) {
      guard let bundle = describe(topic) else {
        return .error(
          ExecutionError(
            name: "NotFound", value: "nothing is known of '\(topic)'",
            traceback: ["nothing is known of '\(topic)': not a statement, option, name or column"]))
      }
      return .ok(payload: [
        .object([("source", "page"), ("data", .object(bundle.data)), ("start", 0)])
      ])
    }
    var progress = ProgressLine(context: context)
    let result = session.withLock { session in
      session.run(
        code, interrupted: { [self] in interrupted.load(ordering: .relaxed) },
        events: { event in
          switch event {
          case .print(let text):
            progress.end(stopped: false)
            context.stream(.stdout, text + "\n")
          case .warn(let text):
            progress.end(stopped: false)
            context.stream(.stderr, text + "\n")
          case .clear:
            progress.end(stopped: false)
            context.clearOutput(wait: false)
          case .output(let output, let last):
            let bundle = MimeBundle(output)
            if !progress.replace(with: bundle) {
              if last { context.result(bundle) } else { context.display(bundle) }
            }
          case .progress(let report):
            progress.show(report.message)
          }
        })
    }
    progress.end(stopped: true)
    guard let first = result.diagnostics.first(where: { $0.severity == .error }) else {
      return .ok()
    }
    let traceback = result.diagnostics.map {
      DiagnosticRenderer.render($0, source: code, file: nil, color: true)
    }
    return .error(
      ExecutionError(
        name: ObscaleInterpreter.errorName(first.id), value: first.message, traceback: traceback))
  }

  /// The `ename` for a diagnostic id: `unknown-column` → `UnknownColumnError`.
  static func errorName(_ id: String) -> String {
    if id == "interrupted" { return "Interrupted" }
    return id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
      + "Error"
  }

  /// The word of a `name?` or `?name` cell, if the cell is one.
  static func pagerTopic(_ code: String) -> String? {
    let trimmed = code.trimmed(where: \.isWhitespace)
    guard trimmed.count > 1, !trimmed.contains("\n") else { return nil }
    let word =
      trimmed.hasPrefix("?")
      ? trimmed.dropFirst() : trimmed.hasSuffix("?") ? trimmed.dropLast() : nil
    guard let word, !word.isEmpty,
      word.allSatisfy({ Lexer.isWordCharacter($0) || $0 == " " || $0 == "`" })
    else { return nil }
    return word.trimmed(where: { $0 == " " || $0 == "`" })
  }

  /// Completion for the word before `cursor` (Unicode scalars).
  public func complete(_ code: String, cursor: Int) -> CompletionResult {
    let characters = ObscaleInterpreter.characterOffset(code, scalars: cursor)
    let completion = session.withLock {
      Completion.candidates(code, cursor: characters, session: $0)
    }
    let start = ObscaleInterpreter.scalarOffset(code, characters: completion.start)
    return CompletionResult(matches: completion.candidates, cursorStart: start, cursorEnd: cursor)
  }

  /// Help for the statement or option under the cursor, or a summary of the value or
  /// column named there.
  public func inspect(_ code: String, cursor: Int, detailLevel: Int) -> MimeBundle? {
    let characters = ObscaleInterpreter.characterOffset(code, scalars: cursor)
    guard let word = ObscaleInterpreter.word(in: code, at: characters) else { return nil }
    let statement = Completion.statementKeyword(code, cursor: characters)
    return session.withLock { $0.inspect(word, in: statement) }.map(MimeBundle.init)
  }

  /// Whether a cell is ready to run: an open bracket, string or trailing operator needs
  /// more lines.
  public func isComplete(_ code: String) -> Completeness {
    switch InputCompleteness.check(code) {
    case .complete: return .complete
    case .incomplete(let indent): return .incomplete(indent: indent)
    case .invalid: return .invalid
    }
  }

  /// A user expression: a name's summary, without changing anything.
  public func evaluate(_ expression: String) -> Result<MimeBundle, ExecutionError> {
    let name = String(
      expression.filter { $0 != "`" }.drop(while: { $0 == " " }).prefix(while: {
        $0 != " " && $0 != "\n"
      }))
    switch session.withLock({ $0.summary(of: name) }) {
    case .success(let output): return .success(MimeBundle(output))
    case .failure(let diagnostic):
      return .failure(
        ExecutionError(
          name: ObscaleInterpreter.errorName(diagnostic.id), value: diagnostic.message,
          traceback: []))
    }
  }

  /// What is known of `word`: help for a statement, an option's description, a value's
  /// summary, or a column's summary; nil when nothing.
  func describe(_ word: String) -> MimeBundle? {
    session.withLock { $0.inspect(word) }.map(MimeBundle.init)
  }

  /// The word (bare or backticked) that contains or ends at character offset `at`.
  static func word(in code: String, at offset: Int) -> String? {
    let characters = Array(code)
    var start = min(offset, characters.count)
    var end = start
    while start > 0, Lexer.isWordCharacter(characters[start - 1]) { start -= 1 }
    while end < characters.count, Lexer.isWordCharacter(characters[end]) { end += 1 }
    if start > 0, characters[start - 1] == "`", let close = characters[end...].firstIndex(of: "`") {
      return String(characters[start..<close])
    }
    let word = String(characters[start..<end]).trimmed(where: {
      $0 == "." || $0 == "-" || $0 == "/"
    })
    return word.isEmpty ? nil : word
  }

  /// The character offset of Unicode scalar offset `scalars`, rounded down to the start of
  /// the character it falls in.
  static func characterOffset(_ text: String, scalars: Int) -> Int {
    var characters = 0
    var counted = 0
    for character in text {
      counted += character.unicodeScalars.count
      if counted > scalars { break }
      characters += 1
    }
    return characters
  }

  /// The Unicode scalar offset of character offset `characters`.
  static func scalarOffset(_ text: String, characters: Int) -> Int {
    let index = text.index(text.startIndex, offsetBy: min(max(0, characters), text.count))
    return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: index)
  }
}

extension String {
  /// The text without the leading and trailing characters that satisfy `isTrimmed`.
  func trimmed(where isTrimmed: (Character) -> Bool) -> String {
    guard let first = firstIndex(where: { !isTrimmed($0) }),
      let last = lastIndex(where: { !isTrimmed($0) })
    else { return "" }
    return String(self[first...last])
  }
}
