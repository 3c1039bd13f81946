internal import ScalingLaws

/// How far a long statement has come, worded for a person: "bootstrapping: 4 200 of 20 000
/// resamples, 3 s". Each report replaces the one before; a notebook shows them on one line
/// that updates in place.
public struct ProgressReport: Equatable, Sendable {
  /// What is being done, such as `bootstrapping`.
  public var stage: String
  /// Steps done, when counted.
  public var done: Int?
  /// The number of steps, or (`bounded`) the most there can be.
  public var total: Int?
  /// Whether `total` is only a bound (an iteration stops early when it converges).
  public var bounded: Bool
  /// What a step is, singular: `round`, `resample`, `subset`.
  public var unit: String
  /// A short status, such as the last change.
  public var detail: String?
  /// Seconds since the statement started.
  public var seconds: Double?

  /// A report of the engine's counted work, `started` when the statement did.
  init(_ progress: WorkProgress, since started: ContinuousClock.Instant) {
    stage = progress.stage
    done = progress.done
    total = progress.limit
    bounded = progress.unit == "round"
    unit = progress.unit
    detail = progress.unit == "round" ? progress.detail : nil
    let elapsed = ContinuousClock.now - started
    seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  }

  /// A one-off note before long work starts, such as "selecting: up to 431 910 subsets".
  init(note: String) {
    stage = note
    bounded = false
    unit = ""
  }

  /// The report in words.
  public var message: String {
    guard let done, let total else { return stage }
    var text = "\(stage): "
    if bounded {
      text += "\(unit) \(ProgressReport.grouped(done)) of at most \(ProgressReport.grouped(total))"
    } else {
      text +=
        "\(ProgressReport.grouped(done)) of \(ProgressReport.grouped(total)) \(unit)\(total == 1 ? "" : "s")"
    }
    if let detail, !detail.isEmpty { text += ", " + detail }
    if let seconds { text += ", " + ProgressReport.duration(seconds) }
    return text
  }

  /// `n` with its digits grouped by threes with spaces: 20 000.
  static func grouped(_ n: Int) -> String {
    let digits = Array(String(n.magnitude))
    var out = n < 0 ? "-" : ""
    for (k, digit) in digits.enumerated() {
      if k > 0, (digits.count - k) % 3 == 0 { out += " " }
      out.append(digit)
    }
    return out
  }

  /// Seconds as a person reads them: "0.4 s", "3 s", "2 min 5 s".
  static func duration(_ seconds: Double) -> String {
    if seconds < 10 { return formatted("%.1f s", seconds) }
    if seconds < 60 { return "\(Int(seconds)) s" }
    let whole = Int(seconds)
    return "\(whole / 60) min \(whole % 60) s"
  }
}
