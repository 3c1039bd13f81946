internal import ScalingLaws

/// Helpers that more than one statement uses, in one place: the capability analysis of a
/// `pca` (also `select`, `plot`), a fit read against a reference family and the compute
/// range of several fits (`plot`, `gap`, `equiv`), where a written file goes (`save`, `plot`),
/// the subset split (`select`, a fit's `split = subset(…)`), and the resampling settings
/// (`bootstrap`, `backtest`).
/// The options of a statement that runs a capability analysis (`pca`, `select`): its
/// benchmark columns, how many components, and the imputation.
struct CapabilityOptions: Sendable {
  /// `benchmarks`.
  let benchmarks: Option<NamesValue>
  /// `components`.
  let components: Option<CountValue>
  /// `impute`.
  let impute: Option<ImputationValue>

  /// How many components an analysis computes when `components` is not given (at most the
  /// data allow): `pca`'s default.
  static let computedComponents = 5
}

/// The resampling settings of a statement that bootstraps (`bootstrap`, `backtest`),
/// decoded from its `samples`, `seed` and `level` options and checked together.
struct Resampling {
  /// Resamples (0: none, where the statement allows it).
  var samples: Int
  /// The seed of the resamples.
  var seed: UInt64
  /// The coverage of the intervals.
  var level: Double

  /// Decodes `samples` (the statement's own row), `seed` and `level` from `options`.
  ///
  /// A percentile band needs resamples beyond each of its ends: at 90%, 5% of them on each
  /// side, so at least 2/(1 − level) = 20 for one each; fewer give a "band" that is the
  /// extreme refits.
  init(
    _ options: OptionSettings, samples row: Option<CountValue>, at range: SourceRange,
    in environment: Environment
  ) throws {
    samples = try environment.value(row, of: options)
    seed = UInt64(try environment.value(BootstrapStatement.Options.seed, of: options))
    level = try environment.value(BootstrapStatement.Options.level, of: options)
    let needed = Int((2 / (1 - level) - 1e-9).rounded(.up))
    if samples > 0, samples < needed {
      let none = row.value.range.lowerBound == 0 ? " (or 0: no intervals)" : ""
      throw EvaluationFailure(
        .invalidValue(
          option: row.name, value: "\(samples)",
          expected:
            "at least \(needed) resamples for \(NumberFormatting.significant(level * 100, 3))% bands (one beyond each end)\(none); 200 or more for ends that settle",
          suggestion: nil),
        at: options[row]?.value.range ?? range)
    }
  }
}

/// The capability analysis's settings of one `pca` or `select`: its benchmark columns
/// (checked against the table), the imputation, and the components asked for (checked
/// against those the data allow when the analysis knows them).
struct CapabilitySettings {
  /// The benchmark columns.
  var benchmarks: [String]
  /// The imputation; nil for none.
  var imputation: ImputationSettings?
  /// `components`, as written.
  var components: Located<Expression>?

  /// Decodes the rows `rows` of `options` for `table` (named `tableName`).
  init(
    decoding options: OptionSettings, reading rows: CapabilityOptions, table: ScoreTable,
    tableName: String, in environment: Environment
  ) throws {
    benchmarks = try environment.benchmarks(
      rows.benchmarks, of: options, table: table, tableName: tableName, at: .none)
    imputation = try environment.value(rows.impute, of: options)
    components = options[rows.components]?.value
  }
}

extension Environment {
  /// The principal capabilities of `table` with `settings` (the engine's pipeline,
  /// ``CapabilityAnalysis/analyze``).
  func capabilities(
    _ table: ScoreTable, _ settings: CapabilitySettings, progress: (String) -> Void
  ) throws -> CapabilityAnalysis {
    announce(table.rowCount, settings.benchmarks.count, "imputing and decomposing", progress)
    return try CapabilityAnalysis.analyze(
      table, benchmarks: settings.benchmarks, imputation: settings.imputation
    ) { available in
      // The components given are checked against those the data allow, known only here.
      guard let written = settings.components else {
        return min(CapabilityOptions.computedComponents, available)
      }
      return try count(written, option: "components", in: 1...max(1, available))
    }
  }

  /// The fit's reference regression, or an error at its name when it has none.
  func referenced(_ fit: ScalingLawFit, name: Located<String>) throws -> ComputeEquivalence {
    guard let equivalence = fit.equivalence else {
      throw EvaluationFailure(
        .invalidValue(
          option: "fit", value: name.value,
          expected: "a fit with a reference family (equiv \(name.value) reference = …)",
          suggestion: nil), at: name.range)
    }
    return equivalence
  }

  /// The f-equivalent FLOPs range of the fits' models, padded by 5%.
  func range(_ fits: [ScalingLawFit]) -> (Double, Double) {
    let xs = fits.flatMap { $0.rows.compactMap(\.equivalentLog10FLOPs) }.filter(\.isFinite)
    guard let low = xs.min(), let high = xs.max(), high > low else { return (0, 1) }
    let pad = (high - low) * 0.05
    return (low - pad, high + pad)
  }

  /// Writes a table as CSV or a fit as JSON.
  /// Where a file named in a statement is written: as given when absolute, else in the
  /// script's or notebook's folder.
  func outputPath(_ file: String) -> String {
    file.hasPrefix("/") ? file : joinPath(directory ?? ".", file)
  }

  /// The split `subset(selection, budget[, random = N])`: the chosen models (or those of
  /// the selection's N-th random draw for that budget) train, all others test.
  func subsetSplit(
    _ arguments: [Located<Expression>], random: Located<Expression>? = nil, at range: SourceRange
  ) throws -> SplitRule {
    guard arguments.count == 2, case .name(let name, false) = arguments[0].value else {
      throw EvaluationFailure(
        .invalidValue(
          option: "split", value: "subset(…)", expected: "subset(selection, budget)",
          suggestion: nil), at: range)
    }
    guard let value = values[name] else {
      throw EvaluationFailure(
        .undefinedName(name, suggestion: Suggestion.closest(to: name, among: Array(values.keys))),
        at: arguments[0].range)
    }
    guard case .selection(let analysis) = value else {
      throw EvaluationFailure(
        .wrongKind(name: name, expected: "a selection", found: value.kindDescription),
        at: arguments[0].range)
    }
    let budget = try count(arguments[1], option: "subset budget", in: 1...Int.max)
    guard let choice = analysis.selection.choices.first(where: { $0.budget == budget }) else {
      let budgets = analysis.selection.choices.map { String($0.budget) }
      throw EvaluationFailure(
        .invalidValue(
          option: "subset budget", value: String(budget),
          expected: "one of the budgets of '\(name)': " + budgets.joined(separator: ", "),
          suggestion: nil),
        at: arguments[1].range)
    }
    guard let random else { return .holdOut(.modelNotIn(choice.models)) }
    let draws = analysis.selection.randomBaselines.first { $0.budget == budget }?.draws ?? []
    guard !draws.isEmpty else {
      throw EvaluationFailure(
        .invalidValue(
          option: "random", value: random.value.display,
          expected: "a selection made with random = N (\(name) has no random draws)",
          suggestion: nil), at: random.range)
    }
    let draw = try count(random, option: "random", in: 1...draws.count)
    let families = Set(draws[draw - 1])
    let members = zip(analysis.models, analysis.families).filter { families.contains($0.1) }.map(
      \.0)
    return .holdOut(.modelNotIn(members))
  }
}
