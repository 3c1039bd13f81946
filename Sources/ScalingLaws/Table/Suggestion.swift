/// The "did you mean" helper: the closest known name to a misspelt one.
public enum Suggestion {
  /// Returns the candidate closest to `name`, or nil when none is close enough.
  ///
  /// Closeness is the Levenshtein distance between the lower-cased strings; a candidate is
  /// offered when that distance is at most a third of the longer length (at least 2; at most 1
  /// for names of three characters or fewer), or when one lower-cased name of four characters
  /// or more contains the other — and only when the digits written agree with the candidate's
  /// (none written, the same, or as many with one changed): `llama-7b` is no suggestion for `Llama-2-7B`, nor `g` for `b1`, the kind of
  /// guess a person would not accept. Ties keep the earlier candidate.
  ///
  /// - Complexity: O(c · n · m) for c candidates of length m and a name of length n.
  public static func closest(to name: String, among candidates: [String]) -> String? {
    let target = Array(name.lowercased())
    var best: (name: String, distance: Int)?
    let digits = target.filter(\.isNumber)
    for candidate in candidates {
      let lowered = candidate.lowercased()
      let other = Array(lowered)
      guard digitsAgree(digits, other.filter(\.isNumber)) else { continue }
      let distance = levenshtein(target, other)
      let shortest = min(target.count, other.count)
      let limit = shortest <= 3 ? 1 : max(2, max(target.count, other.count) / 3)
      let contains =
        shortest >= 4
        && (lowered.contains(String(target)) || String(target).contains(lowered))
      guard distance <= limit || contains else { continue }
      if best == nil || distance < best?.distance ?? Int.max {
        best = (candidate, distance)
      }
    }
    return best?.name
  }

  /// Whether a written name's digits agree with a candidate's: none written, the same digits,
  /// or as many with one of them changed (`Atlas-71B` and `Atlas-70B`), but not a version or
  /// size added or dropped.
  static func digitsAgree(_ a: [Character], _ b: [Character]) -> Bool {
    // A name written without digits may be the start of a column's (`flops`).
    if a.isEmpty { return true }
    guard a.count == b.count else { return false }
    return zip(a, b).filter { $0 != $1 }.count <= 1
  }

  /// Returns the edit distance between two character arrays (insert, delete, substitute).
  static func levenshtein(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
