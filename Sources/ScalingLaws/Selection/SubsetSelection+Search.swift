import Dispatch
internal import Glibc
internal import Synchronization

extension SubsetSelection {
  /// The best subset per model count, as a bit mask over the free families.
  private struct Best {
    /// Score per exact model count (index), −∞ where none was seen.
    var scores: [Double]
    /// The free-family mask of each.
    var masks: [UInt64]

    init(limit: Int) {
      scores = [Double](repeating: -.infinity, count: limit + 1)
      masks = [UInt64](repeating: 0, count: limit + 1)
    }

    /// Keeps `mask` for `count` models when it scores higher (ties: the smaller mask, so
    /// that the answer does not depend on which thread found it first).
    mutating func offer(_ score: Double, count: Int, mask: UInt64) {
      if score > scores[count]
        || (score == scores[count] && score > -.infinity && mask < masks[count])
      {
        scores[count] = score
        masks[count] = mask
      }
    }

    mutating func merge(_ other: Best) {
      for count in other.scores.indices {
        offer(other.scores[count], count: count, mask: other.masks[count])
      }
    }
  }

  /// Scores every combination of free families (at most `maxFamilies − forced`) together
  /// with the forced ones, on all cores; returns the best per budget and the count scored.
  static func exhaustive(
    _ space: CriterionSpace, forced: [Int], budgets: [Int], maxFamilies: Int
  ) throws -> ([Int: (score: Double, members: [Int])], Int) {
    let free = space.names.indices.filter { !forced.contains($0) }
    let most = min(free.count, maxFamilies - forced.count)
    let total = combinations(
      families: space.names.count, forced: forced.count, maxFamilies: maxFamilies)
    guard free.count <= 64, total <= maximumSubsets else {
      throw ScalingLawsError.invalidParameter(
        name: "search",
        value: "exhaustive over \(free.count) free families (\(total) subsets of at most \(most))",
        limit: "\(maximumSubsets) subsets; use the greedy search or fewer families")
    }
    let k = space.k
    // A budget beyond every model there is buys nothing more: the work and the per-size
    // tables are bounded by the models, never by the number the user typed (1e9).
    let limit = min(budgets.max() ?? 0, space.rows.reduce(0) { $0 + $1.count })
    var forcedGram = [Double](repeating: 0, count: k * k)
    var forcedCount = 0
    for f in forced {
      for j in 0..<(k * k) { forcedGram[j] += space.grams[f][j] }
      forcedCount += space.rows[f].count
    }
    let base = forcedGram
    let baseCount = forcedCount
    guard baseCount <= limit else { return ([:], 0) }
    let sizes = free.map { space.rows[$0].count }
    let grams = free.map { space.grams[$0] }
    let root = space.rootOfAll
    let monitor = WorkMonitor.current
    let next = Atomic<Int>(0)
    let done = Atomic<Int>(0)
    let stop = Atomic<Bool>(false)
    let workers = max(1, min(free.count, ProcessInfoCores.count))
    let results = Mutex<[Best]>([])
    let started = ContinuousClock.now

    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var best = Best(limit: limit)
      var local = 0
      var lastReport = started
      // One Gram buffer per depth: depth d holds the sum for the current prefix.
      var stack = [Double](repeating: 0, count: (most + 2) * k * k)
      for j in 0..<(k * k) { stack[j] = base[j] }
      if worker == 0 {
        best.offer(
          CriterionSpace.score(base, count: baseCount, rootOfAll: space.rootOfAll, k),
          count: baseCount, mask: 0)
        local += 1
      }

      /// Extends the prefix at `depth` (count models, mask) with each family from `start`.
      func extend(from start: Int, depth: Int, count: Int, mask: UInt64) {
        for i in start..<free.count {
          if stop.load(ordering: .relaxed) { return }
          let models = count + sizes[i]
          if models > limit { continue }
          let parent = depth * k * k
          let child = parent + k * k
          for j in 0..<(k * k) { stack[child + j] = stack[parent + j] + grams[i][j] }
          let bits = mask | (1 << UInt64(i))
          let score = stack.withUnsafeBufferPointer { buffer in
            root.withUnsafeBufferPointer {
              CriterionSpace.score(
                buffer.baseAddress! + child, count: models, rootOfAll: $0.baseAddress!, k)
            }
          }
          best.offer(score, count: models, mask: bits)
          local += 1
          if local & 0xFFFF == 0 {
            done.add(0x10000, ordering: .relaxed)
            if monitor.isCancelled() { stop.store(true, ordering: .relaxed) }
            let now = ContinuousClock.now
            if worker == 0, now - lastReport >= .milliseconds(Int(monitor.interval * 1000)) {
              lastReport = now
              monitor.report(
                WorkProgress(
                  stage: "selecting", done: done.load(ordering: .relaxed), limit: total,
                  detail: "subsets scored", unit: "subset"))
            }
          }
          if depth + 1 < most { extend(from: i + 1, depth: depth + 1, count: models, mask: bits) }
        }
      }

      while !stop.load(ordering: .relaxed) {
        let first = next.add(1, ordering: .relaxed).oldValue
        guard first < free.count, most >= 1 else { break }
        // The subsets whose smallest free family is `first`.
        let models = baseCount + sizes[first]
        guard models <= limit else { continue }
        for j in 0..<(k * k) { stack[k * k + j] = stack[j] + grams[first][j] }
        let bits: UInt64 = 1 << UInt64(first)
        let score = stack.withUnsafeBufferPointer { buffer in
          root.withUnsafeBufferPointer {
            CriterionSpace.score(
              buffer.baseAddress! + k * k, count: models, rootOfAll: $0.baseAddress!, k)
          }
        }
        best.offer(score, count: models, mask: bits)
        local += 1
        if most >= 2 { extend(from: first + 1, depth: 1, count: models, mask: bits) }
      }
      done.add(local & 0xFFFF, ordering: .relaxed)
      results.withLock { $0.append(best) }
      _ = local
    }
    if stop.load(ordering: .relaxed) { throw ScalingLawsError.cancelled(stage: "selecting") }
    var merged = Best(limit: limit)
    var scored = 0
    for best in results.withLock({ $0 }) { merged.merge(best) }
    scored = done.load(ordering: .relaxed)
    var answers: [Int: (score: Double, members: [Int])] = [:]
    for budget in budgets {
      var pick: (score: Double, count: Int)?
      for count in 0...min(budget, limit) where merged.scores[count] > -.infinity {
        if pick == nil || merged.scores[count] > pick!.score {
          pick = (merged.scores[count], count)
        }
      }
      guard let pick else { continue }
      let mask = merged.masks[pick.count]
      answers[budget] = (
        pick.score, forced + free.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { free[$0] }
      )
    }
    return (answers, scored)
  }

  /// Per budget, adds the family that raises the criterion most (while under the budget and
  /// the family limit) until none fits. While every candidate is still singular, the family
  /// with the largest trace of its Gram matrix is added.
  static func greedy(
    _ space: CriterionSpace, forced: [Int], budgets: [Int], maxFamilies: Int
  ) -> ([Int: (score: Double, members: [Int])], Int) {
    var answers: [Int: (score: Double, members: [Int])] = [:]
    var scored = 0
    let k = space.k
    for budget in budgets {
      var members = forced
      var count = forced.reduce(0) { $0 + space.rows[$1].count }
      guard count <= budget else { continue }
      while members.count < maxFamilies {
        var pick: (score: Double, trace: Double, family: Int)?
        for f in space.names.indices
        where !members.contains(f) && count + space.rows[f].count <= budget {
          let score = space.score(members + [f])
          scored += 1
          let trace = (0..<k).reduce(0.0) { $0 + space.grams[f][$1 * k + $1] }
          if let current = pick {
            let better = score > current.score || (score == current.score && trace > current.trace)
            if !better { continue }
          }
          pick = (score, trace, f)
        }
        guard let pick else { break }
        members.append(pick.family)
        count += space.rows[pick.family].count
      }
      answers[budget] = (space.score(members), members)
      scored += 1
    }
    return (answers, scored)
  }

  /// Random family subsets for `budget`: the forced families, then free ones in a random
  /// order, each added when it still fits the budget and the family limit.
  static func random(
    _ space: CriterionSpace, forced: [Int], budget: Int, maxFamilies: Int, samples: Int,
    generator: inout SplitMix64
  ) -> RandomBaseline {
    let free = space.names.indices.filter { !forced.contains($0) }
    var scores: [Double] = []
    var sizes: [Double] = []
    var draws: [[String]] = []
    for _ in 0..<samples {
      var order = free
      for i in stride(from: order.count - 1, to: 0, by: -1) {
        order.swapAt(i, Int(generator.next() % UInt64(i + 1)))
      }
      var members = forced
      var count = forced.reduce(0) { $0 + space.rows[$1].count }
      for f in order where members.count < maxFamilies && count + space.rows[f].count <= budget {
        members.append(f)
        count += space.rows[f].count
      }
      scores.append(count <= budget ? space.score(members) : -.infinity)
      sizes.append(Double(count))
      draws.append(members.map { space.names[$0] })
    }
    scores.sort()
    sizes.sort()
    return RandomBaseline(
      budget: budget, samples: samples, median: median(scores), best: scores.last ?? -.infinity,
      medianModels: median(sizes), draws: draws)
  }

  /// The median of sorted `values` (the lower middle for an even count with −∞ in it).
  private static func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let middle = values.count / 2
    if values.count % 2 == 1 { return values[middle] }
    let low = values[middle - 1]
    let high = values[middle]
    return low.isFinite ? (low + high) / 2 : low
  }
}

/// The number of cores to search on.
enum ProcessInfoCores {
  /// The processors online.
  static var count: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}
