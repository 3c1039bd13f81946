extension ScoreTable {
  /// Returns the table with columns renamed (`old → new`), in place and in order.
  ///
  /// - Throws: `.unknownColumn` (with the closest name) for an `old` the table lacks,
  ///   `.duplicateColumnName` when two columns would share a name, and
  ///   `.missingRequiredColumn` when `Model` is renamed away.
  public func renaming(_ renamings: [(from: String, to: String)]) throws -> ScoreTable {
    var columns = self.columns
    for (from, to) in renamings {
      guard let index = columns.firstIndex(where: { $0.name == from }) else {
        throw ScalingLawsError.unknownColumn(
          name: from, suggestion: Suggestion.closest(to: from, among: columns.map(\.name)))
      }
      columns[index].name = to
    }
    var seen: Set<String> = []
    for column in columns where !seen.insert(column.name).inserted {
      throw ScalingLawsError.duplicateColumnName(name: column.name)
    }
    return try ScoreTable(columns: columns, key: key, provenance: provenance)
  }

  /// Returns the table without the columns `names`.
  ///
  /// - Throws: `.unknownColumn` (with the closest name) for a name the table lacks, and
  ///   `.missingRequiredColumn` when `Model` is among them.
  public func dropping(_ names: [String]) throws -> ScoreTable {
    for name in names where !hasColumn(name) {
      throw ScalingLawsError.unknownColumn(
        name: name, suggestion: Suggestion.closest(to: name, among: columnNames))
    }
    let dropped = Set(names)
    return try ScoreTable(
      columns: columns.filter { !dropped.contains($0.name) }, provenance: provenance)
  }

  /// Returns the first `rows` rows and the columns `names` (`Model` first, always).
  ///
  /// - Throws: `.unknownColumn` for a name the table lacks.
  public func head(_ rows: Int, columns names: [String]) throws -> ScoreTable {
    for name in names where !hasColumn(name) {
      throw ScalingLawsError.unknownColumn(
        name: name, suggestion: Suggestion.closest(to: name, among: columnNames))
    }
    let kept = [key] + names.filter { $0 != key }
    let chosen = kept.compactMap { name in columns.first { $0.name == name } }
    return try ScoreTable(columns: chosen, key: key, provenance: provenance).selecting(
      rows: Array(0..<min(max(rows, 0), rowCount)))
  }
}
