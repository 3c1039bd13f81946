/// The score of guessing on the benchmarks whose guessing level is a fact of their format: the
/// floor of a forecast's link (docs/ENGINE.md, "Forecasting a family").
///
/// Multiple choice with k options scores 1/k by guessing; generated answers (GSM8K, MATH,
/// IFEval, HumanEval) score 0. BBH and MuSR mix subtasks with different numbers of options:
/// their levels are the means over subtasks weighted by their examples, from the counts the
/// Open LLM Leaderboard v2 documents (huggingface/leaderboards, `docs/source/en/
/// open_llm_leaderboard/normalization.md`) as Sloth tabulates them (Maia Polo et al. 2024,
/// github.com/felipemaiapolo/sloth, `sloth/definitions.py`): 5 761 BBH examples, 756 MuSR.
/// TruthfulQA's MC2 has no such level and is left out.
public enum ChanceLevel {
  /// The levels by normalized column name (see `key(_:)`).
  static let levels: [String: Double] = [
    "bbh": 0.288_503_609_520_611_3, "gpqa": 0.25, "ifeval": 0, "mathhard": 0, "mathlvl5": 0,
    "mmlupro": 0.1, "musr": 0.343_298_059_964_726_6, "mmlu": 0.25, "arc": 0.25, "arcc": 0.25,
    "arcchallenge": 0.25, "hellaswag": 0.25, "winogrande": 0.5, "winograd": 0.5,
    "xwinograd": 0.5, "gsm8k": 0, "humaneval": 0,
  ]

  /// The guessing level of the benchmark in `column`, if it is one of the known ones: by its
  /// name lowercased, without a `leaderboard_` prefix and without anything but letters and
  /// digits ("MMLU-PRO", "leaderboard_mmlu_pro" and "MMLU Pro" are one benchmark).
  public static func known(for column: String) -> Double? { levels[key(column)] }

  /// The known guessing levels of `columns`, by column.
  public static func known(for columns: [String]) -> [String: Double] {
    Dictionary(uniqueKeysWithValues: columns.compactMap { c in known(for: c).map { (c, $0) } })
  }

  /// See `known(for:)`.
  package static func key(_ column: String) -> String {
    var name = column.lowercased()
    if name.hasPrefix("leaderboard_") { name.removeFirst("leaderboard_".count) }
    return String(
      name.unicodeScalars.filter { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") }
        .map(Character.init))
  }
}
