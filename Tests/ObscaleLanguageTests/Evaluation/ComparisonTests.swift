import ObscaleLanguage
import Testing

/// Several laws on one axis: `plot f, g`, `gap f, g`, `weights f, g`.
struct ComparisonTests {
  /// A session with two post-training laws on the demo data.
  static func session() -> Session {
    var session = Session()
    runOK(
      &session,
      """
      d = load demo
      no_gsm = [MMLU, ARC-C, HellaSwag, Winograd, TruthfulQA, XWinograd, HumanEval]
      a = fit d: gsm_fewshot ~ pc(3) benchmarks = no_gsm loss = huber
      b = fit d: gsm_cot ~ pc(3) benchmarks = no_gsm loss = huber
      n = fit d: gsm_cot ~ pc(3) benchmarks = no_gsm reference = none
      """)
    return session
  }

  @Test func theGapIsTheDifferenceOfTheTwoCurves() {
    var session = Self.session()
    let outputs = runOK(&session, "gap a, b samples = 7")
    guard case .table(let table)? = outputs.first?.blocks.dropFirst().first else {
      Issue.record("no gap table")
      return
    }
    #expect(table.rows.count == 7)
    for row in table.rows {
      guard case .number(let base) = row[1], case .number(let other) = row[2],
        case .number(let gap) = row[3]
      else {
        Issue.record("a row without numbers")
        continue
      }
      #expect(abs(gap - (other - base)) < 1e-12)
    }
  }

  @Test func compareNamesAWinnerOnlyWithinATarget() {
    var session = Self.session()
    let texts =
      runOK(&session, "compare a, b, n").first?.blocks.compactMap { block -> String? in
        if case .text(let text) = block { return text }
        return nil
      } ?? []
    #expect(
      texts.first?.hasPrefix("warning: these fits predict different targets (gsm_fewshot, gsm_cot)")
        == true)
    #expect(
      texts.count == 2, "one winner: gsm_cot's, among b and n; none for gsm_fewshot's single fit")
    #expect(texts.last?.hasPrefix("lowest test MSE of gsm_cot on the") == true)
    #expect(
      texts.last?.hasSuffix("these fits share: b") == true
        || texts.last?.hasSuffix("these fits share: n") == true)
  }

  @Test func weightsAndPlotsSideBySide() {
    var session = Self.session()
    let weights = runOK(&session, "weights a, b")
    guard case .table(let table)? = weights.first?.blocks.first else {
      Issue.record("no weights table")
      return
    }
    #expect(table.columns.map(\.name) == ["benchmark", "a", "b"])
    #expect(table.rows.count == 7)
    let plot = runOK(&session, "plot a, b samples = 3")
    guard case .plot(let chart)? = plot.first?.blocks.first else {
      Issue.record("no plot")
      return
    }
    #expect(Set(chart.series.map(\.group)) == ["a", "b"])
    #expect(chart.series.filter { $0.style == .line }.count == 2)
  }

  @Test func explainsWhatIsWrong() {
    var session = Self.session()
    let cases: [(String, String)] = [
      ("gap a, n", "fit 'n' is not valid: expected a fit with a reference family"),
      (
        "plot a, b x = pc1",
        "x 'pc1' is not valid: expected no x option: several fits share the f-equivalent FLOPs axis"
      ),
      ("gap a, d", "'d' is a table, but a fit is needed here"),
      ("plot a, no_gsm", "'no_gsm' is a list, but a fit is needed here"),
    ]
    expectFailures(&session, cases)
    let three = session.run("gap a, b, n")
    #expect(
      three.diagnostics.first?.message.contains("two fits, the baseline first") == true,
      "\(three.diagnostics.map(\.message))")
  }
}

/// `predict fit on table`: pre-registered predictions.
struct PreregistrationTests {
  @Test func predictionsOnAnotherTableMatchAHoldOut() {
    var session = Session()
    runOK(
      &session,
      """
      d = load demo
      early = filter d where not family in [Iris, Onyx]
      later = filter d where family in [Iris, Onyx]
      f = fit early: emergent_task ~ pc(3)
      """)
    let outputs = runOK(&session, "predict f on later")
    guard case .table(let table)? = outputs.first?.blocks.last else {
      Issue.record("no predictions table")
      return
    }
    #expect(table.rows.count == 6)
    #expect(
      table.columns.map(\.name).prefix(9) == [
        "model", "family", "in fit", "PC-1", "PC-2", "PC-3", "actual", "predicted", "residual",
      ])
    #expect(table.rows.allSatisfy { $0[2] == .text("new") })
  }

  /// Models that trained the fit are counted apart: their errors are not held out, and the
  /// MSE is over the new models only (it said "none used to fit" and mixed them in).
  @Test func modelsTheFitHasSeenAreCountedApart() {
    var session = Session()
    runOK(
      &session,
      """
      d = load demo
      early = filter d where not family in [Iris, Onyx]
      f = fit early: emergent_task ~ pc(3)
      """)
    let outputs = runOK(&session, "predict f on d")
    guard case .fields(let fields)? = outputs.first?.blocks.first,
      case .table(let table)? = outputs.first?.blocks.last
    else {
      Issue.record("no predictions")
      return
    }
    let trained = table.rows.filter { $0[2] == .text("train") }.count
    let fresh = table.rows.filter { $0[2] == .text("new") }.count
    #expect(trained > 0 && fresh == 6)
    let models = fields.first { $0.name == "models" }?.display ?? ""
    #expect(
      models.contains("6 new") && models.contains("\(trained) trained 'f'")
        && !models.contains("none used"))
    #expect(fields.first { $0.name == "MSE" }?.display?.contains("over the 6 new models") == true)
    #expect(fields.contains { $0.name == "MSE of seen models" })
  }

  @Test func explainsWhatIsWrong() {
    var session = Session()
    runOK(
      &session,
      "d = load demo\nf = fit d: emergent_task ~ pc(3)\nsmall = filter d where family in [Atlas]")
    let cases: [(String, String)] = [
      ("predict f on nosuch", "'nosuch' is not defined"),
      ("predict f on small side = test", "side 'test' is not valid: expected no side with 'on'"),
      ("predict f on small for [Iris-8B]", "unknown model 'Iris-8B'"),
      ("predict f on small on d", "option 'table' is given twice"),
      ("predict f on f", "'f' is a fit, but a table is needed here"),
    ]
    expectFailures(&session, cases)
  }
}

/// `plot … save = "file.svg"`.
struct PlotSaveTests {
  @Test func writesTheChartAsSVG() throws {
    let files = MemoryFileSystem([:])
    var session = Session(files: files, directory: "/analysis")
    runOK(
      &session,
      "d = load demo\nf = fit d: emergent_task ~ pc(3)\nplot f samples = 3 save = \"law.svg\"")
    let written = try #require(try files.read("/analysis/law.svg"))
    let text = String(decoding: written, as: UTF8.self)
    #expect(text.hasPrefix("<svg") && text.hasSuffix("</svg>"))
    #expect(text.contains("emergent_task"))
    #expect(
      runFailing(&session, "plot f save = \"law.png\"")?.message.contains("use .svg for a chart")
        == true)
  }
}
