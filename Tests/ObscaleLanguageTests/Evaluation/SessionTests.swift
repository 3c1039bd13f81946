import Foundation
import ObscaleLanguage
import ScalingLaws
import Synchronization
import Testing

/// Sessions: atomic statements, names, files, errors at the right place.
struct SessionTests {
  /// A small table with a family, compute and two benchmarks.
  static let csv = """
    Model,Model Family,FLOPs (1E21),MMLU,GSM8K,task
    a/A-1,A,1,0.30,0.10,0.20
    a/A-2,A,10,0.45,0.20,0.35
    a/A-3,A,100,0.60,0.40,0.60
    b/B-1,B,2,0.32,,0.22
    b/B-2,B,20,0.50,0.30,0.45
    """

  @Test func failingStatementLeavesTheSessionAsItWas() {
    var session = Session(files: MemoryFileSystem(["t.csv": Self.csv]))
    runOK(&session, "t = load \"t.csv\"\nx = [MMLU]")
    let before = session.values
    let result = session.run(
      "y = [GSM8K]\nx = [task]\nt = filter t where family in [C]\nz = [MMLU]")
    #expect(result.statementsRun == 2)
    #expect(result.diagnostics.first?.id == "unknown-family")
    #expect(result.diagnostics.first?.range.start.line == 3)
    #expect(
      session.values["y"] == .list([.text("GSM8K")]),
      "statements before the error keep their effect")
    #expect(session.values["x"] == .list([.text("task")]))
    #expect(session.values["t"] == before["t"], "the failing statement changed nothing")
    #expect(session.values["z"] == nil, "statements after the error do not run")
  }

  @Test func aFitsTargetMayBeANameBoundToAColumnsName() throws {
    var session = Session(files: MemoryFileSystem(["t.csv": Self.csv]))
    runOK(
      &session, "t = load \"t.csv\"\ntarget = \"task\"\nf = fit t: target ~ log(flops) split = none"
    )
    guard case .fit(let fit)? = session.values["f"] else { throw FitMissing() }
    #expect(fit.specification.target == "task")
    // A column of that name wins over the binding.
    runOK(&session, "MMLU = \"task\"\ng = fit t: MMLU ~ log(flops) split = none")
    guard case .fit(let g)? = session.values["g"] else { throw FitMissing() }
    #expect(g.specification.target == "MMLU")
    // A name bound to something else is still an unknown column.
    #expect(
      session.run("n = 3\nh = fit t: n ~ log(flops)").diagnostics.first?.id == "unknown-column")
  }

  /// A statement did not bind the fit it should have.
  struct FitMissing: Error {}

  /// A family name that is empty or blank names no family, as a string or through a name.
  @Test(arguments: [
    "t = load \"t.csv\" family = \"  \"", "blank = \" \"\nt = load \"t.csv\" family = blank",
  ])
  func aBlankFamilyIsRefused(_ source: String) {
    var session = Session(files: MemoryFileSystem(["t.csv": Self.csv]))
    let result = session.run(source)
    #expect(result.diagnostics.first?.message.contains("family") == true, "\(result.diagnostics)")
    #expect(session.values["t"] == nil)
  }

  /// One rule names a model everywhere: its full id, or the part after its last `/` when only
  /// one id ends in it; a short name two ids end in is an error listing both, in every place.
  @Test(arguments: [
    "a = filter t where model in [step1000]", "a = filter t where not model in [step1000]",
    "a = filter t where model == \"step1000\"", "a = filter t where model != \"step1000\"",
    "f = fit t: y ~ log(flops) split = holdout([step1000]) reference = none",
  ])
  func aShortNameOfTwoModelsIsAnErrorEverywhere(_ statement: String) {
    let twins = """
      Model,Model Family,FLOPs (1E21),MMLU,y
      org/small/step1000,S,1,0.3,0.2
      org/large/step1000,S,10,0.5,0.4
      org/large/step2000,S,20,0.55,0.45
      org/mid/final,S,5,0.4,0.3
      """
    var session = Session(files: MemoryFileSystem(["t.csv": twins]))
    _ = session.run("t = load \"t.csv\"")
    let result = session.run(statement)
    let message = result.diagnostics.first?.message ?? "no error"
    #expect(
      message.contains("'step1000' names 2 models")
        && message.contains("'org/small/step1000'") && message.contains("'org/large/step1000'"),
      "\(statement): \(message)")
    // The full id and an unambiguous short name work.
    #expect(session.run("b = filter t where model in [org/small/step1000, final]").succeeded)
    if case .table(let table)? = session.values["b"] {
      #expect(table.models == ["org/small/step1000", "org/mid/final"])
    } else {
      Issue.record("b is not a table")
    }
  }

  /// A word means one thing wherever it stands, or it is an error naming both meanings.
  @Test func oneMeaningPerWord() {
    var session = Session(files: MemoryFileSystem(["t.csv": Self.csv]))
    _ = session.run("t = load demo")
    // A bound string compares as the string, as it does after `in`.
    _ = session.run("fam = \"Atlas\"")
    let kept = session.run("a = filter t where family != fam\nb = filter t where not family in fam")
    #expect(kept.succeeded)
    if case .table(let a)? = session.values["a"], case .table(let b)? = session.values["b"] {
      #expect(a.models == b.models && a.rowCount < 95)
    } else {
      Issue.record("no tables a and b")
    }
    // A word bound to a string that is also a value of the column is refused.
    _ = session.run("Atlas = \"Iris\"")
    #expect(
      session.run("c = filter t where family == Atlas").diagnostics.first?.message.contains(
        "one meaning") == true)
    // `load demo` with `demo` bound names neither.
    _ = session.run("demo = \"t.csv\"")
    #expect(
      session.run("d = load demo").diagnostics.first?.message.contains("one meaning") == true)
    // A column in backticks is a column: `Model Family` keeps the families.
    var other = Session(files: MemoryFileSystem(["t.csv": Self.csv]))
    let families = other.run("e = load \"t.csv\" family = `Model Family`")
    #expect(families.succeeded)
    #expect(
      other.run("g = load \"t.csv\" family = `No Such Column`").diagnostics.first?.message
        .contains("No Such Column") == true)
  }

  @Test func syntaxErrorRunsNothing() {
    var session = Session()
    let result = session.run("x = [a]\ny = fit")
    #expect(result.statementsRun == 0)
    #expect(session.values["x"] == nil)
  }

  @Test func unknownNamesSuggestTheClosest() {
    var session = Session(files: MemoryFileSystem(["t.csv": Self.csv]))
    runOK(&session, "table = load \"t.csv\"")
    let source = MarkedSource("describe ⟪tabel⟫")
    let diagnostic = runFailing(&session, source.text)
    #expect(diagnostic?.message == "'tabel' is not defined (did you mean 'table'?)")
    #expect(diagnostic?.range.start.column == source.column)
  }

  @Test func unknownColumnsPointAtTheListItem() {
    var session = Session(files: MemoryFileSystem(["t.csv": Self.csv]))
    runOK(&session, "t = load \"t.csv\"")
    let source = MarkedSource(
      "f = fit t: task ~ pc(1) benchmarks = [MMLU, ⟪GSM8k⟫] split = none reference = none")
    let diagnostic = runFailing(&session, source.text)
    #expect(diagnostic?.message == "unknown column 'GSM8k' in 't' (did you mean 'GSM8K'?)")
    #expect(diagnostic?.range.start.column == source.column)
  }

  @Test func wrongKindSaysWhatWasNeeded() {
    var session = Session()
    runOK(&session, "x = [a, b]")
    #expect(runFailing(&session, "predict x")?.message == "'x' is a list, but a fit is needed here")
  }

  @Test func filesAreFoundNextToTheScriptThenOnTheSearchPath() {
    let files = MemoryFileSystem(["data/t.csv": Self.csv])
    var session = Session(files: files, directory: "work", searchPath: ["elsewhere", "data"])
    runOK(&session, "t = load \"t.csv\"")
    #expect(session.values["t"] != nil)
    let diagnostic = runFailing(&session, "u = load \"missing.csv\"")
    #expect(
      diagnostic?.message == "file 'missing.csv' not found; looked in: 'work', 'elsewhere', 'data'")
  }

  @Test func malformedCSVReportsTheFileLineAndColumn() {
    var session = Session(files: MemoryFileSystem(["bad.csv": "Model,MMLU\na,0.5\nb,zero\n"]))
    let diagnostic = runFailing(&session, "t = load \"bad.csv\"")
    #expect(
      diagnostic?.message.contains("line 3, column 3: 'zero' in column 'MMLU' is not a number")
        == true, "\(diagnostic?.message ?? "")")
    #expect(diagnostic?.notes == ["in the file './bad.csv'"])
  }

  @Test func savedFitReloadsIdentically() throws {
    let files = MemoryFileSystem()
    var session = Session(files: files)
    runOK(
      &session,
      "d = load demo\nf = fit d: emergent_task ~ pc(3)\nsave f to \"f.json\"\ng = load \"f.json\"")
    // FitRow holds NaN FLOPs for models without compute, so compare the saved forms.
    runOK(&session, "save g to \"g.json\"")
    let saved = try #require(files.files["f.json"])
    #expect(files.files["g.json"] == saved)
    guard case .fit(let f) = try #require(session.values["f"]),
      case .fit(let g) = try #require(session.values["g"])
    else { return }
    #expect(f.law == g.law && f.specification == g.specification && f.testErrors == g.testErrors)
    let text = String(decoding: saved, as: UTF8.self)
    #expect(text.hasPrefix("{\n  \"fit\": {"))
    #expect(text.contains("\n  \"format\": \"obscale-fit\",\n  \"version\": 1\n}\n"))
    // Foundation's JSONDecoder, an independent reader, gets the same fit from the file.
    struct Envelope: Codable {
      var format: String
      var version: Int
      var fit: ScalingLawFit
    }
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let envelope = try decoder.decode(Envelope.self, from: Data(saved))
    #expect(envelope.fit.law == f.law && envelope.fit.rows.count == f.rows.count)
  }

  @Test func fitSavedByFoundationsEncoderLoads() throws {
    // Fits saved before obscale wrote its own JSON were written by Foundation's JSONEncoder.
    var session = Session(files: MemoryFileSystem())
    runOK(&session, "d = load demo\nf = fit d: emergent_task ~ pc(3)")
    guard case .fit(let f) = try #require(session.values["f"]) else { return }
    struct Envelope: Codable {
      var format = "obscale-fit"
      var version = 1
      var fit: ScalingLawFit
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let bytes = [UInt8](try encoder.encode(Envelope(fit: f)))
    let files = MemoryFileSystem(["old.json": String(decoding: bytes, as: UTF8.self)])
    var later = Session(files: files)
    runOK(&later, "g = load \"old.json\"\nsave g to \"new.json\"")
    guard case .fit(let g) = try #require(later.values["g"]) else { return }
    #expect(g.law == f.law && g.specification == f.specification && g.testErrors == f.testErrors)
    #expect(g.rows.map(\.model) == f.rows.map(\.model))
  }

  @Test func savedTableReloadsIdentically() throws {
    let files = MemoryFileSystem(["t.csv": Self.csv])
    var session = Session(files: files)
    runOK(&session, "t = load \"t.csv\"\nsave t to \"copy.csv\"\nu = load \"copy.csv\"")
    guard case .table(let t) = try #require(session.values["t"]),
      case .table(let u) = try #require(session.values["u"])
    else {
      Issue.record("not tables")
      return
    }
    #expect(t.columns == u.columns)
  }

  @Test func corruptSavedFitIsRefusedWithTheReason() {
    var session = Session(
      files: MemoryFileSystem([
        "x.json": "{\"format\": \"obscale-fit\", \"version\": 1, \"fit\": {}}", "y.json": "[1, 2]",
      ]))
    #expect(
      runFailing(&session, "f = load \"x.json\"")?.message.hasPrefix(
        "'x.json' is not a fit saved by obscale: the field") == true)
    #expect(
      runFailing(&session, "f = load \"y.json\"")?.message
        == "'y.json' is not a fit saved by obscale: it is not a JSON object")
  }

  @Test func filterKeepsWhatTheConditionSays() throws {
    var session = Session(files: MemoryFileSystem(["t.csv": Self.csv]))
    runOK(
      &session,
      "t = load \"t.csv\"\ns = filter t where family in [A] and `FLOPs (1E21)` > 1 or model in [B-1]"
    )
    guard case .table(let s) = try #require(session.values["s"]) else { return }
    #expect(s.models == ["a/A-2", "a/A-3", "b/B-1"])
  }

  @Test func fitDefaultsAreThePapers() throws {
    var session = Session()
    runOK(&session, "d = load demo\nf = fit d: emergent_task ~ pc(3)")
    guard case .fit(let fit) = try #require(session.values["f"]) else { return }
    var expected = FitSpecification(target: "emergent_task")
    expected.referenceFamily = "Atlas"
    #expect(
      fit.specification == expected,
      "a one-line fit is the paper's setup (Atlas stands in for Llama-2 on the demo)")
  }

  /// Four models for five parameters fit, with a warning (the paper's subset-selection
  /// figure does this); one model is refused at the split, with the count.
  @Test func fewerModelsThanParametersWarnAndOneIsRefused() throws {
    var session = Session()
    let outputs = runOK(
      &session, "d = load demo\nf = fit d: emergent_task ~ pc(3) split = rank(91) components = 3")
    let texts =
      outputs.last?.blocks.compactMap { block -> String? in
        if case .text(let text) = block { return text }
        return nil
      } ?? []
    #expect(texts.contains { $0.hasPrefix("warning: 4 training models for 5 parameters") })
    let result = session.run("g = fit d: emergent_task ~ pc(3) split = cutoff(0%)")
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.message.hasPrefix("1 training model cannot determine a law"))
    #expect(diagnostic.range.start.column == 42, "at the split option")
  }

  /// A score a little past 1 (noise) fits with a warning naming the model; a target on
  /// another scale is refused (`ScalingLawFitTests`).
  @Test func targetsJustPastTheLawsRangeWarn() throws {
    var csv = "Model,Model Family,FLOPs (1E21),y\n"
    for i in 0..<12 { csv += "m\(i),F,\(1 + 10 * i),\(i == 11 ? 1.02 : 0.1 + 0.07 * Double(i))\n" }
    var session = Session(files: MemoryFileSystem(["t.csv": csv]))
    let outputs = runOK(
      &session, "t = load \"t.csv\"\nf = fit t: y ~ log(flops) split = none reference = none")
    let texts =
      outputs.last?.blocks.compactMap { block -> String? in
        if case .text(let text) = block { return text }
        return nil
      } ?? []
    #expect(
      texts.contains {
        $0.hasPrefix("warning: 1 target value lies outside [0, 1]") && $0.hasSuffix("m11")
      })
  }

  /// At a terminal, `show` of a pca lists its scores (folded in the statement's own output),
  /// `rows` of them.
  @Test func showListsWhatTextFoldsAway() {
    var session = Session()
    let outputs = runOK(&session, "d = load demo\np = pca d\nshow p rows = 3\nshow p rows = all")
    let three = TextRenderer.render(outputs[2])
    #expect(three.contains("demo/Atlas-7B") && three.contains("… 92 more rows"))
    let all = TextRenderer.render(outputs[3])
    #expect(all.contains("demo/Tundra") && !all.contains("more rows"))
    #expect(
      TextRenderer.render(outputs[1]).contains("scores: 95 rows (in the JSON and HTML output"))
  }

  /// Loading a wide table (the post-training join has about 230 columns) prints a summary
  /// that fits a screen; the JSON keeps every column name.
  @Test func aWideTableIsSummarizedOnAScreen() {
    let names = (0..<230).map { "benchmark_number_\($0)" }
    let csv =
      "Model," + names.joined(separator: ",") + "\na,"
      + names.map { _ in "0.5" }.joined(separator: ",") + "\n"
    var session = Session(files: MemoryFileSystem(["wide.csv": csv]))
    let output = runOK(&session, "wide = load \"wide.csv\"").first
    let text = output.map { TextRenderer.render($0) } ?? ""
    #expect(text.split(separator: "\n").allSatisfy { $0.count < 200 }, "every line fits a screen")
    #expect(text.contains("more (describe wide lists them)"))
    guard case .fields(let fields)? = output?.blocks.first,
      case .text(let all)? = fields.first(where: { $0.name == "numeric columns" })?.value
    else {
      Issue.record("no numeric columns field")
      return
    }
    #expect(all.split(separator: ",").count == 230)
  }

  @Test func fitOptionsReachTheEngine() throws {
    var session = Session()
    runOK(
      &session,
      """
      d = load demo
      f = fit d: agent_score ~ pc(2) transform = minmax(0, 10) split = rank(20%) loss = huber(0.5) \
        law = sigmoid-parametric-free-height floor = [0, 0.1] restarts = 2 seed = 7 reference = Boreal components = 4
      """)
    guard case .fit(let fit) = try #require(session.values["f"]) else { return }
    let spec = fit.specification
    #expect(spec.predictors == .principalComponents(2))
    #expect(spec.targetTransforms == [.minmax(low: 0, high: 10)])
    #expect(
      spec.split == .rank(column: "agent_score", test: .fraction(0.2)),
      "rank holds out the top models by the target")
    #expect(spec.law.loss == .huber(delta: 0.5))
    #expect(spec.law.form == .sigmoidParametricFreeHeight)
    #expect(spec.law.bounds.floor == 0...0.1)
    #expect(spec.law.restarts == 2 && spec.law.seed == 7)
    #expect(spec.referenceFamily == "Boreal")
    #expect(spec.computedComponents == 4)
  }

  @Test func badOptionValuesSayWhatIsAllowed() {
    var session = Session()
    runOK(&session, "d = load demo")
    let cases: [(String, String)] = [
      (
        "f = fit d: emergent_task ~ pc(3) law = sigmod",
        "law 'sigmod' is not valid: expected one of sigmoid-parametric, sigmoid-parametric-free-height, sigmoid, exp, linear (did you mean 'sigmoid'?)"
      ),
      (
        "f = fit d: emergent_task ~ pc(3) split = cutof(84)",
        "split 'cutof' is not valid: expected cutoff(…), rank(…), random(…), holdout(…), subset(…) or none (did you mean 'cutoff'?)"
      ),
      (
        "f = fit d: emergent_task ~ pc(3) reference = Atlsa",
        "unknown family 'Atlsa' (did you mean 'Atlas'?)"
      ),
      (
        "f = fit d: emergent_task ~ pc(3) + log(flops)",
        "predictors 'pc(3) + log(flops)' is not valid: expected pc(K), log(flops) or log(size) alone (they join no other term), or columns joined by +"
      ),
      (
        "f = fit d: emergent_task ~ pc(9)",
        "component count 9 must be between 1 and min(models, benchmarks) = min(53, 8) = 8"
      ),
    ]
    for (source, message) in cases {
      #expect(runFailing(&session, source)?.message == message, "\(source)")
    }
  }

  @Test func engineErrorsBecomeDiagnosticsAtTheStatement() {
    var session = Session()
    runOK(&session, "d = load demo")
    let source = MarkedSource("f = fit d: emergent_task ~ pc(3) split = ⟪cutoff(0.01)⟫")
    let diagnostic = runFailing(&session, source.text)
    #expect(diagnostic?.id == "data")
    #expect(
      diagnostic?.message.contains("leaves the train set empty") == true,
      "\(diagnostic?.message ?? "")")
    #expect(diagnostic?.range.start.column == source.column)
  }

  @Test func predictForNamedModels() throws {
    var session = Session()
    let outputs = runOK(
      &session,
      "d = load demo\nf = fit d: emergent_task ~ pc(3)\npredict f for [Atlas-70B, demo/Iris-405B]")
    let rows = try #require(outputs.last.flatMap { table($0, "predictions") }).rows
    #expect(rows.map { $0[0] } == [.text("demo/Atlas-70B"), .text("demo/Iris-405B")])
    // Of the two one edit away (Atlas-70B, Atlas-7B), the first in name order.
    #expect(
      runFailing(&session, "predict f for [Atlas-71B]")?.message
        == "unknown model 'Atlas-71B' (did you mean 'Atlas-70B'?)")
  }

  @Test func equivReadsCapabilityAgainstAnotherFamily() throws {
    var session = Session()
    let outputs = runOK(
      &session, "d = load demo\nf = fit d: emergent_task ~ pc(3)\ne = equiv f reference = Boreal")
    #expect(field(try #require(outputs.last), "reference") == .text("Boreal"))
    guard case .fit(let fit) = try #require(session.values["e"]), let equivalence = fit.equivalence
    else { return }
    // The reference family's own models sit on the regression: mean residual zero.
    let members = fit.rows.filter { $0.family == "Boreal" }
    let mean =
      members.map { equivalence.capability(log10FLOPs: _log10($0.flops)) - $0.capability }.reduce(
        0, +) / Double(members.count)
    #expect(abs(mean) < 1e-9)
  }

  @Test func weightsNeedComponents() {
    var session = Session()
    runOK(&session, "d = load demo\ng = fit d: emergent_task ~ log(flops)")
    #expect(runFailing(&session, "weights g")?.id == "data")
  }

  @Test func helpCoversEveryStatement() throws {
    var session = Session()
    for info in StatementCatalog.statements {
      let output = try #require(runOK(&session, "help \(info.name)").first)
      #expect(output.title == "help \(info.name)")
    }
    #expect(runFailing(&session, "help fitt")?.message == "no help on 'fitt' (did you mean 'fit'?)")
  }

  @Test func interruptionStopsBetweenStatements() {
    var session = Session()
    let result = session.run("x = [a]\ny = [b]", interrupted: { true })
    #expect(result.diagnostics.first?.id == "interrupted")
    #expect(session.values["x"] == nil)
  }
}

