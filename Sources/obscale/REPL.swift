import CEdit
internal import Glibc
import ObscaleLanguage
internal import ScalingLaws
import Synchronization

/// Set by SIGINT; polled by the running statement and by the read loop.
let interruptRequested = Atomic<Bool>(false)

/// The state the C completion callbacks need, which cannot capture context.
///
/// The REPL runs on one thread and libedit calls back on it, so plain globals are safe here.
nonisolated(unsafe) var completionSession = Session()
/// The lines of the statement typed so far, before the current line.
nonisolated(unsafe) var completionPending = ""
/// The candidates of the current completion.
nonisolated(unsafe) var completionMatches: [String] = []
/// The next candidate the generator returns.
nonisolated(unsafe) var completionIndex = 0

/// The interactive session: libedit line editing, a persistent history, statements continued
/// over several lines, tab completion, Ctrl-C to cancel a line or interrupt a statement, and
/// Ctrl-D to leave.
struct REPL {
  /// The folders of OBSCALE_PATH.
  var searchPath: [String]
  /// The process environment.
  var environment: [String: String]

  /// Runs until end of input; returns the exit code.
  func run() -> Int32 {
    let color = isatty(1) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    let bold = color ? "\u{1B}[1m" : ""
    let reset = color ? "\u{1B}[0m" : ""
    completionSession = Session(directory: nil, searchPath: searchPath)
    let history =
      environment["OBSCALE_HISTORY"] ?? ((environment["HOME"] ?? ".") + "/.obscale_history")
    // libedit keeps the pointer, so the name must outlive this call: a Swift string passed
    // directly is a temporary, and reading it later crashed in rl_initialize.
    obscale_rl_set_name(REPL.readlineName)
    obscale_rl_set_completer(complete)
    obscale_rl_set_catch_signals(0)
    obscale_rl_set_getc(readCharacter)
    // A file that is not libedit's history (its first line is `_HiStOrY_V2_`) is someone
    // else's: it is neither read nor replaced.
    let keepsHistory = REPL.isHistoryFile(history)
    using_history()
    if keepsHistory {
      _ = read_history(history)
    } else {
      printError(
        "obscale: '\(history)' is not an obscale history file, so this session's history is not saved; set OBSCALE_HISTORY to another file"
      )
    }
    stifle_history(2000)
    // Saved at most once a second while lines arrive (a paste of 10 000 lines must not
    // rewrite the file 10 000 times), and at the end.
    var lastSaved = ContinuousClock.now
    var historyFailed = false
    func saveHistory(force: Bool) {
      guard keepsHistory, force || ContinuousClock.now - lastSaved > .seconds(1) else { return }
      // A history that cannot be written (a full disk, a read-only folder) is said once.
      if write_history(history) != 0, !historyFailed {
        historyFailed = true
        printError(
          "obscale: the history could not be written to '\(history)': \(String(cString: strerror(errno))); set OBSCALE_HISTORY to another file"
        )
      }
      lastSaved = ContinuousClock.now
    }
    // No SA_RESTART: the read libedit is blocked in must fail with EINTR, so that Ctrl-C
    // ends the line instead of being swallowed.
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in
      interruptRequested.store(true, ordering: .relaxed)
    }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
    // Two short lines, so that the banner fits any terminal of 48 columns or more.
    print("\(bold)obscale\(reset) 0.1.0 — observational scaling laws.")
    print("Type help for the statements, Ctrl-D to leave.")
    var pending = ""
    while true {
      completionPending = pending
      interruptRequested.store(false, ordering: .relaxed)
      guard let raw = readline(pending.isEmpty ? "obscale> " : "     ... ") else {
        print("")
        // Ctrl-C makes libedit return no line, like Ctrl-D: tell them apart by the flag.
        if interruptRequested.load(ordering: .relaxed) {
          pending = ""
          continue
        }
        // Ctrl-D on a continuation line cancels the statement; on an empty prompt it leaves.
        if !pending.isEmpty {
          pending = ""
          printError("(statement cancelled)")
          continue
        }
        break
      }
      let line = String(cString: raw)
      free(raw)
      if interruptRequested.load(ordering: .relaxed) {
        pending = ""
        continue
      }
      pending += (pending.isEmpty ? "" : "\n") + line
      if case .incomplete = InputCompleteness.check(pending) { continue }
      let entry = pending
      pending = ""
      guard !entry.trimmed().isEmpty else { continue }
      if InputCompleteness.isExit(entry) { break }
      add_history(entry)
      saveHistory(force: false)
      interruptRequested.store(false, ordering: .relaxed)
      var first = true
      // At a terminal, progress is one line on standard error rewritten in place, erased
      // before whatever comes next.
      var progressShown = false
      func endProgress() {
        if progressShown { printError("\r\u{1B}[K", terminator: "") }
        progressShown = false
      }
      let result = completionSession.run(
        entry, interrupted: { interruptRequested.load(ordering: .relaxed) },
        events: { event in
          if case .progress = event {} else { endProgress() }
          switch event {
          case .print(let text):
            print(text)
          case .warn(let text):
            printError(text)
          case .clear:
            if color { print("\u{1B}[H\u{1B}[2J", terminator: "") }
            first = true
          case .output(let output, _):
            if !first { print("") }
            first = false
            // Read at each result: the terminal may have been resized since the last.
            let text = TextRenderer.render(output, width: terminalWidth(1))
            if let newline = text.firstIndex(of: "\n") {
              print(bold + text[..<newline] + reset + text[newline...])
            } else {
              print(bold + text + reset)
            }
          case .progress(let report):
            if color {
              printError("\r\u{1B}[K… " + report.message, terminator: "")
              progressShown = true
            } else {
              printError("… " + report.message)
            }
          }
        })
      endProgress()
      for diagnostic in result.diagnostics {
        printError(DiagnosticRenderer.render(diagnostic, source: entry, file: nil, color: color))
      }
    }
    saveHistory(force: true)
    // A history that could not be written is said, and the exit status says so too.
    return historyFailed ? ExitCode.ioError.rawValue : 0
  }

  /// The program name libedit keeps (its `rl_readline_name`), allocated once for the process.
  nonisolated(unsafe) static let readlineName: UnsafeMutablePointer<CChar> = strdup("obscale")

  /// Whether `path` may hold this REPL's history: absent, empty, or libedit's format.
  static func isHistoryFile(_ path: String) -> Bool {
    guard let file = fopen(path, "r") else { return true }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 16)
    guard fgets(&buffer, 16, file) != nil else { return true }
    let first = String(
      decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return first.hasPrefix("_HiStOrY_V2_")
  }
}

