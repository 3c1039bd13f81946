import ObscaleLanguage
import ScalingLaws
import Testing

/// `select` and `split = subset(…)`: what they compute and how they fail.
struct SelectionTests {
  @Test func aSubsetSplitTrainsOnTheChosenModels() {
    var session = Session()
    runOK(
      &session,
      "d = load demo\nsmall = filter d where `FLOPs (1E21)` <= 84\ns = select small budgets = [9, 13]"
    )
    guard case .selection(let analysis)? = session.values["s"] else {
      Issue.record("s is not a selection")
      return
    }
    #expect(
      analysis.selection.forced == ["Atlas"], "the demo's reference family is forced by default")
    #expect(analysis.candidates == 53)
    let choice = analysis.selection.choices[1]
    #expect(choice.budget == 13 && choice.models.count <= 13)
    runOK(&session, "f = fit d: emergent_task ~ pc(3) split = subset(s, 13)")
    guard case .fit(let fit)? = session.values["f"] else {
      Issue.record("f is not a fit")
      return
    }
    #expect(Set(fit.rows.filter { $0.side == .train }.map(\.model)) == Set(choice.models))
    #expect(fit.rows.filter { $0.side == .test }.count == 95 - choice.models.count)
  }

  /// A budget of a billion models is a budget of every model there is: the search's work and
  /// memory follow the 53 candidates, not the number typed (it allocated 8 GB and aborted).
  @Test func aHugeBudgetIsBoundedByTheModels() {
    var session = Session()
    runOK(
      &session,
      "d = load demo\nsmall = filter d where `FLOPs (1E21)` <= 84\nhuge = select small budgets = [1e9]\nall = select small budgets = [53]"
    )
    guard case .selection(let huge)? = session.values["huge"],
      case .selection(let all)? = session.values["all"]
    else {
      Issue.record("no selections")
      return
    }
    #expect(huge.selection.choices.first?.models == all.selection.choices.first?.models)
    #expect(huge.selection.choices.first?.budget == 1_000_000_000)
  }

  @Test func aRandomDrawCanTrainALawToo() {
    var session = Session()
    runOK(
      &session,
      "d = load demo\nsmall = filter d where `FLOPs (1E21)` <= 84\ns = select small budgets = [12] random = 4 seed = 9"
    )
    runOK(&session, "r = fit d: emergent_task ~ pc(3) split = subset(s, 12, random = 2)")
    guard case .selection(let analysis)? = session.values["s"],
      case .fit(let fit)? = session.values["r"]
    else {
      Issue.record("s or r missing")
      return
    }
    let draw = Set(analysis.selection.randomBaselines[0].draws[1])
    let train = fit.rows.filter { $0.side == .train }
    #expect(!train.isEmpty && train.allSatisfy { draw.contains($0.family) })
    #expect(
      train.count == zip(analysis.models, analysis.families).filter { draw.contains($0.1) }.count)
    let cases: [(String, String)] = [
      (
        "f = fit d: emergent_task ~ pc(3) split = subset(s, 12, random = 5)",
        "random '5' is not valid: expected a whole number of at least 1 and at most 4"
      ),
      (
        "f = fit d: emergent_task ~ pc(3) split = subset(s, 12, randm = 1)",
        "subset argument 'randm' is not valid: expected random = N (did you mean 'random'?)"
      ),
    ]
    expectFailures(&session, cases)
    runOK(&session, "t = select small budgets = [12]")
    #expect(
      runFailing(&session, "f = fit d: emergent_task ~ pc(3) split = subset(t, 12, random = 1)")?
        .message.contains("has no random draws") == true)
  }

  @Test func greedyAndForceNoneAreHonoured() {
    var session = Session()
    runOK(
      &session, "d = load demo\ng = select d budgets = 10 search = greedy force = none families = 3"
    )
    guard case .selection(let analysis)? = session.values["g"] else {
      Issue.record("g is not a selection")
      return
    }
    #expect(analysis.selection.search == .greedy)
    #expect(analysis.selection.forced.isEmpty)
    #expect(
      analysis.selection.choices.allSatisfy { $0.families.count <= 3 && $0.models.count <= 10 })
  }

  @Test func badSettingsSayWhatIsAllowed() {
    var session = Session()
    runOK(&session, "d = load demo\ns = select d budgets = 12")
    let cases: [(String, String)] = [
      ("t = select d force = [Atlass]", "unknown family 'Atlass' (did you mean 'Atlas'?)"),
      (
        "t = select d budgets = [0, 10]",
        "budgets '0' is not valid: expected whole numbers of at least 1"
      ),
      (
        "t = select d search = exhaustiv",
        "search 'exhaustiv' is not valid: expected one of exhaustive, greedy (did you mean 'exhaustive'?)"
      ),
      (
        "t = select d families = 70",
        "families '70' is not valid: expected a whole number of at least 1 and at most 64"
      ),
      (
        "f = fit d: emergent_task ~ pc(3) split = subset(s, 11)",
        "subset budget '11' is not valid: expected one of the budgets of 's': 12"
      ),
      (
        "f = fit d: emergent_task ~ pc(3) split = subset(d, 12)",
        "'d' is a table, but a selection is needed here"
      ),
      ("f = fit d: emergent_task ~ pc(3) split = subset(t, 12)", "'t' is not defined"),
      (
        "f = fit d: emergent_task ~ pc(3) split = subset(s)",
        "split 'subset(…)' is not valid: expected subset(selection, budget)"
      ),
    ]
    expectFailures(&session, cases)
    #expect(
      session.values["t"] == nil && session.values["f"] == nil, "failed statements bind nothing")
  }
}

/// `bootstrap`: bands on a fit, kept when saved, and its errors.
struct BootstrapStatementTests {
  @Test func bandsTravelWithTheFit() {
    var session = Session(files: MemoryFileSystem([:]))
    runOK(
      &session,
      "d = load demo\nf = fit d: emergent_task ~ pc(3)\nfb = bootstrap f samples = 20 seed = 4\nsave fb to \"fb.json\"\nback = load \"fb.json\""
    )
    guard case .fit(let fit)? = session.values["fb"], case .fit(let back)? = session.values["back"]
    else {
      Issue.record("fb or back is not a fit")
      return
    }
    #expect(fit.uncertainty?.succeeded == 20)
    #expect(back.uncertainty == fit.uncertainty, "the bands are saved with the fit")
    guard case .fit(let original)? = session.values["f"] else { return }
    #expect(original.uncertainty == nil, "bootstrap binds a new fit; f is unchanged")
  }

  @Test func badSettingsSayWhatIsAllowed() {
    var session = Session()
    runOK(&session, "d = load demo\nf = fit d: emergent_task ~ pc(3)")
    let cases: [(String, String)] = [
      (
        "b = bootstrap f samples = 1",
        "samples '1' is not valid: expected a whole number of at least 2"
      ),
      (
        "b = bootstrap f level = 150%",
        "level '150%' is not valid: expected a coverage between 0 and 100%"
      ),
      ("b = bootstrap d", "'d' is a table, but a fit is needed here"),
      (
        "b = bootstrap f size = 3",
        "'bootstrap' has no option 'size' (it takes samples, seed, level)"
      ),
    ]
    expectFailures(&session, cases)
  }
}
