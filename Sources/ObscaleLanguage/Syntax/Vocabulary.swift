internal import ScalingLaws

/// The words of the language by role, for the highlighters outside Swift: the JupyterLab
/// editor mode that `obscale install` writes and the Pygments lexer in `python/`, whose
/// word lists a test compares with these.
public enum Vocabulary {
  /// The statements' keywords.
  public static var statements: [String] { StatementCatalog.keywords }

  /// Every option name, and the labels of arguments inside calls (`cutoff(84, column = …)`).
  public static var options: [String] {
    let names = StatementCatalog.statements.flatMap { $0.options.map(\.name) } + callLabels
    return Array(Set(names)).sorted()
  }

  /// The labels each `split` call's arguments take (`cutoff(84, column = …)`): what the
  /// split reader accepts and completion offers.
  public static let splitLabels: [String: [String]] = Dictionary(
    uniqueKeysWithValues: SplitValue.calls.map { ($0.name, $0.labels) })

  /// The labels arguments take inside the `split` calls.
  public static var callLabels: [String] { Array(Set(splitLabels.values.joined())).sorted() }

  /// Words that join a statement's parts: `where`, `and`, `in`, `for`, `on`, `to`.
  public static let connectives = [
    "where", "and", "or", "not", "in", "has", "for", "on", "to", "by", "desc", "with",
  ]

  /// Calls: predictor forms, then every option value's calls (splits, transforms, the Huber
  /// loss with its δ), as the options declare them.
  public static let functions: [String] = {
    let calls = StatementCatalog.statements.flatMap { $0.options.flatMap(\.accepts.words) }
      .filter { $0.hasSuffix("(") }.map { String($0.dropLast()) }
    var seen: Set<String> = []
    let arithmetic = Arithmetic.functions.map(\.name)
    return (["pc", "log"] + calls + arithmetic).filter { seen.insert($0).inserted }
  }()

  /// Fixed option values and other constant words.
  public static var constants: [String] {
    let words = StatementCatalog.statements.flatMap { $0.options.flatMap(\.accepts.words) }
      .filter { !$0.hasSuffix("(") }
    return Array(Set(words + ["yes", "no", "true", "false", "off", "demo", "flops", "size"]))
      .sorted()
  }
}
