/// How rows are divided into train and test before anything is fitted (algorithm.md §4).
public enum SplitRule: Codable, Equatable, Sendable {
  /// Every row is train.
  case none
  /// Train = rows whose `column` is ≤ the threshold; test = the others, *including rows where
  /// the column is missing*.
  case cutoff(column: String, threshold: Threshold)
  /// Test = the n rows with the largest `column` values (ties in table order) and every row
  /// where it is missing; train = the rest. n counts among the rows with a value (missing
  /// values never rank; algorithm.md §4 sorts them first — docs/ENGINE.md says why not).
  case rank(column: String, test: TestSize)
  /// A seeded permutation (`SplitMix64` + Fisher–Yates); test = its first rows.
  case random(seed: UInt64, test: TestSize)
  /// Test = the rows `filter` keeps; train = the others.
  case holdOut(RowFilter)

  /// Whether the rule is a rank split.
  public var isRank: Bool {
    if case .rank = self { return true }
    return false
  }

  /// The paper's default: `FLOPs (1E21)` ≤ 84, the compute of Llama-2-7B.
  public static let paperDefault: SplitRule = .cutoff(
    column: ScoreTable.flopsColumn, threshold: .absolute(84))
}

/// A cutoff threshold.
public enum Threshold: Codable, Equatable, Sendable {
  /// A value of the column itself.
  case absolute(Double)
  /// min + r · (max − min) over the column's present values, with r in [0, 1].
  case relative(Double)
}

/// How many rows go to test.
public enum TestSize: Codable, Equatable, Sendable {
  /// Exactly n rows.
  case count(Int)
  /// ⌊f · M⌋ rows of M, for 0 < f < 1.
  case fraction(Double)
}

/// A train/test division of a table's rows, as row indices in table order.
public struct Split: Equatable, Sendable {
  /// The rows laws are fitted on.
  public var train: [Int]
  /// The held-out rows.
  public var test: [Int]

  /// Returns, for each of `rowCount` rows, which side it is on.
  public func sides(rowCount: Int) -> [SplitSide] {
    var sides = [SplitSide](repeating: .train, count: rowCount)
    for row in test { sides[row] = .test }
    return sides
  }
}

extension SplitRule {
  /// Divides the rows of `table`.
  ///
  /// - Throws: `.unknownColumn`/`.columnNotNumeric` for the split column; `.invalidParameter`
  ///   for a relative threshold outside [0, 1], a count outside 1..<M or a fraction outside
  ///   (0, 1); `.emptySplit` when a side would be empty. Only train may not be empty for
  ///   `.none`.
  public func apply(to table: ScoreTable) throws -> Split {
    let m = table.rowCount
    let split: Split
    switch self {
    case .none:
      split = Split(train: Array(0..<m), test: [])
    case .cutoff(let column, let threshold):
      let values = try table.numbers(column)
      let limit: Double
      switch threshold {
      case .absolute(let value):
        guard value.isFinite else {
          throw ScalingLawsError.invalidParameter(
            name: "cutoff", value: "\(value)", limit: "a finite number")
        }
        limit = value
      case .relative(let ratio):
        guard (0...1).contains(ratio) else {
          throw ScalingLawsError.invalidParameter(
            name: "relative cutoff", value: "\(ratio)", limit: "between 0 and 1")
        }
        let present = values.filter { !$0.isNaN }
        guard let low = present.min(), let high = present.max() else {
          throw ScalingLawsError.noObservedValues(column: column)
        }
        limit = low + ratio * (high - low)
      }
      let train = values.indices.filter { !values[$0].isNaN && values[$0] <= limit }
      let trainSet = Set(train)
      split = Split(train: train, test: values.indices.filter { !trainSet.contains($0) })
    case .rank(let column, let size):
      let values = try table.numbers(column)
      // Missing values never rank: those models are tested (as `cutoff` does) and n counts
      // among the models that have a value.
      let present = values.indices.filter { !values[$0].isNaN }
      guard !present.isEmpty else { throw ScalingLawsError.noObservedValues(column: column) }
      let n = try size.resolve(rows: present.count)
      // Stable: descending value, then table order.
      let order = present.sorted { a, b in
        values[a] == values[b] ? a < b : values[a] > values[b]
      }
      let missing = values.indices.filter { values[$0].isNaN }
      split = Split(train: order[n...].sorted(), test: (Array(order[..<n]) + missing).sorted())
    case .random(let seed, let size):
      let n = try size.resolve(rows: m)
      var generator = SplitMix64(seed: seed)
      var order = Array(0..<m)
      if m > 1 {
        for i in stride(from: m - 1, to: 0, by: -1) {
          let k = Int(generator.next() % UInt64(i + 1))
          order.swapAt(i, k)
        }
      }
      split = Split(train: order[n...].sorted(), test: order[..<n].sorted())
    case .holdOut(let filter):
      let mask = try table.mask(filter)
      split = Split(
        train: mask.indices.filter { !mask[$0] }, test: mask.indices.filter { mask[$0] })
    }
    if split.train.isEmpty { throw ScalingLawsError.emptySplit(side: .train, rule: description) }
    if split.test.isEmpty, self != .none {
      throw ScalingLawsError.emptySplit(side: .test, rule: description)
    }
    return split
  }

  /// A short description of the rule, for messages and reports.
  public var description: String {
    switch self {
    case .none: return "no split"
    case .cutoff(let column, .absolute(let value)):
      return "cutoff '\(column)' <= \(formatNumber(value))"
    case .cutoff(let column, .relative(let ratio)):
      return "cutoff '\(column)' <= min + \(formatNumber(ratio))·(max − min)"
    case .rank(let column, let size): return "rank by '\(column)', test = top \(size.description)"
    case .random(let seed, let size): return "random (seed \(seed)), test = \(size.description)"
    case .holdOut(.modelNotIn(let models)):
      return "train on \(models.count) chosen models, test on the rest"
    case .holdOut(.modelIn(let models)): return "hold out \(models.count) named models"
    case .holdOut(.familyIn(let families)):
      return "hold out the families " + families.joined(separator: ", ")
    case .holdOut: return "hold-out by filter"
    }
  }
}

extension TestSize {
  /// Returns the number of test rows out of `rows`.
  ///
  /// - Throws: `.invalidParameter` for a count outside 1..<rows or a fraction outside (0, 1)
  ///   or one that rounds down to no row.
  func resolve(rows: Int) throws -> Int {
    switch self {
    case .count(let n):
      guard n >= 1, n < rows else {
        throw ScalingLawsError.invalidParameter(
          name: "test size", value: "\(n)",
          limit: "between 1 and \(rows - 1) (one less than the \(rows) rows)")
      }
      return n
    case .fraction(let f):
      let n = Int((f * Double(rows)).rounded(.down))
      guard f > 0, f < 1, n >= 1 else {
        throw ScalingLawsError.invalidParameter(
          name: "test fraction", value: formatNumber(f),
          limit: "in (0, 1) and at least 1/\(rows) for \(rows) rows")
      }
      return n
    }
  }

  /// "n rows" or "f of the rows".
  var description: String {
    switch self {
    case .count(let n): return "\(n) rows"
    case .fraction(let f): return "\(formatNumber(f)) of the rows"
    }
  }
}
