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
    // The two columns the harness run lacks, and MMLU read from its group row for want of
    // the subjects.
    #expect(
      read.findings == [
        .groupRowUsed(column: "MMLU", task: "mmlu", subtasks: 0, expected: 57, models: ["org/a"]),
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

  /// The 57 subjects with values 0.20, 0.21, …, and their unweighted mean.
  static func subjects(_ run: inout HarnessRun, shots: Int = 5) -> Double {
    var sum = 0.0
    for (index, subject) in PaperBenchmark.mmluSubjects.enumerated() {
      let value = 0.2 + Double(index) / 100
      run.results["mmlu_" + subject] = ["acc,none": value, "acc_stderr,none": 0.01]
      run.shots["mmlu_" + subject] = shots
      sum += value
    }
    return sum / 57
  }

  @Test func mmluIsTheUnweightedMeanOfItsFiftySevenSubjectsBeforeTheGroupRow() throws {
    #expect(PaperBenchmark.mmluSubjects.count == 57)
    #expect(Set(PaperBenchmark.mmluSubjects).count == 57)
    var run = Self.protocolRun("org/a")
    let mean = Self.subjects(&run)
    // The group row, weighted by question count, and harness 0.4.0's 0-shot on the group.
    run.results["mmlu"] = ["acc,none": 0.4]
    run.shots["mmlu"] = 0
    run.results["mmlu_stem"] = ["acc,none": 0.99]
    let read = try ExternalResults.table(harness: [run], family: nil)
    #expect(abs(try read.table.numbers("MMLU")[0] - mean) < 1e-15)
    // The subjects' count (5) is the one checked, not the group's recorded 0.
    #expect(!read.findings.contains { $0.description.contains("0-shot") })
    #expect(!read.findings.contains { $0.description.contains("weighted by question count") })
  }

  @Test func theGroupRowStandsInOnlyWithoutTheSubjectsAndSaysSo() throws {
    var run = Self.protocolRun("org/a")
    run.results["mmlu_anatomy"] = ["acc,none": 0.3]
    let read = try ExternalResults.table(harness: [run], family: nil)
    #expect(try read.table.numbers("MMLU") == [0.45])
    #expect(
      read.findings.contains(
        .groupRowUsed(column: "MMLU", task: "mmlu", subtasks: 1, expected: 57, models: ["org/a"])))
  }

  @Test func someSubjectsWithoutAGroupRowAreNotAMeanAndOtherMMLUsAreNeverAveraged() throws {
    var run = Self.protocolRun("org/a")
    run.results["mmlu"] = nil
    run.results["mmlu_anatomy"] = ["acc,none": 0.3]
    run.results["mmlu_astronomy"] = ["acc,none": 0.5]
    // MMLU-Pro, a translated MMLU and the FLAN variant are other benchmarks.
    run.results["mmlu_pro_biology"] = ["acc,none": 0.9]
    run.results["mmlu_flan_n_shot_generative_anatomy"] = ["acc,none": 0.9]
    run.results["mmlu_continuation_anatomy"] = ["acc,none": 0.9]
    let read = try ExternalResults.table(harness: [run], family: nil)
    #expect(try read.table.numbers("MMLU")[0].isNaN)
    #expect(
      read.findings.contains(
        .subtasksIncomplete(column: "MMLU", found: 2, expected: 57, models: ["org/a"])))
    var only = HarnessRun(
      model: "org/b", source: "b.json",
      results: ["mmlu_pro_biology": ["acc,none": 0.6], "mmlu_pro_law": ["acc,none": 0.3]],
      shots: [:])
    only.results["arc_challenge"] = ["acc_norm,none": 0.5]
    let other = try ExternalResults.table(harness: [only], family: nil)
    #expect(try other.table.numbers("MMLU")[0].isNaN)
    #expect(
      other.findings.contains(
        .tasksNotRead(count: 2, examples: ["mmlu_pro_biology", "mmlu_pro_law"])))
  }

  @Test func readsTheV03Layout() throws {
    var results: [String: [String: Double]] = [
      "arc_challenge": ["acc": 0.25, "acc_norm": 0.27, "acc_stderr": 0.01],
      "truthfulqa_mc": ["mc1": 0.22, "mc2": 0.38],
      "gsm8k": ["acc": 0.02],
      "lambada_openai": ["ppl": .nan, "acc": 0.6],
    ]
    var sum = 0.0
    for (index, subject) in PaperBenchmark.mmluSubjects.enumerated() {
      results["hendrycksTest-" + subject] = ["acc": Double(index) / 100, "acc_norm": 0.9]
      sum += Double(index) / 100
    }
    let run = HarnessRun(v03: "org/a@step1", source: "a.json", results: results, shots: 5)
    #expect(run.layout == .v03)
    let read = try ExternalResults.table(harness: [run], family: nil)
    #expect(try read.table.numbers("ARC-C") == [0.27])
    #expect(try read.table.numbers("TruthfulQA") == [0.38])
    #expect(try read.table.numbers("GSM8K") == [0.02])
    #expect(abs(try read.table.numbers("MMLU")[0] - sum / 57) < 1e-15)
    #expect(read.findings.contains(.layoutRead(layout: "v0.3", files: 1)))
    #expect(
      read.findings.contains(
        .shotsDiffer(
          column: "ARC-C", task: "arc_challenge", shots: 5, expected: 25, models: ["org/a@step1"])))
    // A perplexity that is NaN is not read, so it is no error.
    #expect(
      read.findings.contains(
        .tasksNotRead(count: 2, examples: ["lambada_openai", "truthfulqa_mc1"])))
  }

  @Test func modelIdsInFindingsShowTheirLineBreaks() {
    let finding = ExternalFinding.cellsMissing(column: "MMLU", models: ["org/a\nFAKE\u{202E}"])
    #expect(finding.description == "MMLU: missing for org/a␊FAKE⟨U+202E⟩; left empty")
  }

  @Test func aNonFiniteValueThatIsReadIsAnError() {
    var run = Self.protocolRun("org/a")
    run.results["winogrande"] = ["acc,none": .infinity]
    #expect(
      throws: ScalingLawsError.harnessValueNotFinite(
        source: "org/a.json", task: "winogrande", metric: "acc,none", value: .infinity)
    ) { try ExternalResults.table(harness: [run], family: nil) }
  }

  @Test func runsOfOtherCheckpointsAndAdaptersAreOtherRows() {
    #expect(
      ExternalResults.runID(
        pretrained: "EleutherAI/pythia-1b",
        arguments: [
          ("pretrained", "EleutherAI/pythia-1b"), ("revision", "step1000"),
          ("batch_size", "16"), ("device", "cuda:0"),
        ]) == "EleutherAI/pythia-1b@step1000")
    #expect(
      ExternalResults.runID(
        pretrained: "meta-llama/Llama-2-7b-hf",
        arguments: [
          ("peft", "org/lora-a"), ("revision", "main"), ("dtype", "bfloat16"),
          ("load_in_4bit", "True"),
        ]) == "meta-llama/Llama-2-7b-hf+load_in_4bit=True+peft=org/lora-a")
    #expect(
      ExternalResults.runID(pretrained: "org/a", arguments: [("parallelize", "True")]) == "org/a")
  }

  @Test func mergesRunsOfOneModelValueByValue() throws {
    let first = Self.protocolRun("org/a", arc: 0.4)
    var second = HarnessRun(
      model: "org/a", source: "b.json", results: ["arc_challenge": ["acc_norm,none": 0.6]],
      shots: ["arc_challenge": 25])
    second.results["humaneval"] = ["pass@1,create_test": 0.12]
    // A later file that lacks a value, or cannot read it, erases nothing.
    let third = HarnessRun(
      model: "org/a", source: "c.json", results: ["hellaswag": ["alias": 0]], shots: [:])
    let read = try ExternalResults.table(
      harness: [first, second, third, Self.protocolRun("org/b")], family: nil)
    #expect(read.table.models == ["org/a", "org/b"])
    #expect(try read.table.numbers("ARC-C") == [0.6, 0.54])
    #expect(try read.table.numbers("HellaSwag") == [0.78, 0.78])
    #expect(try read.table.numbers("HumanEval")[0] == 0.12)
    #expect(read.findings.contains(.runsMerged(model: "org/a", files: 3)))
    #expect(
      read.findings.contains(
        .valuesDiffer(
          model: "org/a", column: "ARC-C", kept: "b.json", keptValue: 0.6, keptShots: 25,
          other: "org/a.json", otherValue: 0.4, otherShots: 25, reason: "the later file")))
    #expect(read.findings.contains(.cellsMissing(column: "HumanEval", models: ["org/b"])))
    #expect(
      !read.findings.contains { if case .metricAbsent = $0 { return true } else { return false } })
  }

  @Test func theProtocolsFewShotCountWinsOverALaterRun() throws {
    let protocolRun = Self.protocolRun("org/a", arc: 0.5)
    let later = HarnessRun(
      model: "org/a", source: "zero.json", results: ["arc_challenge": ["acc_norm,none": 0.45]],
      shots: ["arc_challenge": 0])
    let read = try ExternalResults.table(harness: [protocolRun, later], family: nil)
    #expect(try read.table.numbers("ARC-C") == [0.5])
    #expect(
      read.findings.contains(
        .valuesDiffer(
          model: "org/a", column: "ARC-C", kept: "org/a.json", keptValue: 0.5, keptShots: 25,
          other: "zero.json", otherValue: 0.45, otherShots: 0,
          reason: "run 25-shot as the protocol")))
  }

  @Test func readsTheLeaderboardV2GroupsAndEveryTaskOnRequest() throws {
    let run = HarnessRun(
      model: "org/a", source: "a.json",
      results: [
        "leaderboard": ["acc,none": 0.3],
        "leaderboard_bbh": ["acc_norm,none": 0.41],
        "leaderboard_bbh_navigate": ["acc_norm,none": 0.5],
        "leaderboard_ifeval": [
          "inst_level_strict_acc,none": 0.32, "prompt_level_strict_acc,none": 0.2,
        ],
        "leaderboard_math_hard": ["exact_match,none": 0.01],
        "arc_easy": ["acc,none": 0.7, "acc_norm,none": 0.66, "acc_stderr,none": 0.01],
      ],
      shots: ["leaderboard_bbh": 0, "leaderboard_bbh_navigate": 3, "leaderboard_math_hard": 4])
    let read = try ExternalResults.table(harness: [run], family: nil)
    #expect(try read.table.numbers("leaderboard_bbh") == [0.41])
    #expect(try read.table.numbers("leaderboard_ifeval") == [0.32])
    #expect(try read.table.numbers("leaderboard_math_hard") == [0.01])
    #expect(!read.table.hasColumn("leaderboard_gpqa"))
    // The group's recorded 0 gives way to its subtasks' 3.
    #expect(
      !read.findings.contains {
        $0.description.contains("leaderboard_bbh (leaderboard_bbh) was run")
      })
    #expect(read.findings.contains(.tasksNotRead(count: 1, examples: ["arc_easy"])))
    let all = try ExternalResults.table(harness: [run], family: nil, allTasks: true)
    #expect(try all.table.numbers("arc_easy_acc_norm") == [0.66])
    #expect(try all.table.numbers("leaderboard_bbh_navigate_acc_norm") == [0.5])
    #expect(!all.table.hasColumn("arc_easy_acc_stderr"))
  }

  @Test func filesWithNoBenchmarkAreRefusedNotEmptyRows() {
    let run = HarnessRun(
      model: "org/a", source: "a.json", results: ["piqa": ["acc,none": 0.7]], shots: [:])
    #expect(
      throws: ScalingLawsError.harnessNoBenchmarks(sources: ["a.json"], tasks: ["piqa"])
    ) { try ExternalResults.table(harness: [run], family: nil) }
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

  @Test func judgesTheScaleOnTheWholeTable() throws {
    // Small models: GSM8K below 1% on the 0–100 scale is still on that scale.
    let small = "Model,ARC,HellaSwag,MMLU,GSM8K\norg/a,23,31,25,0.5\norg/b,25,35,26,0.8\n"
    let read = try ExternalResults.table(
      leaderboard: Array(small.utf8), family: nil, provenance: nil)
    #expect(try read.table.numbers("GSM8K") == [0.005, 0.008])
    let twice = "Model,ARC,ARC (25-shot),MMLU\norg/a,23,23,25\n"
    #expect(
      throws: ScalingLawsError.leaderboardColumnsRepeat(
        benchmark: "ARC-C", first: "ARC", second: "ARC (25-shot)")
    ) { try ExternalResults.table(leaderboard: Array(twice.utf8), family: nil, provenance: nil) }
    let empty = "Model,ARC,MMLU\norg/a,23,\norg/b,30,\n"
    #expect(throws: ScalingLawsError.leaderboardColumnEmpty(columnName: "MMLU")) {
      try ExternalResults.table(leaderboard: Array(empty.utf8), family: nil, provenance: nil)
    }
  }

  @Test func refusesScoresOffTheLeaderboardScale() throws {
    let outside = "Model,ARC,HellaSwag,MMLU\norg/a,53,101.5,46\n"
    #expect(
      throws: ScalingLawsError.leaderboardCellOutOfRange(
        value: "101.5", columnName: "HellaSwag", line: 2, column: 10, scale: "0–100")
    ) { try ExternalResults.table(leaderboard: Array(outside.utf8), family: nil, provenance: nil) }
    let fractions = "Model,ARC,HellaSwag,MMLU\norg/a,0.53,0.78,0.46\norg/b,0.4,0.7,0.35\n"
    #expect(
      throws: ScalingLawsError.leaderboardLooksFractional(columnName: "HellaSwag", largest: 0.78)
    ) {
      try ExternalResults.table(leaderboard: Array(fractions.utf8), family: nil, provenance: nil)
    }
    let read = try? ExternalResults.table(
      leaderboard: Array(fractions.utf8), family: nil, provenance: nil, fraction: true)
    #expect(try read?.table.numbers("HellaSwag") == [0.78, 0.7])
    let noModel = "name,ARC\norg/a,50\n"
    #expect(throws: ScalingLawsError.self) {
      try ExternalResults.table(leaderboard: Array(noModel.utf8), family: nil, provenance: nil)
    }
  }
}
