import ObscaleLanguage
import ScalingLaws
import Testing

/// An engine error points at the option that caused it: each option row names the engine
/// errors it answers for, and the error's marker lands on that option's value.
struct OptionBindingTests {
  /// A session with the demo data bound to `data` (its agent_score is on a 0–10 scale).
  static func session() -> Session {
    var session = Session()
    _ = session.run("data = load demo")
    return session
  }

  @Test(arguments: [
    // The Huber δ below the least the engine accepts: at the loss.
    ("f = fit data: emergent_task ~ pc(3) loss = huber(1e-12)", "huber(1e-12)"),
    // A start of the wrong length: at the start.
    ("f = fit data: emergent_task ~ pc(3) start = [0, 0.03]", "[0, 0.03]"),
    // A start outside the floor's bounds: at the start, not the bounds.
    (
      "f = fit data: emergent_task ~ pc(3) floor = [0, 0.1] start = [0, 0.03, 0.03, 0.03, 0.5]",
      "[0, 0.03, 0.03, 0.03, 0.5]"
    ),
    // A split that leaves too few train models: at the split.
    ("f = fit data: emergent_task ~ pc(3) split = cutoff(0.000001)", "cutoff(0.000001)"),
    // Scores outside the sigmoid's [0, 1] with a transform that does not fix them: at the
    // transform, which answers before the law.
    ("f = fit data: agent_score ~ pc(3) law = sigmoid transform = minmax(0, 5)", "minmax(0, 5)"),
    // The same without a transform: at the law.
    ("f = fit data: agent_score ~ pc(3) law = sigmoid", "sigmoid"),
  ])
  func engineErrorsPointAtTheirOption(_ statement: String, _ marked: String) throws {
    try Self.check(statement, marks: marked)
  }

  /// A forecast's options are decoded before it fits: each mistake is found at its value.
  @Test(arguments: [
    ("forecast data through = f", "f"),
    ("forecast data family = Atlas", "Atlas"),
    ("forecast data family = [Atlas, Boreal] sizes = [7]", "[Atlas, Boreal]"),
    ("forecast data family = Atlas sizes = [7, 0]", "[7, 0]"),
    ("forecast data family = Atlas sizes = [7] tokens = 0", "0"),
    ("forecast data family = Atlas sizes = [7] through = nofit", "nofit"),
    ("forecast data floors = guessed", "guessed"),
    ("forecast data benchmarks = [MMLU, Nope]", "Nope"),
    // Backtest groups: only beside by = families, one column, a text column that exists.
    ("backtest f on data groups = Model", "Model"),
    ("backtest f on data by = families groups = [Model, Model]", "[Model, Model]"),
  ])
  func forecastSettingsPointAtTheirValue(_ statement: String, _ marked: String) throws {
    try Self.check(statement, marks: marked)
  }

  /// A backtest's groups column is checked against the table, and a mistake found at it.
  @Test func backtestGroupsPointAtTheColumn() throws {
    var session = Self.session()
    _ = session.run("f = fit data: MMLU ~ log(flops)")
    for (statement, words) in [
      ("backtest f on data by = families groups = Nope", "Nope"),
      ("backtest f on data by = families groups = MMLU", "text column"),
    ] {
      let result = session.run(statement)
      let diagnostic = try #require(result.diagnostics.first, "\(statement) did not fail")
      #expect(diagnostic.message.contains(words), "\(diagnostic.message)")
      let characters = Array(statement)
      let marked = String(
        characters[(diagnostic.range.start.column - 1)..<(diagnostic.range.end.column - 1)])
      #expect(marked == statement.split(separator: " ").last.map(String.init), "\(marked)")
    }
  }

  /// `bootstrap` and `backtest` decode their resampling alike: too few resamples for the level
  /// is found at `samples`, and only `backtest` may have none.
  @Test func resamplingIsCheckedAlike() throws {
    var session = Self.session()
    _ = session.run("f = fit data: MMLU ~ log(flops)")
    for (statement, words) in [
      ("bootstrap f samples = 10", "at least 20 resamples for 90% bands"),
      ("backtest f on data samples = 30 level = 95%", "at least 40 resamples for 95% bands"),
    ] {
      let result = session.run(statement)
      let diagnostic = try #require(result.diagnostics.first, "\(statement) did not fail")
      #expect(diagnostic.message.contains(words), "\(diagnostic.message)")
      #expect(diagnostic.message.contains("or 0") == statement.hasPrefix("backtest"))
    }
    #expect(session.run("backtest f on data samples = 0").diagnostics.isEmpty)
  }

  /// A reference family is one family: a list is an error at the list, in every statement that
  /// takes one, not its first item taken silently.
  @Test(arguments: [
    "f = fit data: MMLU ~ log(flops) reference = [Atlas, Boreal]",
    "place p on data reference = [Atlas, Boreal]", "equiv g reference = [Atlas, Boreal]",
    "forecast data family = [Atlas, Boreal] sizes = [7]",
  ])
  func aReferenceIsOneFamily(_ statement: String) throws {
    var session = Self.session()
    _ = session.run("p = pca data")
    _ = session.run("g = fit data: MMLU ~ pc(3)")
    let result = session.run(statement)
    let diagnostic = try #require(result.diagnostics.first, "\(statement) did not fail")
    #expect(diagnostic.message.contains("one family, not a list of 2"), "\(diagnostic.message)")
  }

  /// `ceilings = one` holds every ceiling at 1; fitted, the output shows them.
  @Test func ceilingsAreFittedOrOne() throws {
    var session = Self.session()
    let fitted = session.run("a = forecast data skills = 1")
    let one = session.run("b = forecast data skills = 1 ceilings = one")
    #expect(fitted.diagnostics.isEmpty && one.diagnostics.isEmpty)
    guard case .forecast(let a)? = session.values["a"], case .forecast(let b)? = session.values["b"]
    else {
      Issue.record("no forecasts bound")
      return
    }
    #expect(b.ceilings.allSatisfy { $0 == 1 } && !b.fittedCeilings)
    #expect(a.ceilings.contains { $0 < 1 }, "\(a.ceilings)")
  }

  /// Runs `statement` on the demo data and checks that its first diagnostic marks `marked`.
  static func check(_ statement: String, marks marked: String) throws {
    var session = Self.session()
    let result = session.run(statement)
    let diagnostic = try #require(result.diagnostics.first, "\(statement) did not fail")
    let characters = Array(statement)
    let start = diagnostic.range.start.column - 1
    let end = diagnostic.range.end.column - 1
    #expect(start >= 0 && end <= characters.count && start < end, "\(diagnostic.range)")
    guard start >= 0, end <= characters.count, start < end else { return }
    #expect(String(characters[start..<end]) == marked, "\(diagnostic.message)")
  }
}
