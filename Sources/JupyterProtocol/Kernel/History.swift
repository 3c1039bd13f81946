internal import ObscaleJSON

/// The inputs (and result text) of the cells run in this kernel process, answering
/// `history_request` (`tail`, `range`, `search`).
///
/// History lives in memory for the life of the kernel and is numbered session 1, lines by
/// execution count; unlike IPython it is not kept in a database across restarts. The last
/// `cellsKept` inputs are kept, and the result text of the last `outputsKept`.
struct History: Sendable {
  /// One cell.
  struct Entry: Sendable, Equatable {
    /// The session number (always `History.session`).
    var session: Int
    /// The cell's execution count.
    var line: Int
    /// The code.
    var input: String
    /// The plain text of its result, if it had one.
    var output: String?
  }

  /// The session number of this kernel's cells.
  static let session = 1
  /// The cells, oldest first.
  private(set) var entries: [Entry] = []

  /// How many of the most recent cells keep their output text; older ones answer `null`
  /// (IPython does not store outputs in its history at all by default).
  static let outputsKept = 200
  /// How many of the most recent cells are kept at all, so that a kernel's memory stays flat
  /// however long it runs (IPython keeps its history on disk instead). Older cells are
  /// forgotten a thousand at a time.
  static let cellsKept = 10_000

  /// Records a cell.
  mutating func append(line: Int, input: String, output: String?) {
    entries.append(Entry(session: History.session, line: line, input: input, output: output))
    let old = entries.count - History.outputsKept - 1
    if old >= 0 { entries[old].output = nil }
    if entries.count > History.cellsKept + 1000 {
      entries.removeFirst(entries.count - History.cellsKept)
    }
  }

  /// The entries a `history_request` with `content` asks for, oldest first.
  func select(_ content: JSON) -> [Entry] {
    let n = content["n"]?.intValue
    switch content["hist_access_type"]?.stringValue ?? "tail" {
    case "tail":
      return Array(entries.suffix(max(0, n ?? 10)))
    case "range":
      // Session 0 or below counts back from the current one (IPython); only 0 and 1 exist.
      let asked = content["session"]?.intValue ?? 0
      guard asked == 0 || asked == History.session else { return [] }
      let start = content["start"]?.intValue ?? 1
      let stop = content["stop"]?.intValue
      return entries.filter { entry in entry.line >= start && (stop.map { entry.line < $0 } ?? true)
      }
    case "search":
      let pattern = Array(content["pattern"]?.stringValue ?? "*")
      var found = entries.filter { History.glob(pattern, matches: Array($0.input)) }
      if content["unique"]?.boolValue == true {
        var seen = Set<String>()
        found = found.reversed().filter { seen.insert($0.input).inserted }.reversed()
      }
      if let n { found = Array(found.suffix(max(0, n))) }
      return found
    default:
      return []
    }
  }

  /// The `history` array of a reply: `[session, line, input]`, or with `output`,
  /// `[session, line, [input, output]]`.
  func reply(_ content: JSON) -> JSON {
    let withOutput = content["output"]?.boolValue ?? false
    return .array(
      select(content).map { entry in
        let item: JSON =
          withOutput
          ? .array([.string(entry.input), entry.output.map(JSON.string) ?? .null])
          : .string(entry.input)
        return .array([.integer(Int64(entry.session)), .integer(Int64(entry.line)), item])
      })
  }

  /// Whether `text` matches the glob `pattern` (`*` any run, `?` one character), whole.
  static func glob(_ pattern: [Character], matches text: [Character]) -> Bool {
    var p = 0
    var t = 0
    var star = -1
    var mark = 0
    while t < text.count {
      if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
        p += 1
        t += 1
      } else if p < pattern.count, pattern[p] == "*" {
        star = p
        mark = t
        p += 1
      } else if star >= 0 {
        p = star + 1
        mark += 1
        t = mark
      } else {
        return false
      }
    }
    while p < pattern.count, pattern[p] == "*" { p += 1 }
    return p == pattern.count
  }
}
