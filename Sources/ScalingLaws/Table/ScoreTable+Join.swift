extension ScoreTable {
  /// Inner-joins `other` on its key (`Model` for tables of models), keeping this table's row
  /// order and its columns first.
  ///
  /// When `other` is keyed by another column this table also has (a result by family, keyed
  /// by `Model Family`), each row takes the other table's row whose key is its value in that
  /// column: many models to one family.
  ///
  /// Rows whose key is absent from the other table are dropped and listed in the report, for
  /// both sides, so that a misspelt id never disappears silently. The provenance of this table
  /// is kept.
  ///
  /// - Throws: `.joinColumnClash` when both tables have a column of the same name other than
  ///   the key; `.missingRequiredColumn` when this table lacks a text column named as the
  ///   other's key; `.joinHasNoMatches` when no row matches.
  public func innerJoined(with other: ScoreTable) throws -> JoinResult {
    let otherColumns = other.columns.filter { $0.name != other.key }
    for column in otherColumns where hasColumn(column.name) {
      throw ScalingLawsError.joinColumnClash(name: column.name)
    }
    let keys: [String]
    if other.key == key {
      keys = models
    } else if case .text(let cells)? = columns.first(where: { $0.name == other.key })?.values {
      keys = cells
    } else {
      throw ScalingLawsError.missingRequiredColumn(name: other.key, available: columnNames)
    }
    let otherIndex = other.rowIndexByModel()
    var leftRows: [Int] = []
    var rightRows: [Int] = []
    var unmatchedLeft: [String] = []
    let names = models
    for (row, value) in keys.enumerated() {
      if let match = otherIndex[value] {
        leftRows.append(row)
        rightRows.append(match)
      } else {
        unmatchedLeft.append(names[row])
      }
    }
    guard !leftRows.isEmpty else {
      throw ScalingLawsError.joinHasNoMatches(leftRows: rowCount, rightRows: other.rowCount)
    }
    let matched = Set(rightRows)
    let unmatchedRight = other.models.enumerated().filter { !matched.contains($0.offset) }.map(
      \.element)
    var joined = selecting(rows: leftRows)
    for column in otherColumns {
      joined = try joined.setting(column.selecting(rows: rightRows))
    }
    return JoinResult(table: joined, unmatchedLeft: unmatchedLeft, unmatchedRight: unmatchedRight)
  }
}

/// The outcome of an inner join: the joined table and the model ids that found no partner.
public struct JoinResult: Equatable, Sendable {
  /// The joined rows.
  public var table: ScoreTable
  /// Models of the left table missing from the right one, in the left table's order.
  public var unmatchedLeft: [String]
  /// Models of the right table missing from the left one, in the right table's order.
  public var unmatchedRight: [String]
}
