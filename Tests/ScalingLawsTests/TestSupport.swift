import Foundation
import ScalingLaws
import Testing

/// Returns the bytes of `text`.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Returns the error `body` throws, recording an issue when it throws none or another kind.
func thrownError<T>(
  sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T
) -> ScalingLawsError? {
  do {
    _ = try body()
    Issue.record("expected a ScalingLawsError, got a result", sourceLocation: sourceLocation)
  } catch let error as ScalingLawsError {
    return error
  } catch {
    Issue.record("expected a ScalingLawsError, got \(error)", sourceLocation: sourceLocation)
  }
  return nil
}

/// Returns whether |a − b| ≤ tolerance.
func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
  abs(a - b) <= tolerance
}

/// Finds one of the paper's CSVs in the folders of OBSCALE_PATH (what `make test` sets).
///
/// Records an issue naming the variable when the file is not found, so a run without the
/// data fails loudly instead of skipping.
func paperCSV(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8]? {
  let path = ProcessInfo.processInfo.environment["OBSCALE_PATH"] ?? ""
  for folder in path.split(separator: ":") {
    let file = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
    if let data = try? Data(contentsOf: file) { return [UInt8](data) }
  }
  Issue.record(
    "'\(name)' not found in OBSCALE_PATH ('\(path)'); point it at the paper's eval_results/ folder (make test does)",
    sourceLocation: sourceLocation)
  return nil
}

/// The paper's default selection as the tests state it, independently of the engine's
/// `PaperSelection`: evaluated families, without the pre-registered models (algorithm.md §1).
enum PaperFacts {
  /// The families the reference evaluated.
  static let families = [
    "Llama-2", "Llama", "Llama-3", "Llama-3.1", "Qwen2", "Qwen1.5", "Qwen", "Mistral", "Mixtral",
    "Yi", "Yi-1.5", "Gemma", "Gemma-2", "Falcon", "Phi", "Pythia", "BLOOM", "GPT-Neo/J", "OPT",
    "MPT", "XGLM", "CodeLlama", "StarCoder", "StarCoder2", "DeepSeek-Coder", "DeepSeek-V2",
    "DeepSeek-Coder-V2", "Jamba",
  ]
  /// The models released after the paper, predicted in advance.
  static let preregistered = [
    "Meta-Llama-3.1-405B-FP8", "Meta-Llama-3.1-70B", "Meta-Llama-3.1-8B", "Qwen1.5-110B",
    "Qwen2-72B", "Qwen2-57B-A14B", "Qwen2-7B", "Qwen2-1.5B", "Qwen2-0.5B", "DeepSeek-V2",
    "DeepSeek-Coder-V2-Base", "gemma-2-27b", "gemma-2-9b", "gemma-2-2b", "Mixtral-8x22B-v0.1",
    "Mistral-Nemo-Base-2407", "Yi-1.5-34B", "Yi-1.5-9B", "Yi-1.5-6B", "Jamba-v0.1",
  ]
  /// The filter expressing the selection.
  static let filter = RowFilter.all([.familyIn(families), .modelNotIn(preregistered)])

  /// Loads the base table and applies the selection, or nil when the data is not found.
  static func base() throws -> ScoreTable? {
    guard let csv = paperCSV("base_llm_benchmark_eval.csv") else { return nil }
    return try ScoreTable(csv: csv).filtered(by: filter)
  }
}
