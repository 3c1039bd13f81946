import Testing

@testable import JupyterProtocol

/// history_request: tail, range, search with globs, unique and n.
struct HistoryTests {
  static var history: History {
    var history = History()
    for (line, input) in ["d = load demo", "describe d", "3", "\"hello\"", "3", "\"hello\""]
      .enumerated()
    {
      history.append(line: line + 1, input: input, output: input == "3" ? "3" : nil)
    }
    return history
  }

  @Test(arguments: [
    ("1?2*", "1+2", true), ("1?2*", "1+", false), ("*", "", true), ("a*b", "aXXb", true),
    ("a*b", "aXXc", false),
    ("\"hel*", "\"hello\"", true), ("?", "é", true), ("*d*", "describe d", true),
    ("x", "xx", false),
  ])
  func globs(_ pattern: String, _ text: String, _ matches: Bool) {
    #expect(History.glob(Array(pattern), matches: Array(text)) == matches)
  }

  @Test func tailRangeAndSearch() {
    let history = HistoryTests.history
    #expect(history.select(["hist_access_type": "tail", "n": 2]).map(\.line) == [5, 6])
    #expect(
      history.select(["hist_access_type": "range", "session": 1, "start": 2, "stop": 4]).map(\.line)
        == [2, 3])
    #expect(
      history.select(["hist_access_type": "range", "session": 0, "start": 5]).map(\.line) == [5, 6])
    #expect(history.select(["hist_access_type": "range", "session": 7, "start": 1]).isEmpty)
    #expect(
      history.select(["hist_access_type": "search", "pattern": "\"hel*"]).map(\.line) == [4, 6])
    #expect(
      history.select(["hist_access_type": "search", "pattern": "*", "unique": true]).map(\.line)
        == [1, 2, 5, 6])
    #expect(
      history.select(["hist_access_type": "search", "pattern": "*", "n": 3]).map(\.line) == [
        4, 5, 6,
      ])
    #expect(history.select(["hist_access_type": "bogus"]).isEmpty)
  }

  @Test func onlyRecentCellsKeepTheirOutput() {
    var history = History()
    for line in 1...(History.outputsKept + 50) {
      history.append(line: line, input: "x", output: String(repeating: "o", count: 1000))
    }
    #expect(history.entries.count == History.outputsKept + 50, "every input is kept")
    #expect(history.entries.filter { $0.output != nil }.count == History.outputsKept)
    #expect(history.entries.last?.output != nil && history.entries.first?.output == nil)
  }

  @Test func aLongSessionKeepsItsLatestCells() {
    var history = History()
    let total = History.cellsKept + 2500
    for line in 1...total { history.append(line: line, input: "cell \(line)", output: nil) }
    #expect(history.entries.count <= History.cellsKept + 1000)
    #expect(history.entries.count >= History.cellsKept)
    #expect(history.entries.last?.line == total, "the newest cell is kept")
    #expect(
      history.select(["hist_access_type": "tail", "n": 3]).map(\.line) == [
        total - 2, total - 1, total,
      ])
  }

  @Test func repliesWithOrWithoutOutput() {
    let history = HistoryTests.history
    #expect(history.reply(["hist_access_type": "tail", "n": 1]) == [[1, 6, "\"hello\""]])
    #expect(
      history.reply(["hist_access_type": "tail", "n": 1, "output": true]) == [
        [1, 6, ["\"hello\"", nil]]
      ])
    #expect(
      history.reply(["hist_access_type": "tail", "n": 1, "output": true, "raw": true]) == [
        [1, 6, ["\"hello\"", nil]]
      ])
    #expect(
      history.reply(["hist_access_type": "range", "start": 3, "stop": 4, "output": true]) == [
        [1, 3, ["3", "3"]]
      ])
  }
}
