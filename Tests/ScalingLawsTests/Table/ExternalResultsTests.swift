import ScalingLaws
import Testing

/// lm-evaluation-harness results and leaderboard tables read into the paper's columns.
struct ExternalResultsTests {
  /// A run with the leaderboard protocol's tasks, metrics and few-shot counts.
  static func protocolRun(_ model: String, arc: Double = 0.54) -> HarnessRun {
    HarnessRun(
      model: model, source: "\(model).json",
      results: [
        "arc_challenge": ["acc,none": 0.51, "acc_stderr,none": 0.01, "acc_norm,none": arc],
        "hellaswag": ["acc,none": 0.58, "acc_norm,none": 0.78],
        "mmlu": ["acc,none": 0.45],
        "truthfulqa_mc2": ["acc,none": 0.39],
        "winogrande": ["acc,none": 0.74],
        "gsm8k": ["exact_match,strict-match": 0.14, "exact_match,flexible-extract": 0.15],
      ],
      shots: [
        "arc_challenge": 25, "hellaswag": 10, "mmlu": 5, "truthfulqa_mc2": 0, "winogrande": 5,
        "gsm8k": 5,
      ])
  }

  @Test func readsEachColumnFromTheProtocolsTaskAndMetric() throws {
    let read = try ExternalResults.table(harness: [Self.protocolRun("org/a")], family: "Mine")
    let table = read.table
    #expect(table.models == ["org/a"])
    #expect(
      table.columnNames == [
        "Model", "Model Family", "MMLU", "ARC-C", "HellaSwag", "Winograd", "TruthfulQA", "GSM8K",
        "XWinograd", "HumanEval",
      ])
    // acc_norm for ARC and HellaSwag, strict match for GSM8K.
    #expect(try table.numbers("ARC-C") == [0.54])
    #expect(try table.numbers("HellaSwag") == [0.78])
    #expect(try table.numbers("GSM8K") == [0.14])
    #expect(try table.numbers("HumanEval")[0].isNaN)
    // Only the two columns the harness run lacks are found; no warning.
    #expect(
      read.findings == [
        .columnMissing(column: "XWinograd", source: "harness results"),
        .columnMissing(column: "HumanEval", source: "harness results"),
      ])
  }

  @Test func warnsOfOtherFewShotCountsAndMetrics() throws {
    var run = Self.protocolRun("org/a")
    run.shots["gsm8k"] = 8
    run.results["arc_challenge"] = ["acc,none": 0.5]
    run.results["hellaswag"] = ["alias": 1]
    let read = try ExternalResults.table(harness: [run], family: nil)
    #expect(
      read.findings.contains(
        .shotsDiffer(column: "GSM8K", task: "gsm8k", shots: 8, expected: 5, models: ["org/a"])))
    #expect(
      read.findings.contains(
        .metricDiffers(
          column: "ARC-C", task: "arc_challenge", used: "acc,none", expected: "acc_norm,none",
          models: ["org/a"])))
    #expect(
      read.findings.contains(
        .metricAbsent(column: "HellaSwag", task: "hellaswag", found: ["alias"], models: ["org/a"])))
    #expect(try read.table.numbers("ARC-C") == [0.5])
    #expect(try read.table.numbers("HellaSwag")[0].isNaN)
    #expect(read.findings.map(\.description).contains { $0.hasPrefix("warning: GSM8K (gsm8k)") })
  }

  @Test func averagesSubtasksWhenTheGroupRowIsAbsent() throws {
    var run = Self.protocolRun("org/a")
    run.results["mmlu"] = nil
    run.results["mmlu_anatomy"] = ["acc,none": 0.3]
    run.results["mmlu_astronomy"] = ["acc,none": 0.5]
    run.results["mmlu_virology"] = ["acc,none": 0.7]
    // A group row under the prefix is not a subject.
    run.results["mmlu_stem"] = ["acc,none": 0.99]
    run.shots = run.shots.filter { $0.key != "mmlu" }
    run.shots["mmlu_anatomy"] = 5
    run.shots["mmlu_astronomy"] = 5
    run.shots["mmlu_virology"] = 0
    let read = try ExternalResults.table(harness: [run], family: nil)
    let mmlu = try read.table.numbers("MMLU")[0]
    #expect(abs(mmlu - 0.5) < 1e-15)
    #expect(
      read.findings.contains(
        .subtasksAveraged(column: "MMLU", task: "mmlu", subtasks: 3, models: ["org/a"])))
    // The subtasks disagree on their few-shot count, so none is checked.
    #expect(
      !read.findings.contains { if case .shotsDiffer = $0 { return true } else { return false } })
  }

  @Test func mergesRunsOfOneModelLaterFilesWinning() throws {
    let first = Self.protocolRun("org/a", arc: 0.4)
    var second = HarnessRun(
      model: "org/a", source: "b.json", results: ["arc_challenge": ["acc_norm,none": 0.6]],
      shots: ["arc_challenge": 25])
    second.results["humaneval"] = ["pass@1,create_test": 0.12]
    let read = try ExternalResults.table(
      harness: [first, second, Self.protocolRun("org/b")], family: nil)
    #expect(read.table.models == ["org/a", "org/b"])
    #expect(try read.table.numbers("ARC-C") == [0.6, 0.54])
    #expect(try read.table.numbers("HumanEval")[0] == 0.12)
    #expect(
      read.findings.contains(.runsMerged(model: "org/a", files: 2, repeated: ["arc_challenge"])))
    #expect(read.findings.contains(.cellsMissing(column: "HumanEval", models: ["org/b"])))
  }

  @Test func refusesAScoreOutsideTheUnitInterval() {
    var run = Self.protocolRun("org/a")
    run.results["mmlu"] = ["acc,none": 45.6]
    #expect(
      throws: ScalingLawsError.scoreOutOfRange(
        column: "MMLU", model: "org/a", value: 45.6, limit: 0...1)
    ) { try ExternalResults.table(harness: [run], family: nil) }
  }

  /// The paper's own table, written in the leaderboard's layout and scale, reads back as it
  /// was: the six leaderboard columns to 1e-12, the two it lacks empty.
  @Test func thePapersTableRoundTripsThroughTheLeaderboardLayout() throws {
    guard let csv = paperCSV("base_llm_benchmark_eval.csv") else { return }
    let paper = try ScoreTable(csv: csv)
    let names = [
      ("ARC-C", "ARC"), ("HellaSwag", "HellaSwag"), ("MMLU", "MMLU"),
      ("TruthfulQA", "TruthfulQA"), ("Winograd", "Winogrande"), ("GSM8K", "GSM8K"),
    ]
    var text = "eval_name,Model,Average ⬆️,fullname," + names.map(\.1).joined(separator: ",")
    text += ",#Params (B)\n"
    let sizes = try paper.numbers(ScoreTable.sizeColumn)
    for (row, model) in paper.models.enumerated() {
      let cells = try names.map { name -> String in
        let value = try paper.numbers(name.0)[row]
        return value.isNaN ? "" : "\(value * 100)"
      }
      let link =
        "\"<a target=\"\"_blank\"\" href=\"\"https://huggingface.co/\(model)\"\">\(model)</a>\""
      text += "x,\(link),50,\(model)," + cells.joined(separator: ",")
      text += "," + (sizes[row].isNaN ? "" : "\(sizes[row])") + "\n"
    }
    let read = try ExternalResults.table(
      leaderboard: Array(text.utf8), family: nil, provenance: "board.csv")
    #expect(read.table.models == paper.models)
    #expect(
      try read.table.numbers(ScoreTable.sizeColumn).elementsEqual(sizes) { a, b in
        a == b || (a.isNaN && b.isNaN)
      })
    for (column, _) in names {
      let original = try paper.numbers(column)
      let back = try read.table.numbers(column)
      for row in 0..<paper.rowCount {
        #expect(
          (original[row].isNaN && back[row].isNaN) || abs(original[row] - back[row]) < 1e-12,
          "\(paper.models[row]) \(column)")
      }
    }
    #expect(try read.table.numbers("XWinograd").allSatisfy(\.isNaN))
    #expect(
      read.findings.contains(.columnMissing(column: "HumanEval", source: "the leaderboard table")))
    #expect(ExternalResults.looksLikeLeaderboard(columnNames: ["Model"] + names.map(\.1)))
    #expect(!ExternalResults.looksLikeLeaderboard(columnNames: paper.columnNames))
  }

  @Test func keepsTheFirstRowOfAModelListedTwiceAndReadsLinkedNames() throws {
    let text = """
      Model,ARC (25-shot),HellaSwag (10-shot),MMLU (5-shot),GSM8K
      "<a href=""https://huggingface.co/org/a"">org/a</a>  <a>📑</a>",53,78.5,46,
      org/b,40,70,35,12.5
      org/a,54,79,47,3
      """
    let read = try ExternalResults.table(
      leaderboard: Array(text.utf8), family: "Board", provenance: nil)
    #expect(read.table.models == ["org/a", "org/b"])
    #expect(try read.table.numbers("ARC-C") == [0.53, 0.4])
    #expect(try read.table.numbers("GSM8K")[1] == 0.125)
    #expect(read.findings.contains(.duplicateRows(model: "org/a", kept: 2, dropped: [4])))
    #expect(read.findings.contains(.cellsMissing(column: "GSM8K", models: ["org/a"])))
    #expect(
      read.findings.contains(.columnMissing(column: "Winograd", source: "the leaderboard table")))
  }

  @Test func refusesScoresOffTheLeaderboardScale() {
    let outside = "Model,ARC,HellaSwag,MMLU\norg/a,53,101.5,46\n"
    #expect(
      throws: ScalingLawsError.leaderboardCellOutOfRange(
        value: "101.5", columnName: "HellaSwag", line: 2, column: 10)
    ) { try ExternalResults.table(leaderboard: Array(outside.utf8), family: nil, provenance: nil) }
    let fractions = "Model,ARC,HellaSwag,MMLU\norg/a,0.53,0.78,0.46\norg/b,0.4,0.7,0.35\n"
    #expect(
      throws: ScalingLawsError.leaderboardLooksFractional(columnName: "MMLU", largest: 0.46)
    ) {
      try ExternalResults.table(leaderboard: Array(fractions.utf8), family: nil, provenance: nil)
    }
    let noModel = "name,ARC\norg/a,50\n"
    #expect(throws: ScalingLawsError.self) {
      try ExternalResults.table(leaderboard: Array(noModel.utf8), family: nil, provenance: nil)
    }
  }
}
