extension ExternalResults {
  /// The header names, lower case, that hold the model id, in order of preference: the
  /// leaderboard's exports carry the plain id in `fullname` and a link in `Model`.
  static let modelHeaders = ["fullname", "model", "model_name", "model name"]
  /// The header of the parameter count, in billions.
  static let parametersHeader = "#params (b)"

  /// Reads an Open LLM Leaderboard (v1) table: a model column, the six benchmark columns on
  /// a 0–100 scale (`ARC`, `HellaSwag`, `MMLU`, `TruthfulQA`, `Winogrande`, `GSM8K`, with or
  /// without a `(25-shot)`-style suffix), and `#Params (B)` when present. Scores are divided by
  /// 100 into the paper's columns; XWinograd and HumanEval, which the leaderboard does not
  /// have, are left empty (the fit's imputer fills them); other columns are left out. A model
  /// listed twice keeps its first row. A link in the model cell (`<a …>org/name</a>`) is
  /// reduced to its text.
  ///
  /// With `fraction`, the scores are taken to be in [0, 1] already and kept as they are.
  ///
  /// - Throws: CSV errors with their position; `.missingRequiredColumn` without a model column
  ///   or without any benchmark column; `.leaderboardColumnsRepeat` for two columns of one
  ///   benchmark (`ARC` and `ARC (25-shot)`); `.leaderboardColumnEmpty` for a benchmark column
  ///   without a number; `.leaderboardCellOutOfRange` for a score outside the scale;
  ///   `.leaderboardLooksFractional` when, on the 0–100 scale, every score of every benchmark
  ///   column is at most 1 (the table is judged as a whole: small models' GSM8K may lie below
  ///   1% on its own).
  public static func table(
    leaderboard bytes: [UInt8], family: String?, provenance: String?, fraction: Bool = false
  ) throws -> ExternalTable {
    let document = try CSVParser.parse(bytes)
    guard !document.records.isEmpty else {
      throw ScalingLawsError.csvHeaderOnly(columns: document.header.count)
    }
    let names = try document.header.map {
      try document.text(of: $0).trimmed(where: isSpace)
    }
    let keys = names.map { leaderboardKey($0) }
    guard
      let modelIndex = modelHeaders.lazy.compactMap({ header in
        names.firstIndex { $0.lowercased() == header }
      }).first
    else {
      throw ScalingLawsError.missingRequiredColumn(name: "Model (or fullname)", available: names)
    }
    // Rows, first occurrence of each model kept.
    var models: [String] = []
    var rowOf: [String: Int] = [:]
    var kept: [Int] = []
    var duplicates: [String: (kept: Int, dropped: [Int])] = [:]
    var duplicateOrder: [String] = []
    for (index, record) in document.records.enumerated() {
      let model = modelID(try document.text(of: record[modelIndex]))
      guard !model.isEmpty else { throw ScalingLawsError.emptyModelName(row: index + 1) }
      if let first = rowOf[model] {
        if duplicates[model] == nil {
          duplicateOrder.append(model)
          duplicates[model] = (document.records[first][modelIndex].line, [])
        }
        duplicates[model]?.dropped.append(record[modelIndex].line)
        continue
      }
      rowOf[model] = index
      models.append(model)
      kept.append(index)
    }
    var columns: [ScoreColumn] = [.text(ScoreTable.modelColumn, models)]
    if let family { columns.append(.text(ScoreTable.familyColumn, models.map { _ in family })) }
    if let index = names.firstIndex(where: { $0.lowercased() == parametersHeader }) {
      let sizes = try kept.map { row -> Double in
        let field = document.records[row][index]
        switch NumberReading(document.bytes, field.start, field.end) {
        case .number(let value): return value > 0 ? value : .nan
        case .missing: return .nan
        case .notANumber, .nonFinite:
          throw ScalingLawsError.nonNumericCell(
            value: try document.text(of: field), columnName: names[index], line: field.line,
            column: document.column(of: field))
        }
      }
      columns.append(.numbers(ScoreTable.sizeColumn, sizes))
    }
    var findings: [ExternalFinding] = []
    var found = 0
    let scale = fraction ? 1.0 : 100.0
    var largest = 0.0
    var largestColumn = ""
    for benchmark in PaperBenchmark.all {
      let indices =
        benchmark.leaderboardName.map { key in
          keys.indices.filter { keys[$0] == key }
        } ?? []
      if indices.count > 1 {
        throw ScalingLawsError.leaderboardColumnsRepeat(
          benchmark: benchmark.column, first: names[indices[0]], second: names[indices[1]])
      }
      guard let index = indices.first else {
        columns.append(.numbers(benchmark.column, [Double](repeating: .nan, count: kept.count)))
        findings.append(.columnMissing(column: benchmark.column, source: "the leaderboard table"))
        continue
      }
      found += 1
      var values: [Double] = []
      var lacking: [String] = []
      for (position, row) in kept.enumerated() {
        let field = document.records[row][index]
        switch NumberReading(document.bytes, field.start, field.end) {
        case .number(let value):
          guard (0...scale).contains(value) else {
            throw ScalingLawsError.leaderboardCellOutOfRange(
              value: try document.text(of: field), columnName: names[index], line: field.line,
              column: document.column(of: field),
              scale: fraction ? "0–1 (scale = fraction)" : "0–100")
          }
          values.append(value / scale)
          if value > largest {
            largest = value
            largestColumn = names[index]
          }
        case .missing:
          values.append(.nan)
          lacking.append(models[position])
        case .notANumber, .nonFinite:
          throw ScalingLawsError.nonNumericCell(
            value: try document.text(of: field), columnName: names[index], line: field.line,
            column: document.column(of: field))
        }
      }
      guard lacking.count < kept.count else {
        throw ScalingLawsError.leaderboardColumnEmpty(columnName: names[index])
      }
      columns.append(.numbers(benchmark.column, values))
      if !lacking.isEmpty {
        findings.append(.cellsMissing(column: benchmark.column, models: lacking))
      }
    }
    if !fraction, found > 0, largest <= 1 {
      throw ScalingLawsError.leaderboardLooksFractional(columnName: largestColumn, largest: largest)
    }
    guard found > 0 else {
      throw ScalingLawsError.missingRequiredColumn(
        name: "ARC, HellaSwag, MMLU, TruthfulQA, Winogrande or GSM8K", available: names)
    }
    for model in duplicateOrder {
      if let entry = duplicates[model] {
        findings.append(.duplicateRows(model: model, kept: entry.kept, dropped: entry.dropped))
      }
    }
    return ExternalTable(
      table: try ScoreTable(columns: columns, provenance: provenance), findings: findings)
  }

