/// The paper's named selections of the base table, as facts from the paper and its data
/// (algorithm.md §1; Ruan, Maddison & Hashimoto 2024, the authors' default selection in
/// their notebooks).
///
/// The base selection keeps the 28 families the paper evaluated and leaves out the 20 models
/// it pre-registered (released after the paper and predicted in advance): 77 of the 148 rows
/// of `base_llm_benchmark_eval.csv`. The pre-registered selection is those 20 models. The
/// subset-selection candidates (docs/LANGUAGE.md, load) are the base selection's models at or below
/// 84 × 1E21 FLOPs with all eight benchmarks: 45. The agent analyses (docs/LANGUAGE.md, load) fit on
/// the rows of `instruct_llm_agent_eval.csv` with an AgentBench overall score (`ABench-OA`,
/// 22 models) or an AgentBoard progress rate (`ABoard-Avg_PR`, 11 models).
public enum PaperSelection: String, CaseIterable, Equatable, Sendable {
  /// The evaluated families without the pre-registered models: the paper's fits.
  case paper
  /// The 20 models released after the paper, predicted in advance.
  case preregistered
  /// The candidates of the paper's model-subset selection.
  case candidates
  /// The instruction-tuned models of the AgentBench analysis.
  case agentbench
  /// The instruction-tuned models of the AgentBoard analysis.
  case agentboard

  /// The FLOPs cutoff of the subset-selection candidates, in 1E21 FLOPs.
  public static let candidateFLOPsCutoff = 84.0
  /// The benchmark columns a candidate has all of.
  public static let candidateBenchmarks = [
    "MMLU", "ARC-C", "HellaSwag", "Winograd", "TruthfulQA", "GSM8K", "XWinograd", "HumanEval",
  ]
  /// The column each agent selection needs a value in.
  public static let agentColumns: [PaperSelection: String] = [
    .agentbench: "ABench-OA", .agentboard: "ABoard-Avg_PR",
  ]

  /// The 28 families the paper evaluated.
  public static let families: [String] = [
    "Llama-2", "Llama", "Llama-3", "Llama-3.1", "Qwen2", "Qwen1.5", "Qwen", "Mistral", "Mixtral",
    "Yi", "Yi-1.5", "Gemma", "Gemma-2", "Falcon", "Phi", "Pythia", "BLOOM", "GPT-Neo/J", "OPT",
    "MPT", "XGLM", "CodeLlama", "StarCoder", "StarCoder2", "DeepSeek-Coder", "DeepSeek-V2",
    "DeepSeek-Coder-V2", "Jamba",
  ]

  /// The 20 pre-registered models, by the part of their id after the organisation.
  public static let preregisteredModels: [String] = [
    "Meta-Llama-3.1-405B-FP8", "Meta-Llama-3.1-70B", "Meta-Llama-3.1-8B", "Qwen1.5-110B",
    "Qwen2-72B", "Qwen2-57B-A14B", "Qwen2-7B", "Qwen2-1.5B", "Qwen2-0.5B", "DeepSeek-V2",
    "DeepSeek-Coder-V2-Base", "gemma-2-27b", "gemma-2-9b", "gemma-2-2b", "Mixtral-8x22B-v0.1",
    "Mistral-Nemo-Base-2407", "Yi-1.5-34B", "Yi-1.5-9B", "Yi-1.5-6B", "Jamba-v0.1",
  ]

  /// What the selection is, for notes: "the paper's 28 evaluated families without its 20
  /// pre-registered models".
  public var summary: String {
    switch self {
    case .paper:
      return
        "the paper's \(Self.families.count) evaluated families without its \(Self.preregisteredModels.count) pre-registered models (docs/LANGUAGE.md, load)"
    case .preregistered:
      return
        "the paper's \(Self.preregisteredModels.count) pre-registered models, released after it and predicted in advance"
    case .candidates:
      return
        "the paper's subset-selection candidates: its base selection at or below \(formatNumber(Self.candidateFLOPsCutoff)) × 1E21 FLOPs with all \(Self.candidateBenchmarks.count) benchmarks (docs/LANGUAGE.md, load)"
    case .agentbench, .agentboard:
      return
        "the instruction-tuned models of the paper's \(self == .agentbench ? "AgentBench" : "AgentBoard") analysis: those with \(Self.agentColumns[self] ?? "") (docs/LANGUAGE.md, load)"
    }
  }

  /// The rows of `table` in the selection, in order. A model is matched by its full id or
  /// the part after the last `/`; the pre-registered models a table lacks are simply not
  /// there (a downstream table need not have them all).
  ///
  /// - Throws: `.missingRequiredColumn` for the base selection of a table without
  ///   `Model Family`; `.noRowsLeft` when nothing is selected.
  public func rows(of table: ScoreTable) throws -> [Int] {
    let later = Set(Self.preregisteredModels)
    let isLater = table.models.map { id in
      later.contains(id) || later.contains(id.split(separator: "/").last.map(String.init) ?? id)
    }
    let rows: [Int]
    switch self {
    case .paper:
      guard let families = table.families else {
        throw ScalingLawsError.missingRequiredColumn(
          name: ScoreTable.familyColumn, available: table.columnNames)
      }
      let evaluated = Set(Self.families)
      rows = table.models.indices.filter { evaluated.contains(families[$0]) && !isLater[$0] }
    case .preregistered:
      rows = table.models.indices.filter { isLater[$0] }
    case .candidates:
      let base = try PaperSelection.paper.rows(of: table)
      let flops = try table.numbers(ScoreTable.flopsColumn)
      let scores = try Self.candidateBenchmarks.map { try table.numbers($0) }
      rows = base.filter { row in
        flops[row] <= Self.candidateFLOPsCutoff && scores.allSatisfy { !$0[row].isNaN }
      }
    case .agentbench, .agentboard:
      let column = Self.agentColumns[self] ?? ""
      let values = try table.numbers(column)
      rows = table.models.indices.filter { !values[$0].isNaN }
    }
    guard !rows.isEmpty else {
      throw ScalingLawsError.noRowsLeft(operation: "\(rawValue) selection")
    }
    return rows
  }
}
