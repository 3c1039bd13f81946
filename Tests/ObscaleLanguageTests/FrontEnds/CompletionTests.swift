import ObscaleLanguage
import Testing

/// Tab completion from the language and the session.
struct CompletionTests {
  /// A session with the demo table bound to `data` and files in an in-memory folder.
  static func session() -> Session {
    var session = Session(
      files: MemoryFileSystem(["base.csv": "", "bench.obs": "", "data/x.csv": ""]))
    _ = session.run("data = load demo")
    return session
  }

  /// Each statement's subject completes as its catalog row declares it: a statement that takes
  /// a table offers the tables, one that takes a fit offers none of them, with no statement
  /// named in Completion.
  @Test(arguments: StatementCatalog.statements)
  func subjectsCompleteAsDeclared(_ info: StatementInfo) {
    var session = Self.session()
    _ = session.run("label = \"a string\"")
    let text = info.name + " "
    let candidates = Completion.candidates(text, cursor: text.count, session: session).candidates
    let subject = info.completion.subject
    switch subject.kind {
    case .bound:
      #expect(
        candidates.contains("data") == subject.bound.contains(.table),
        "\(info.name): \(candidates)")
      #expect(
        candidates.contains("label") == subject.bound.contains(.text),
        "\(info.name): \(candidates)")
    case .keywords:
      #expect(candidates == StatementCatalog.keywords.sorted(), "\(info.name)")
    case .words:
      #expect(candidates == subject.words.sorted(), "\(info.name): \(candidates)")
    case .anyName:
      #expect(candidates.contains("data") && candidates.contains("label"), "\(info.name)")
    case .columns, .list:
      #expect(!candidates.isEmpty, "\(info.name)")
    }
  }

  @Test func statementsAtTheStart() {
    let completion = Completion.candidates("f = pre", cursor: 7, session: Self.session())
    #expect(completion.candidates == ["predict"])
    #expect(completion.start == 4)
  }

  @Test func optionsOfTheStatement() {
    let text = "f = fit data: emergent_task ~ pc(3) lo"
    let candidates = Completion.candidates(text, cursor: text.count, session: Self.session())
      .candidates
    #expect(
      candidates == ["loss ="], "after the formula come the options, not predictors or values")
    let split = "f = fit data: emergent_task ~ pc(3) sp"
    #expect(
      Completion.candidates(split, cursor: split.count, session: Self.session()).candidates == [
        "split ="
      ])
  }

  @Test func theStatementSpansTheLinesItContinues() {
    let session = Self.session()
    let continued = "f = fit data: emergent_task ~ pc(3),\n  sp"
    #expect(
      Completion.candidates(continued, cursor: continued.count, session: session).candidates == [
        "split ="
      ])
    let fresh = "print \"x\"\ndescr"
    #expect(
      Completion.candidates(fresh, cursor: fresh.count, session: session).candidates == ["describe"]
    )
  }

  @Test func namesColumnsAndFamilies() {
    let session = Self.session()
    #expect(
      Completion.candidates("describe da", cursor: 11, session: session).candidates == ["data"])
    #expect(
      Completion.candidates("show data columns = [Hel", cursor: 24, session: session).candidates
        == ["HellaSwag"])
    #expect(
      Completion.candidates("s = filter data where family in [Bor", cursor: 36, session: session)
        .candidates == ["Boreal"])
  }

  @Test func columnsWithSpacesInBackticks() {
    let session = Self.session()
    let text = "s = filter data where `FLO"
    let completion = Completion.candidates(text, cursor: text.count, session: session)
    #expect(completion.candidates == ["`FLOPs (1E21)`"])
    #expect(completion.start == text.count - 4, "the backtick is replaced too")
  }

  /// The candidates at the end of `text` in a session with the demo data, a fit, a list
  /// and a selection bound.
  static func at(_ text: String) -> [String] {
    var session = Self.session()
    _ = session.run(
      "f = fit data: emergent_task ~ pc(3)\nsmall = filter data where `FLOPs (1E21)` <= 84\ns = select small budgets = 8 search = greedy\nfew = [MMLU, GSM8K]"
    )
    return Completion.candidates(text, cursor: text.count, session: session).candidates
  }

  @Test(arguments: [
    // After `fit T:` the metric columns of T (and names bound to strings), not families.
    ("f = fit data: emergent", ["emergent_task"]),
    ("f = fit data: Atl", []),
    ("f = fit data: gsm_", ["gsm_cot", "gsm_fewshot"]),
    // After `~` the predictor forms and columns; after `pc(` nothing but a number.
    ("f = fit data: emergent_task ~ p", ["pc("]),
    ("f = fit data: emergent_task ~ lo", ["log(flops)", "log(size)"]),
    ("f = fit data: emergent_task ~ pc(", []),
    // After `option =` that option's values only.
    (
      "f = fit data: emergent_task ~ pc(3) split = ",
      ["cutoff(", "holdout(", "none", "random(", "rank(", "subset("]
    ),
    (
      "f = fit data: emergent_task ~ pc(3) law = sigmoid-p",
      ["sigmoid-parametric", "sigmoid-parametric-free-height"]
    ),
    ("f = fit data: emergent_task ~ pc(3) loss = h", ["huber", "huber("]),
    ("f = fit data: emergent_task ~ pc(3) reference = Bo", ["Boreal"]),
    ("f = fit data: emergent_task ~ pc(3) benchmarks = f", ["few"]),
    ("f = fit data: emergent_task ~ pc(3) benchmarks = [Hell", ["HellaSwag"]),
    ("f = fit data: emergent_task ~ pc(3) split = cutoff(84, column = `FL", ["`FLOPs (1E21)`"]),
    ("f = fit data: emergent_task ~ pc(3) split = cutoff(84, ", ["column ="]),
    ("f = fit data: emergent_task ~ pc(3) split = subset(", ["s"]),
    ("f = fit data: emergent_task ~ pc(3) split = holdout(families = [Bor", ["Boreal"]),
    ("predict f side = ", ["all", "test", "train"]),
    ("plot f x = c", ["capability"]),
    ("s2 = select small force = [Bo", ["Boreal"]),
    ("s2 = select small search = ", ["exhaustive", "greedy"]),
    // Subjects: a statement's operand is a bound value of the kind it takes.
    ("predict ", ["f"]),
    ("fit ", ["data", "small"]),
    ("compare f, ", ["f"]),
    ("predict f on ", ["data", "small"]),
    ("predict f for [Atlas-7", ["Atlas-70B", "Atlas-7B"]),
    // filter's condition.
    ("t = filter data where family in [Bo", ["Boreal"]),
    ("t = filter data where model in [Boreal-1", ["Boreal-1.8B", "Boreal-14B"]),
    ("t = filter data where ha", ["has"]),
    ("t = filter data where He", ["HellaSwag"]),
    // A column that needs backticks completes with them from its first letters.
    ("t = filter data where FL", ["`FLOPs (1E21)`"]),
    ("show data columns = [Model", ["`Model Family`", "`Model Size (B)`"]),
    // rename and drop take the table's columns.
    ("t = drop data emergent_task, agent", ["agent_score"]),
    ("t = rename ", ["data", "small"]),
    ("t = rename data MM", ["MMLU"]),
    ("t = rename data MMLU t", ["to"]),
  ])
  func completesWhatTheContextTakes(_ text: String, _ expected: [String]) {
    #expect(Self.at(text) == expected, "\(text)")
  }

  /// `predict g for [` offers the models g has, the ones predict accepts, not every table's;
  /// with `on t` the models of t.
  @Test func predictOffersTheFitsModels() throws {
    var session = Self.session()
    let bound = session.run(
      "small = filter data where `FLOPs (1E21)` <= 84\ng = fit small: emergent_task ~ pc(3) split = none reference = none"
    )
    #expect(bound.succeeded)
    func candidates(_ text: String) -> [String] {
      Completion.candidates(text, cursor: text.count, session: session).candidates
    }
    guard case .table(let small) = session.values["small"],
      case .table(let data) = session.values["data"]
    else { throw CompletionTestFailure.notBound }
    let short = { (id: String) in id.split(separator: "/").last.map(String.init) ?? id }
    // A family with models on both sides of the cutoff.
    func members(_ models: [String], _ prefix: String) -> Set<String> {
      Set(models.map(short).filter { $0.hasPrefix(prefix) })
    }
    let prefixes = Set(data.models.map(short).compactMap { $0.split(separator: "-").first })
    let prefix = try #require(
      prefixes.sorted().map { $0 + "-" }.first {
        !members(small.models, $0).isEmpty
          && members(data.models, $0).count > members(small.models, $0).count
      })
    let offered = Set(candidates("predict g for [\(prefix)"))
    #expect(!offered.isEmpty && offered.isSubset(of: members(small.models, prefix)), "\(offered)")
    #expect(Set(candidates("predict g on data for [\(prefix)")) == members(data.models, prefix))
  }

  @Test func insideABracketTheBracketStays() {
    let text = "t = filter data where family in [At"
    let completion = Completion.candidates(text, cursor: text.count, session: Self.session())
    #expect(completion.candidates == ["Atlas"])
    #expect(completion.start == text.count - 2, "only the word after '[' is replaced")
  }

  @Test func filePathsInsideStrings() {
    let session = Self.session()
    let text = "t = load \"b"
    let completion = Completion.candidates(text, cursor: text.count, session: session)
    #expect(completion.candidates == ["base.csv", "bench.obs"])
    #expect(completion.start == text.count - 1)
    #expect(
      Completion.candidates("t = load \"data/", cursor: 15, session: session).candidates == [
        "data/x.csv"
      ])
  }
}

/// A value the test needs was not bound.
enum CompletionTestFailure: Error { case notBound }
