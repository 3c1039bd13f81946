import ScalingLaws
import Testing

/// Joins, filters and column look-ups.
struct ScoreTableTests {
  /// A small base table.
  static let base = """
    Model,Model Family,FLOPs (1E21),MMLU
    org/a-1b,A,1,0.3
    org/a-7b,A,7,0.5
    org/b-2b,B,,0.4
    org/c-9b,C,90,0.6

    """

  @Test func innerJoinReportsUnmatchedNames() throws {
    let left = try ScoreTable(csv: bytes(Self.base))
    let right = try ScoreTable(csv: bytes("Model,task\norg/a-7b,0.9\norg/zz,0.1\norg/a-1b,0.2\n"))
    let join = try left.innerJoined(with: right)
    #expect(join.table.models == ["org/a-1b", "org/a-7b"])
    #expect(try join.table.numbers("task") == [0.2, 0.9])
    #expect(join.unmatchedLeft == ["org/b-2b", "org/c-9b"])
    #expect(join.unmatchedRight == ["org/zz"])
  }

  @Test func joinErrors() throws {
    let left = try ScoreTable(csv: bytes(Self.base))
    let clash = try ScoreTable(csv: bytes("Model,MMLU\norg/a-1b,0.1\n"))
    #expect(thrownError { try left.innerJoined(with: clash) } == .joinColumnClash(name: "MMLU"))
    let disjoint = try ScoreTable(csv: bytes("Model,task\nx,0.1\n"))
    #expect(
      thrownError { try left.innerJoined(with: disjoint) }
        == .joinHasNoMatches(leftRows: 4, rightRows: 1))
  }

  @Test(
    arguments: [
      ("family in", RowFilter.familyIn(["A"]), ["org/a-1b", "org/a-7b"]),
      ("family not in", .familyNotIn(["A"]), ["org/b-2b", "org/c-9b"]),
      ("model not in (short name)", .modelNotIn(["a-1b", "org/c-9b"]), ["org/a-7b", "org/b-2b"]),
      (
        "compare skips missing", .compare(column: "FLOPs (1E21)", .lessOrEqual, 84),
        ["org/a-1b", "org/a-7b"]
      ),
      (
        "not compare keeps missing", .not(.compare(column: "FLOPs (1E21)", .lessOrEqual, 84)),
        ["org/b-2b", "org/c-9b"]
      ),
      (
        "any", .any([.familyIn(["C"]), .compare(column: "MMLU", .less, 0.35)]),
        ["org/a-1b", "org/c-9b"]
      ),
      ("all", .all([.familyIn(["A"]), .compare(column: "MMLU", .greater, 0.35)]), ["org/a-7b"]),
    ] as [(String, RowFilter, [String])])
  func filters(_ name: String, _ filter: RowFilter, _ expected: [String]) throws {
    let table = try ScoreTable(csv: bytes(Self.base))
    #expect(try table.filtered(by: filter).models == expected, "\(name)")
  }

  @Test func unknownNamesSuggestTheClosest() throws {
    let table = try ScoreTable(csv: bytes(Self.base))
    #expect(
      thrownError { try table.numbers("mmlu") } == .unknownColumn(name: "mmlu", suggestion: "MMLU"))
    #expect(
      thrownError { try table.numbers("FLOPS") }
        == .unknownColumn(name: "FLOPS", suggestion: "FLOPs (1E21)"))
    #expect(
      thrownError { try table.mask(.familyIn(["a"])) } == .unknownFamily(name: "a", suggestion: "A")
    )
    #expect(
      thrownError { try table.mask(.modelIn(["a-7"])) }
        == .unknownModel(name: "a-7", suggestion: "a-7b"))
    #expect(
      thrownError { try table.filtered(by: .familyIn([])) } == .noRowsLeft(operation: "filter"))
    #expect(
      ScalingLawsError.unknownColumn(name: "GSM8k", suggestion: "GSM8K").description
        == "unknown column 'GSM8k' (did you mean 'GSM8K'?)")
  }

  /// Any table saved as CSV loads back equal: text with commas, quotes, line breaks of every
  /// kind ("\r\n" is one Character), edge spaces and non-ASCII; numbers with every bit.
  @Test func anyTableSavedLoadsBackEqual() throws {
    var random = SplitMix64(seed: 7)
    let pieces = [
      "a", "B", ",", "\"", "\r\n", "\n", "\r", " ", "\t", "\u{00A0}", "é", "日", "🙂", "x y", "—",
    ]
    for _ in 0..<200 {
      let rows = 1 + Int(random.next() % 6)
      let models = (0..<rows).map { row in
        "m\(row)"
          + (0..<Int(random.next() % 4)).map { _ in pieces[Int(random.next() % 15)] }
          .joined()
      }
      let note = (0..<rows).map { _ in
        "t" + (0..<Int(random.next() % 5)).map { _ in pieces[Int(random.next() % 15)] }.joined()
      }
      let numbers = (0..<rows).map { _ -> Double in
        random.next() % 5 == 0
          ? .nan
          : Double(bitPattern: random.next() & 0x3FEF_FFFF_FFFF_FFFF)
            * (random.next() % 2 == 0 ? 1 : -1)
      }
      let table = try ScoreTable(
        columns: [
          .text(ScoreTable.modelColumn, models), .text("note, with comma", note),
          .numbers("MMLU", numbers),
        ])
      let back = try ScoreTable(csv: CSVWriter.write(table))
      #expect(back.models == table.models)
      #expect(try back.column(named: "note, with comma").values == .text(note))
      #expect(
        try back.numbers("MMLU").elementsEqual(numbers) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }
  }
}

/// "Did you mean": only a guess a person would accept.
struct SuggestionTests {
  @Test func suggestsCloseNamesOnly() {
    #expect(
      Suggestion.closest(to: "emergent_tsk", among: ["emergent_task", "MMLU"]) == "emergent_task")
    #expect(Suggestion.closest(to: "mmlu", among: ["MMLU", "GSM8K"]) == "MMLU")
    #expect(Suggestion.closest(to: "Atlas-71B", among: ["Atlas-70B"]) == "Atlas-70B")
    // Another version or size is another model.
    #expect(Suggestion.closest(to: "Llama-2-7B", among: ["llama-7b"]) == nil)
    #expect(Suggestion.closest(to: "pythia-1b", among: ["pythia-12b"]) == nil)
    // Short names need to be nearly the same.
    #expect(Suggestion.closest(to: "b1", among: ["g"]) == nil)
    #expect(Suggestion.closest(to: "fb", among: ["f"]) == "f")
  }
}
