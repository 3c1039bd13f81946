internal import ScalingLaws

/// The state of one obscale session — its named values and where it finds files — and the
/// loop that runs source text against it.
///
/// The same type drives the script runner, the REPL and the kernel. A statement reads the
/// session through an `Environment` and gives back its value, which is bound only when the
/// statement succeeds, so a failing statement leaves every name exactly as it was, while the
/// statements before it in the same cell keep their effect. Nothing is copied per statement:
/// a binding costs the same in a session of a million names as in an empty one.
public struct Session: Sendable {
  /// The named values.
  public internal(set) var values: [String: Value]
  /// The folder of the script or notebook, where relative paths are looked up first
  /// (nil: the working folder).
  public var directory: String?
  /// Further folders to look in, from the `OBSCALE_PATH` environment variable.
  public var searchPath: [String]
  /// How files are read and written.
  public var files: any FileSystem
  /// How many rows of a table text and HTML show before eliding the rest.
  public var displayRows: Int = 20

  /// The names every session starts with.
  public static let builtins: [String: Value] = [
    "paper_benchmarks": .list(FitSpecification.paperBenchmarks.map(Scalar.text)),
    "paper_families": .list(PaperSelection.families.map(Scalar.text)),
    "paper_preregistered": .list(PaperSelection.preregisteredModels.map(Scalar.text)),
  ]

  /// Creates an empty session.
  public init(
    files: any FileSystem = LocalFileSystem(), directory: String? = nil, searchPath: [String] = []
  ) {
    self.values = Session.builtins
    self.files = files
    self.directory = directory
    self.searchPath = searchPath
  }

  /// Splits an `OBSCALE_PATH`-style value into folders (colon-separated, empty parts dropped).
  public static func searchPath(from value: String?) -> [String] {
    (value ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
  }

  /// Parses and runs `source`, reporting each result through `events` as it is made.
  ///
  /// When the text has a syntax error nothing runs and every syntax error is returned. Else
  /// the statements run in order until one fails; its diagnostic ends the run and the session
  /// keeps the effect of the statements before it.
  ///
  /// - Parameters:
  ///   - source: the text of a cell, a REPL entry or a script.
  ///   - interrupted: polled between statements and inside long work; true stops the run.
  ///   - events: receives each output and progress message in order.
  public mutating func run(
    _ source: String, interrupted: @escaping @Sendable () -> Bool = { false },
    events: (SessionEvent) -> Void = { _ in }
  ) -> RunResult {
    let (statements, syntaxErrors) = Parser.parse(source)
    guard syntaxErrors.isEmpty else {
      return RunResult(outputs: [], diagnostics: syntaxErrors, statementsRun: 0)
    }
    var outputs: [Output] = []
    var run = 0
    for (index, statement) in statements.enumerated() {
      if interrupted() {
        return RunResult(
          outputs: outputs, diagnostics: [Diagnostic(.interrupted, at: statement.range)],
          statementsRun: run)
      }
      do {
        let shown = try withoutActuallyEscaping(events) { events in
          // The engine reports from inside this synchronous call, on this thread.
          let sink = UncheckedSendable(events)
          let started = ContinuousClock.now
          let monitor = WorkMonitor(
            isCancelled: interrupted,
            report: { sink.value(.progress(ProgressReport($0, since: started))) })
          return try WorkMonitor.$current.withValue(monitor) {
            try self.execute(
              statement, progress: { sink.value(.progress(ProgressReport(note: $0))) })
          }
        }
        switch shown {
        case .output(let output):
          outputs.append(output)
          events(.output(output, last: index == statements.count - 1))
        case .print(let text): events(.print(text))
        case .warn(let text): events(.warn(text))
        case .clear: events(.clear)
        }
        run += 1
      } catch let failure as EvaluationFailure {
        if case .engine(.cancelled) = failure.diagnostic.error {
          return RunResult(
            outputs: outputs, diagnostics: [Diagnostic(.interrupted, at: statement.range)],
            statementsRun: run)
        }
        return RunResult(outputs: outputs, diagnostics: [failure.diagnostic], statementsRun: run)
      } catch {
        let diagnostic = Diagnostic(.internalFailure("\(error)"), at: statement.range)
        return RunResult(outputs: outputs, diagnostics: [diagnostic], statementsRun: run)
      }
    }
    return RunResult(outputs: outputs, diagnostics: [], statementsRun: run)
  }

  /// Runs one statement on this session: it evaluates itself in an environment of this
  /// session's state, and its value is bound here only when it succeeds.
  ///
  /// - Throws: `EvaluationFailure` with the diagnostic at the part of the statement at fault.
  mutating func execute(_ statement: Statement, progress: (String) -> Void) throws
    -> Evaluation.Shown
  {
    let binding = statement.binding?.value
    guard let command = statement.command as? any EvaluatedStatement else {
      throw EvaluationFailure(
        .internalFailure("'\(statement.keyword)' has no evaluation"), at: statement.range)
    }
    do {
      let evaluation = try withoutActuallyEscaping(progress) { progress in
        try command.evaluate(in: Environment(self, statement: statement, progress: progress))
      }
      guard case .output(var output) = evaluation.shown else { return evaluation.shown }
      if let binding {
        output.name = binding
        if let value = evaluation.value {
          values[binding] = value
        } else {
          // A statement that makes no value (a comparison, a gap, a plot of several fits)
          // names its output, and says that nothing was bound.
          output.blocks.append(
            .text(
              "note: \(statement.keyword) makes no value, so '\(binding)' names this output but is not bound"
            ))
        }
      }
      return .output(output)
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: statement.range)
    }
  }

