internal import ScalingLaws

/// Completion candidates for the word before a cursor, from the language and the session:
/// statements, option names, bound names, columns, families and file paths inside strings.
public struct Completion: Equatable, Sendable {
  /// Where the word being completed starts, as a character offset into the text.
  public var start: Int
  /// The candidates, each a full replacement of the word, sorted.
  public var candidates: [String]

  /// Computes the candidates for the text before `cursor` (a character offset).
  public static func candidates(_ text: String, cursor: Int, session: Session) -> Completion {
    let before = Array(text.prefix(cursor))
    // Inside a string: complete a file path.
    let quotes = before.filter { $0 == "\"" }.count
    if quotes % 2 == 1, let open = before.lastIndex(of: "\"") {
      let typed = String(before[(open + 1)...])
      return Completion(start: open + 1, candidates: paths(typed, session: session))
    }
    // Inside backticks: complete a column name.
    let ticks = before.filter { $0 == "`" }.count
    if ticks % 2 == 1, let open = before.lastIndex(of: "`") {
      let typed = String(before[(open + 1)...])
      return Completion(start: open, candidates: columns(of: session).filter { $0.hasPrefix(typed) }.map { "`\($0)`" })
    }
    var start = before.count
    while start > 0, Lexer.isWordCharacter(before[start - 1]) { start -= 1 }
    let typed = String(before[start...])
    let line = String(before[..<start])
    // The statement the cursor is in: the last line, with the lines it continues.
    var lines = line.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var statementText = lines.removeLast()
    while !lines.isEmpty, case .incomplete = InputCompleteness.check(lines.joined(separator: "\n")) {
      statementText = lines.removeLast() + " " + statementText
    }
    let words = statementText.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    var pool: [String] = []
    let afterBinding = words.count == 2 && words[1] == "="
    if words.isEmpty || afterBinding {
      pool = StatementCatalog.keywords + Array(session.values.keys)
    } else {
      let keyword = words.first == nil ? nil : (words.count >= 3 && words[1] == "=" ? words[2] : words[0])
      if let keyword, let info = StatementCatalog.info(keyword) {
        pool += info.options.map { $0.name + " =" }
        if keyword == "help" { pool += StatementCatalog.keywords }
        if keyword == "fit" { pool += ["pc(", "log(flops)", "log(size)"] }
        if keyword == "filter" { pool += ["where", "family in [", "model in [", "has", "and", "or", "not"] }
        if keyword == "save" { pool += ["to"] }
        if keyword == "load" { pool += ["demo"] }
      }
      pool += Array(session.values.keys) + families(of: session)
      pool += columns(of: session).map { name in name.contains(where: { !Lexer.isWordCharacter($0) }) ? "`\(name)`" : name }
      pool += ["none", "yes", "no", "cutoff(", "rank(", "random(", "holdout(", "subset(", "huber", "squares", "minmax(", "logit", "exhaustive", "greedy"]
      pool += LawForm.allCases.map(\.rawValue)
    }
    let matches = Set(pool.filter { $0.hasPrefix(typed) && $0 != typed || (typed.isEmpty && !$0.isEmpty) })
    return Completion(start: start, candidates: matches.sorted())
  }

  /// Every column name of every table in the session.
  private static func columns(of session: Session) -> [String] {
    var names: Set<String> = []
    for case .table(let table) in session.values.values { names.formUnion(table.columnNames) }
    return names.sorted()
  }

  /// Every family of every table in the session.
  private static func families(of session: Session) -> [String] {
    var names: Set<String> = []
    for case .table(let table) in session.values.values { names.formUnion(table.familyNames) }
    return names.sorted()
  }

  /// Files and folders that start with `typed`, relative to the session's folders.
  private static func paths(_ typed: String, session: Session) -> [String] {
    let slash = typed.lastIndex(of: "/")
    let folderPart = slash.map { String(typed[...$0]) } ?? ""
    let namePart = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
    let roots = typed.hasPrefix("/") ? [""] : [session.directory ?? "."] + session.searchPath
    var found: Set<String> = []
    for root in roots {
      let subfolder = folderPart.count > 1 ? String(folderPart.dropLast()) : folderPart
      let folder = folderPart.isEmpty ? root : (root.isEmpty ? subfolder : joinPath(root, subfolder))
      for name in session.files.list(folder) where name.hasPrefix(namePart) && !name.hasPrefix(".") {
        let full = joinPath(folder, name)
        found.insert(folderPart + name + (session.files.isDirectory(full) ? "/" : ""))
      }
    }
    return found.sorted()
  }
}