  /// Whether a table with these columns looks like a leaderboard table rather than one in the
  /// paper's columns: neither `ARC-C` nor `Winograd` (the names the two differ in), at least
  /// three of the leaderboard's benchmark columns, and one that only the leaderboard has (`ARC`,
  /// `Winogrande`, `fullname` or `#Params (B)`).
  public static func looksLikeLeaderboard(columnNames: [String]) -> Bool {
    guard !columnNames.contains("ARC-C"), !columnNames.contains("Winograd") else { return false }
    let keys = Set(columnNames.map(leaderboardKey))
    let lower = Set(columnNames.map { $0.lowercased() })
    let own =
      keys.contains("arc") || keys.contains("winogrande") || lower.contains("fullname")
      || lower.contains(parametersHeader)
    return own && PaperBenchmark.all.compactMap(\.leaderboardName).filter(keys.contains).count >= 3
  }

  /// Whether the CSV text's header looks like a leaderboard table's (see
  /// `looksLikeLeaderboard(columnNames:)`); false for text that does not parse.
  public static func looksLikeLeaderboard(csv bytes: [UInt8]) -> Bool {
    guard let document = try? CSVParser.parse(bytes),
      let names = try? document.header.map({ try document.text(of: $0).trimmed(where: isSpace) })
    else { return false }
    return looksLikeLeaderboard(columnNames: names)
  }

  /// A header reduced to the name before any parenthesis, lower case, without spaces.
  static func leaderboardKey(_ header: String) -> String {
    let head = header.split(separator: "(", maxSplits: 1, omittingEmptySubsequences: false)[0]
    return String(head.lowercased().filter { $0.isLetter || $0.isNumber })
  }

  /// The model id of a cell: its text without markup, up to the first space.
  static func modelID(_ cell: String) -> String {
    var text = ""
    var inTag = false
    for character in cell {
      if character == "<" {
        inTag = true
      } else if character == ">" {
        inTag = false
      } else if !inTag {
        text.append(character)
      }
    }
    return text.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
  }
}
