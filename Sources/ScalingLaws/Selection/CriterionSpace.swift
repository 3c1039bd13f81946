/// The precomputed pieces of the V-optimal criterion: each family's Gram matrix SᵀS and
/// rows, and the Cholesky factor R of G_all = R·Rᵀ, so that a subset's score is
///
///     −trace(G_all · G_sub⁻¹) = −‖L⁻¹·R‖²_F   with G_sub = L·Lᵀ,
///
/// one K×K Cholesky and one triangular solve per subset (K = 3: a few dozen flops).
struct CriterionSpace: Sendable {
  /// The number of components, K.
  let k: Int
  /// The family names, in first-appearance order.
  let names: [String]
  /// Each family's rows.
  let rows: [[Int]]
  /// Each family's Gram matrix, K×K row-major.
  let grams: [[Double]]
  /// The Cholesky factor of G_all, lower triangular K×K row-major.
  let rootOfAll: [Double]

  /// Groups `scores` rows by `families` and factors G_all.
  init(scores: Matrix, families: [String]) throws {
    k = scores.columns
    var names: [String] = []
    var index: [String: Int] = [:]
    var rows: [[Int]] = []
    for (i, family) in families.enumerated() {
      if let j = index[family] {
        rows[j].append(i)
      } else {
        index[family] = names.count
        names.append(family)
        rows.append([i])
      }
    }
    self.names = names
    self.rows = rows
    var all = [Double](repeating: 0, count: k * k)
    var grams: [[Double]] = []
    for members in rows {
      var gram = [Double](repeating: 0, count: k * k)
      for i in members {
        let row = scores.row(i)
        guard row.allSatisfy(\.isFinite) else {
          throw ScalingLawsError.nonFiniteValue(
            what: "principal-capability score", row: families[i])
        }
        CriterionSpace.accumulate(&gram, row)
      }
      for j in 0..<(k * k) { all[j] += gram[j] }
      grams.append(gram)
    }
    self.grams = grams
    guard let root = CriterionSpace.cholesky(all, k) else {
      throw ScalingLawsError.invalidParameter(
        name: "candidates", value: "\(scores.rows) models",
        limit: "scores spanning all \(k) components (G_all is singular)")
    }
    rootOfAll = root
  }

  /// Adds row·rowᵀ to `gram`.
  static func accumulate(_ gram: inout [Double], _ row: [Double]) {
    let k = row.count
    for a in 0..<k {
      for b in 0..<k { gram[a * k + b] += row[a] * row[b] }
    }
  }

  /// The lower Cholesky factor of the symmetric K×K `m`, or nil when it is not positive
  /// definite (a pivot below 1e-12 of the largest diagonal entry).
  static func cholesky(_ m: [Double], _ k: Int) -> [Double]? {
    var l = [Double](repeating: 0, count: k * k)
    let ok = m.withUnsafeBufferPointer { source in
      l.withUnsafeMutableBufferPointer { target in
        factor(source.baseAddress!, into: target.baseAddress!, k)
      }
    }
    return ok ? l : nil
  }

  /// Factors the K×K `m` into the lower triangle of `l` (which it overwrites); false when
  /// `m` is not positive definite.
  @inline(__always)
  static func factor(_ m: UnsafePointer<Double>, into l: UnsafeMutablePointer<Double>, _ k: Int)
    -> Bool
  {
    var scale = 0.0
    for i in 0..<k { scale = max(scale, m[i * k + i]) }
    guard scale > 0 else { return false }
    for j in 0..<k {
      var d = m[j * k + j]
      for p in 0..<j { d -= l[j * k + p] * l[j * k + p] }
      guard d > 1e-12 * scale else { return false }
      let root = d.squareRoot()
      l[j * k + j] = root
      var i = j + 1
      while i < k {
        var s = m[i * k + j]
        for p in 0..<j { s -= l[i * k + p] * l[j * k + p] }
        l[i * k + j] = s / root
        i += 1
      }
    }
    return true
  }

  /// −‖L⁻¹·R‖²_F for G_sub = `sub` with `count` rows, or −∞ when singular or too few rows.
  static func score(_ sub: [Double], count: Int, rootOfAll r: [Double], _ k: Int) -> Double {
    sub.withUnsafeBufferPointer { s in
      r.withUnsafeBufferPointer {
        score(s.baseAddress!, count: count, rootOfAll: $0.baseAddress!, k)
      }
    }
  }

  /// The same over raw K×K buffers, without allocating (scratch space is on the stack).
  @inline(__always)
  static func score(
    _ sub: UnsafePointer<Double>, count: Int, rootOfAll r: UnsafePointer<Double>, _ k: Int
  ) -> Double {
    guard count >= k else { return -.infinity }
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: k * k + k) {
      scratch -> Double in
      let l = scratch.baseAddress!
      let column = l + k * k
      guard factor(sub, into: l, k) else { return -.infinity }
      var total = 0.0
      for c in 0..<k {
        // Solve L·x = R[:, c] by forward substitution.
        for i in 0..<k {
          var s = r[i * k + c]
          for p in 0..<i { s -= l[i * k + p] * column[p] }
          column[i] = s / l[i * k + i]
          total += column[i] * column[i]
        }
      }
      return -total
    }
  }

  /// The score of a set of families.
  func score(_ members: [Int]) -> Double {
    var sub = [Double](repeating: 0, count: k * k)
    var count = 0
    for f in members {
      for j in 0..<(k * k) { sub[j] += grams[f][j] }
      count += rows[f].count
    }
    return CriterionSpace.score(sub, count: count, rootOfAll: rootOfAll, k)
  }
}