/// Returns log10 of x.
private func _log10(_ x: Double) -> Double { log10(x) }

/// Interrupting a running statement: it stops inside the engine and changes nothing.
struct SessionInterruptionTests {
  @Test func interruptionInsideTheEngineLeavesTheSessionAsItWas() {
    let polls = Atomic<Int>(0)
    var session = Session()
    runOK(&session, "data = load demo")
    // Polled once before each statement, then at every imputation round: the fourth poll
    // falls inside the imputation of the second statement.
    let result = session.run(
      "x = [a]\nfull = impute data\ny = [b]",
      interrupted: { polls.add(1, ordering: .relaxed).newValue >= 4 })
    #expect(result.diagnostics.map(\.id) == ["interrupted"])
    #expect(result.diagnostics.first?.range.start.line == 2)
    #expect(result.statementsRun == 1)
    #expect(
      session.values["x"] != nil && session.values["full"] == nil && session.values["y"] == nil)
    runOK(&session, "full = impute data")
    #expect(session.values["full"] != nil, "the next statement runs normally")
  }
}

/// Words inside list literals are literal even when a name is bound.
struct ListLiteralTests {
  @Test func boundNamesInListsStayLiteral() {
    var session = Session()
    runOK(&session, "MMLU = [x, y]\nb = [MMLU, GSM8K]")
    #expect(session.values["b"] == .list([.text("MMLU"), .text("GSM8K")]))
  }
}
