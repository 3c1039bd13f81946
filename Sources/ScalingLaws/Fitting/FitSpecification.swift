/// Everything that defines one scaling-law fit; the defaults reproduce the paper's setup.
///
/// Defaults: the eight base benchmarks, split `FLOPs (1E21)` ≤ 84, PCA imputation with one
/// component clipped to [0, 1], five components computed and the first three used, the
/// sigmoid-parametric law under least squares, and `Llama-2` as the reference family for
/// f-equivalent FLOPs (algorithm.md §§4–9).
public struct FitSpecification: Codable, Equatable, Sendable {
  /// The paper's eight base benchmarks.
  public static let paperBenchmarks: [String] = [
    "MMLU", "ARC-C", "HellaSwag", "Winograd", "TruthfulQA", "GSM8K", "XWinograd", "HumanEval",
  ]

  /// The target column.
  public var target: String
  /// Transforms applied to the target, in order. Default none.
  public var targetTransforms: [TargetTransform]
  /// The split rule. Default `FLOPs (1E21)` ≤ 84.
  public var split: SplitRule
  /// The benchmark columns the principal components are drawn from.
  public var benchmarks: [String]
  /// Imputation settings, or nil to leave missing cells (rows missing a benchmark are dropped).
  public var imputation: ImputationSettings?
  /// The number of components computed (at least the K used). Default 5.
  public var computedComponents: Int
  /// The predictors. Default the first three principal components.
  public var predictors: PredictorSpec
  /// The law's options (form, loss, bounds, start, restarts).
  public var law: LawOptions
  /// The family whose compute defines f-equivalent FLOPs, or nil to skip. Default `Llama-2`.
  public var referenceFamily: String?

  /// The families a reference defaults to, the first a table has: the paper's Llama-2, then
  /// Atlas, its stand-in in the demo data.
  public static let defaultReferences = ["Llama-2", "Atlas"]

  /// The default reference among `families`, if any.
  public static func defaultReference(among families: some Collection<String>) -> String? {
    defaultReferences.first { families.contains($0) }
  }

  /// Creates a specification; every argument but `target` has the paper's default.
  public init(
    target: String, targetTransforms: [TargetTransform] = [], split: SplitRule = .paperDefault,
    benchmarks: [String] = FitSpecification.paperBenchmarks,
    imputation: ImputationSettings? = ImputationSettings(), computedComponents: Int = 5,
    predictors: PredictorSpec = .paperDefault, law: LawOptions = .init(),
    referenceFamily: String? = "Llama-2"
  ) {
    self.target = target
    self.targetTransforms = targetTransforms
    self.split = split
    self.benchmarks = benchmarks
    self.imputation = imputation
    self.computedComponents = computedComponents
    self.predictors = predictors
    self.law = law
    self.referenceFamily = referenceFamily
  }
}
