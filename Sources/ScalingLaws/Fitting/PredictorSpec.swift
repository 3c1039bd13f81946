/// What the law's predictors s are for each row.
public enum PredictorSpec: Codable, Equatable, Sendable {
  /// The first K principal-component scores of the (imputed) benchmarks: `PC-1`…`PC-K`.
  case principalComponents(Int)
  /// x = ln(`FLOPs (1E21)` + 1e-9): the compute baseline. Rows without FLOPs are dropped.
  case logFLOPs
  /// x = ln(`Model Size (B)` + 1e-9): the size baseline. Rows without a size are dropped.
  case logSize
  /// The named numeric columns as they are, or their natural logs (+ 1e-9) when `log` is set.
  /// Rows missing any of them are dropped.
  case columns([String], log: Bool)

  /// The paper's default: three principal components.
  public static let paperDefault: PredictorSpec = .principalComponents(3)

  /// Whether the predictors come from a PCA of the benchmarks.
  public var usesComponents: Bool {
    if case .principalComponents = self { return true }
    return false
  }

  /// A short description for reports.
  public var description: String {
    switch self {
    case .principalComponents(let k): return k == 1 ? "PC-1" : "PC-1..\(k)"
    case .logFLOPs: return "log FLOPs"
    case .logSize: return "log size"
    case .columns(let names, let log):
      let list = names.joined(separator: ", ")
      return log ? "log(\(list))" : list
    }
  }
}