/// libedit's character reader: one byte from standard input, or end of input once Ctrl-C
/// has been pressed, so that the interrupted line ends at once (libedit alone retries a read
/// interrupted by a signal).
private func readCharacter(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 {
  var byte: UInt8 = 0
  while true {
    if interruptRequested.load(ordering: .relaxed) { return EOF }
    let count = read(0, &byte, 1)
    if count == 1 { return Int32(byte) }
    if count == 0 { return EOF }
    if errno != EINTR { return EOF }
  }
}

/// libedit's completion hook: candidates for the word before the cursor.
private func complete(
  _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
  obscale_rl_set_completion_over(1)
  obscale_rl_set_append_character(0)
  guard let buffer = obscale_rl_line_buffer() else { return nil }
  let lineBytes = Array(String(cString: buffer).utf8)
  let beforeCursor = String(decoding: lineBytes.prefix(Int(end)), as: UTF8.self)
  let wordStart = String(decoding: lineBytes.prefix(Int(start)), as: UTF8.self).count
  let prefix = completionPending.isEmpty ? "" : completionPending + "\n"
  let completion = Completion.candidates(
    prefix + beforeCursor, cursor: (prefix + beforeCursor).count, session: completionSession)
  // libedit replaces the word it delimited. Ours may start earlier (a backtick: trim what
  // libedit keeps) or later (after a '[', which libedit counts as part of the word: put back
  // what it would drop).
  let ours = completion.start - prefix.count
  let skip = max(0, wordStart - ours)
  let keep =
    ours > wordStart ? String(Array(beforeCursor)[wordStart..<min(ours, beforeCursor.count)]) : ""
  completionMatches = completion.candidates.map { keep + String($0.dropFirst(skip)) }
  completionIndex = 0
  guard !completionMatches.isEmpty, let text else { return nil }
  return rl_completion_matches(text) { _, _ in
    guard completionIndex < completionMatches.count else { return nil }
    defer { completionIndex += 1 }
    return strdup(completionMatches[completionIndex])
  }
}