  /// Binds `value` to `name`, replacing any earlier value.
  public mutating func bind(_ name: String, _ value: Value) {
    values[name] = value
  }
}

/// What running source text reports as it goes; front ends switch on it exhaustively.
public enum SessionEvent: Equatable, Sendable {
  /// A finished statement's result; `last` when it is the last statement of the source
  /// (a notebook shows that one as the cell's result).
  case output(Output, last: Bool)
  /// Text a `print` statement writes to standard output.
  case print(String)
  /// Text a `warn` statement writes to standard error.
  case warn(String)
  /// A `clear` statement: the front end clears what the cell showed so far.
  case clear
  /// How far long work has come; each report replaces the one before.
  case progress(ProgressReport)
}

/// What running some source text did.
public struct RunResult: Equatable, Sendable {
  /// The outputs of the statements that ran, in order.
  public var outputs: [Output]
  /// The errors: every syntax error, or the one runtime error that stopped the run.
  public var diagnostics: [Diagnostic]
  /// How many statements ran to completion.
  public var statementsRun: Int

  /// Whether everything ran without error.
  public var succeeded: Bool { diagnostics.allSatisfy { $0.severity != .error } }
}

/// A statement that failed, with its diagnostic; it unwinds to `Session.run`.
struct EvaluationFailure: Error {
  /// What went wrong and where.
  var diagnostic: Diagnostic

  /// Creates a failure for `error` at `range`, with `notes`.
  init(_ error: LanguageError, at range: SourceRange, notes: [String] = []) {
    diagnostic = Diagnostic(error, at: range, notes: notes)
  }

  /// A failure for the value `setting` was given, which is not what its option takes
  /// (`expected`), marked at that value.
  static func invalid(_ setting: OptionSetting, expected: String) -> EvaluationFailure {
    EvaluationFailure(
      .invalidValue(
        option: setting.name.value, value: setting.value.value.display, expected: expected,
        suggestion: nil), at: setting.value.range)
  }
}

/// Carries a value across a `@Sendable` boundary that is only crossed synchronously, on the
/// thread that owns the value (the engine's progress reports during one statement).
private struct UncheckedSendable<Value>: @unchecked Sendable {
  /// The value.
  let value: Value

  /// Wraps `value`.
  init(_ value: Value) {
    self.value = value
  }
}
