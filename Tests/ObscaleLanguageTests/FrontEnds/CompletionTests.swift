import ObscaleLanguage
import Testing

/// Tab completion from the language and the session.
struct CompletionTests {
  /// A session with the demo table bound to `data` and files in an in-memory folder.
  static func session() -> Session {
    var session = Session(files: MemoryFileSystem(["base.csv": "", "bench.obs": "", "data/x.csv": ""]))
    _ = session.run("data = load demo")
    return session
  }

  @Test func statementsAtTheStart() {
    let completion = Completion.candidates("f = pre", cursor: 7, session: Self.session())
    #expect(completion.candidates == ["predict"])
    #expect(completion.start == 4)
  }

  @Test func optionsOfTheStatement() {
    let text = "f = fit data: emergent_task ~ pc(3) lo"
    let candidates = Completion.candidates(text, cursor: text.count, session: Self.session()).candidates
    #expect(candidates == ["log(flops)", "log(size)", "logit", "loss ="])
    let split = "f = fit data: emergent_task ~ pc(3) sp"
    #expect(Completion.candidates(split, cursor: split.count, session: Self.session()).candidates == ["split ="])
  }

  @Test func theStatementSpansTheLinesItContinues() {
    let session = Self.session()
    let continued = "f = fit data: emergent_task ~ pc(3),\n  sp"
    #expect(Completion.candidates(continued, cursor: continued.count, session: session).candidates == ["split ="])
    let fresh = "print \"x\"\ndescr"
    #expect(Completion.candidates(fresh, cursor: fresh.count, session: session).candidates == ["describe"])
  }

  @Test func namesColumnsAndFamilies() {
    let session = Self.session()
    #expect(Completion.candidates("describe da", cursor: 11, session: session).candidates == ["data"])
    #expect(Completion.candidates("show data columns = [Hel", cursor: 24, session: session).candidates == ["HellaSwag"])
    #expect(Completion.candidates("s = filter data where family in [Bor", cursor: 36, session: session).candidates == ["Boreal"])
  }

  @Test func columnsWithSpacesInBackticks() {
    let session = Self.session()
    let text = "s = filter data where `FLO"
    let completion = Completion.candidates(text, cursor: text.count, session: session)
    #expect(completion.candidates == ["`FLOPs (1E21)`"])
    #expect(completion.start == text.count - 4, "the backtick is replaced too")
  }

  @Test func filePathsInsideStrings() {
    let session = Self.session()
    let text = "t = load \"b"
    let completion = Completion.candidates(text, cursor: text.count, session: session)
    #expect(completion.candidates == ["base.csv", "bench.obs"])
    #expect(completion.start == text.count - 1)
    #expect(Completion.candidates("t = load \"data/", cursor: 15, session: session).candidates == ["data/x.csv"])
  }
}
