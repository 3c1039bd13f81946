/// A transform applied to the target before fitting (algorithm.md §3); several apply in order.
public enum TargetTransform: Codable, Equatable, Sendable {
  /// y ← (y − lo)/(hi − lo), e.g. an AgentBench score on [0, 10] or a chance-level floor.
  case minmax(low: Double, high: Double)
  /// y ← ln(y + 1e-9).
  case log
  /// y ← ln((y + 1e-9)/(1 − y + 1e-9)).
  case logit

  /// The ε the reference adds inside logarithms.
  static let epsilon = 1e-9

  /// Returns the transformed value (NaN stays NaN: a missing target).
  public func apply(_ y: Double) -> Double {
    guard !y.isNaN else { return y }
    switch self {
    case .minmax(let low, let high): return (y - low) / (high - low)
    case .log: return _log(y + Self.epsilon)
    case .logit: return _log((y + Self.epsilon) / (1 - y + Self.epsilon))
    }
  }

  /// A short name for reports: `minmax [0, 10]`, `log`, `logit`.
  public var name: String {
    switch self {
    case .minmax(let low, let high): return "minmax [\(formatNumber(low)), \(formatNumber(high))]"
    case .log: return "log"
    case .logit: return "logit"
    }
  }
}
