import JupyterProtocol
import ObscaleKernel
import ObscaleLanguage
import Synchronization
import Testing

/// The obscale adapter behind the KernelInterpreter seam, driven directly with a recording
/// execution context.
struct ObscaleInterpreterTests {
  /// Runs `code` on `interpreter`; returns the outcome and the published events.
  func run(_ interpreter: ObscaleInterpreter, _ code: String) -> (
    ExecutionOutcome, [ExecutionContext.Event]
  ) {
    let events = Mutex<[ExecutionContext.Event]>([])
    let context = ExecutionContext(executionCount: 1, silent: false) { event in
      events.withLock { $0.append(event) }
    }
    let outcome = interpreter.execute(code, context: context)
    return (outcome, events.withLock { $0 })
  }

  /// A short name for each event.
  func kinds(_ events: [ExecutionContext.Event]) -> [String] {
    events.map { event in
      switch event {
      case .stream(let stream, _): return stream.rawValue
      case .display(_, let id): return id == nil ? "display" : "progress"
      case .update: return "update"
      case .result: return "result"
      case .clear: return "clear"
      }
    }
  }

  @Test func showsEachStatementAndMakesTheLastTheResult() {
    let interpreter = ObscaleInterpreter(session: Session())
    let (outcome, events) = run(interpreter, "d = load demo\ndescribe d\nprint \"done\"\n3")
    #expect(outcome == .ok())
    #expect(kinds(events) == ["display", "display", "stdout", "result"])
    guard case .result(let bundle) = events.last else { return }
    #expect(bundle.data.first?.1 == "3")
    if case .stream(_, let text) = events[2] { #expect(text == "done\n") }
  }

  @Test func progressIsOneLineUpdatedInPlaceAndSaysWhereItStopped() {
    let interpreter = ObscaleInterpreter(session: Session())
    let events = Mutex<[ExecutionContext.Event]>([])
    // The second report of an endless imputation stops it: by then the line was shown once
    // and rewritten once.
    let context = ExecutionContext(executionCount: 7, silent: false) { event in
      events.withLock { $0.append(event) }
      if case .update = event { interpreter.interrupt() }
    }
    let outcome = interpreter.execute(
      "d = load demo\nslow = impute d rounds = 10000000 tolerance = 1e-300 stopping = reference",
      context: context)
    guard case .error(let error) = outcome else {
      Issue.record("expected the interrupt, got \(outcome)")
      return
    }
    #expect(error.name == "Interrupted")
    let recorded = events.withLock { $0 }
    #expect(kinds(recorded) == ["display", "progress", "update", "update"])
    guard case .display(let shown, let id?) = recorded[1],
      case .update(let last, let lastID) = recorded[3]
    else { return }
    #expect(id == "obscale-progress-7-1" && lastID == id)
    #expect(shown.data.first?.1.stringValue?.hasPrefix("… imputing: round ") == true)
    #expect(last.data.first?.1.stringValue?.hasPrefix("stopped: imputing: round ") == true)
  }

  @Test func theResultReplacesTheProgressLine() {
    let interpreter = ObscaleInterpreter(session: Session())
    let (outcome, events) = run(
      interpreter,
      "d = load demo\nf = fit d: emergent_task ~ pc(3)\nb = bootstrap f samples = 1000\n3")
    #expect(outcome == .ok())
    // 1000 resamples report their start (and, on a slow machine, how far they came); the
    // bootstrap's result takes the line's place.
    let names = kinds(events)
    #expect(Array(names.prefix(3)) == ["display", "display", "progress"])
    #expect(names.last == "result")
    #expect(names.dropFirst(3).dropLast().allSatisfy { $0 == "update" } && names.count >= 5)
    guard case .display(let shown, let id?) = events[2],
      case .update(let result, _) = events[events.count - 2]
    else { return }
    #expect(
      events.allSatisfy { event in
        if case .update(_, let updated) = event { return updated == id }
        return true
      })
    #expect(shown.data.first?.1.stringValue?.contains("bootstrapping") == true)
    #expect(
      result.data.contains { $0.0 == "text/html" }, "the line now shows the bootstrap's bands")
  }

  @Test func showsEachOutputBeforeTheNextStatementRunsAndStopsOnInterrupt() {
    let interpreter = ObscaleInterpreter(session: Session())
    let events = Mutex<[ExecutionContext.Event]>([])
    // Interrupting as soon as the first output arrives stops the second, endless statement:
    // which proves the output was published while that statement ran.
    let context = ExecutionContext(executionCount: 1, silent: false) { event in
      events.withLock { $0.append(event) }
      if case .display = event { interpreter.interrupt() }
    }
    let outcome = interpreter.execute(
      "d = load demo\nslow = impute d rounds = 100000000 tolerance = 1e-300 stopping = reference",
      context: context)
    guard case .error(let error) = outcome else {
      Issue.record("expected the interrupt, got \(outcome)")
      return
    }
    #expect(error.name == "Interrupted")
    #expect(kinds(events.withLock { $0 }).first == "display")
    #expect(run(interpreter, "slow").0 != .ok(), "the interrupted statement bound nothing")
    #expect(run(interpreter, "describe d").0 == .ok(), "the statement before it kept its effect")
  }

  @Test func streamsWarningsAndClears() {
    let interpreter = ObscaleInterpreter(session: Session())
    let (_, events) = run(interpreter, "print \"a\"\nwarn \"b\"\nclear")
    #expect(kinds(events) == ["stdout", "stderr", "clear"])
    #expect(events[2] == .clear(wait: false))
  }

  @Test func anErrorShowsWhatRanThenTheLineAndMarker() {
    let interpreter = ObscaleInterpreter(session: Session())
    let (outcome, events) = run(interpreter, "d = load demo\nf = fit d: MMLUX ~ pc(3)")
    #expect(kinds(events) == ["display"])
    guard case .error(let error) = outcome else {
      Issue.record("expected an error, got \(outcome)")
      return
    }
    #expect(error.name == "UnknownColumnError")
    #expect(error.value.contains("unknown column 'MMLUX'"))
    let traceback = error.traceback.joined(separator: "\n")
    #expect(traceback.contains("f = fit d: MMLUX ~ pc(3)"))
    #expect(traceback.contains("^^^^^"))
    #expect(traceback.contains("line 2, column 12"))
    // The session kept the statement before the error.
    #expect(run(interpreter, "describe d").0 == .ok())
  }

  @Test func reportsEverySyntaxErrorAndRunsNothing() {
    let interpreter = ObscaleInterpreter(session: Session())
    let (outcome, events) = run(interpreter, "d = load demo\nx = ]\ny = [")
    #expect(events.isEmpty)
    guard case .error(let error) = outcome else {
      Issue.record("expected an error")
      return
    }
    #expect(error.name == "SyntaxError")
    #expect(error.traceback.count == 2)
    #expect(run(interpreter, "d").0 != .ok(), "nothing ran, so d is unbound")
  }

  @Test(arguments: ["fit?", "?fit", "  fit? "])
  func pagesHelpForQuestionMarks(_ code: String) {
    let interpreter = ObscaleInterpreter(session: Session())
    let (outcome, events) = run(interpreter, code)
    #expect(events.isEmpty)
    guard case .ok(let payload) = outcome, let page = payload.first else {
      Issue.record("expected a page payload")
      return
    }
    #expect(page["source"] == "page")
    #expect(page["data"]?["text/plain"]?.stringValue?.hasPrefix("help fit") == true)
  }

  @Test func anUnknownPagerTopicIsAnError() {
    let (outcome, _) = run(ObscaleInterpreter(session: Session()), "nosuch?")
    guard case .error(let error) = outcome else {
      Issue.record("expected an error")
      return
    }
    #expect(error.name == "NotFound")
  }

  @Test func completesInUnicodeScalarsAsTheProtocolCounts() {
    let interpreter = ObscaleInterpreter(session: Session())
    // 👍🏽 is one character of two scalars: offsets must count scalars.
    let code = "print \"👍🏽\"\ndescr"
    let cursor = code.unicodeScalars.count
    let result = interpreter.complete(code, cursor: cursor)
    #expect(result.matches == ["describe"])
    #expect(result.cursorEnd == cursor)
    #expect(result.cursorStart == cursor - 5)
  }

  @Test func inspectsStatementsOptionsValuesAndColumns() {
    let interpreter = ObscaleInterpreter(session: Session())
    _ = run(interpreter, "d = load demo")
    func text(_ code: String, _ cursor: Int) -> String? {
      interpreter.inspect(code, cursor: cursor, detailLevel: 0)?.data.first {
        $0.0 == "text/plain"
      }?.1.stringValue
    }
    #expect(text("impute d", 2)?.hasPrefix("help impute") == true)
    #expect(text("describe d", 10)?.contains("95 models") == true)
    #expect(
      text("f = fit d: MMLU ~ pc(3)", 13)?.hasPrefix("MMLU: a numeric column, 95 values") == true)
    #expect(
      text("show d columns = [`Model Family`]", 22)?.hasPrefix(
        "Model Family: a text column, 20 distinct values") == true)
    #expect(text("fit d: y ~ pc(3) loss = huber", 19)?.contains("fit option loss") == true)
    // In a notebook (`split?` or Shift-Tab) an option's help and a column's figures are the
    // same aligned lines as in text: fields and a paragraph, never one run-on heading.
    func html(_ code: String, _ cursor: Int) -> String? {
      interpreter.inspect(code, cursor: cursor, detailLevel: 0)?.data.first {
        $0.0 == "text/html"
      }?.1.stringValue
    }
    let option = html("fit d: y ~ pc(3) split = none", 19) ?? ""
    #expect(option.contains("<h4>fit option split</h4><dl"), "\(option.suffix(400))")
    for label in ["values", "meaning", "default"] {
      #expect(option.contains(">\(label)</dt>"), "\(label)")
    }
    // An option is read against the statement under the cursor; the others that take an
    // option of that name are listed.
    let seed = text("b = bootstrap f seed = 3", 18) ?? ""
    #expect(seed.hasPrefix("bootstrap option seed"), "\(seed)")
    #expect(seed.contains("also an option of  fit, backtest, select"), "\(seed)")
    #expect(text("s = select d seed = 3", 15)?.hasPrefix("select option seed") == true)
    #expect(text("seed", 4)?.hasPrefix("fit option seed") == true)
    let column = html("f = fit d: MMLU ~ pc(3)", 13) ?? ""
    #expect(column.contains("95 rows</h4><p>min "), "\(column.suffix(300))")
    #expect(text("zzz", 1) == nil)
    #expect(text("", 0) == nil)
  }

  @Test func mapsCompletenessAndEvaluatesExpressionsWithoutSideEffects() {
    let interpreter = ObscaleInterpreter(session: Session())
    #expect(interpreter.isComplete("x = [a,") == .incomplete(indent: "  "))
    #expect(interpreter.isComplete("x = ]") == .invalid)
    #expect(interpreter.isComplete("help") == .complete)
    _ = run(interpreter, "d = load demo")
    guard case .success(let bundle) = interpreter.evaluate("d") else {
      Issue.record("expected a value")
      return
    }
    #expect(bundle.data.first?.1.stringValue?.contains("95 models") == true)
    guard case .failure(let error) = interpreter.evaluate("nosuch") else {
      Issue.record("expected an error")
      return
    }
    #expect(error.name == "UndefinedNameError")
  }

  @Test func describesItselfForKernelInfo() {
    let info = ObscaleInterpreter(session: Session()).info
    #expect(info.languageName == "obscale")
    #expect(info.fileExtension == ".obs")
    #expect(info.implementation == "obscale")
  }
}
