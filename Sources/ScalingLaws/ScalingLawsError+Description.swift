// MARK: - CustomStringConvertible

extension ScalingLawsError: CustomStringConvertible {
  /// The message shown to the user: a lower-case fragment naming the value, the limit and
  /// the place, with the user's text in single quotes.
  public var description: String {
    switch self {
    case .csvEmpty:
      return "the CSV text is empty: expected a header row naming the columns"
    case .csvHeaderOnly(let columns):
      return "the CSV text has a header of \(columns) columns but no data rows"
    case .csvUnterminatedQuote(let line, let column):
      return "line \(line), column \(column): the quoted field opened here is never closed"
    case .csvStrayQuote(let line, let column):
      return
        "line \(line), column \(column): a quote inside an unquoted field, or text after a closing quote (quote the whole field and double inner quotes)"
    case .csvInvalidUTF8(let line, let column):
      return "line \(line), column \(column): the bytes are not valid UTF-8"
    case .csvRaggedRow(let line, let expected, let found):
      return "line \(line): \(found) fields, but the header has \(expected)"
    case .csvDuplicateColumn(let name, let line, let column):
      return "line \(line), column \(column): the column name '\(name)' appears twice in the header"
    case .csvEmptyColumnName(let line, let column):
      return "line \(line), column \(column): a header cell is empty; every column needs a name"
    case .nonNumericCell(let value, let name, let line, let column):
      return
        "line \(line), column \(column): '\(value)' in column '\(name)' is not a number (leave the cell empty for a missing value)"
    case .nonFiniteCell(let value, let name, let line, let column):
      return
        "line \(line), column \(column): '\(value)' in column '\(name)' is not a finite number (leave the cell empty for a missing value)"
    case .nonPositiveCell(let value, let name, let line, let column):
      return
        "line \(line), column \(column): '\(value)' in column '\(name)' is not positive: FLOPs, model sizes and token counts must be > 0 (their logarithm is taken); leave the cell empty when unknown"
    case .observedOutsideClip(let column, let low, let high, let clip):
      return
        "column '\(column)' has observed values from \(formatNumber(low)) to \(formatNumber(high)), outside the range [\(formatNumber(clip.lowerBound)), \(formatNumber(clip.upperBound))] its imputed cells are clipped to: every imputed cell would sit at a bound. Rescale the column to [0, 1] (scores as fractions, not percentages); `impute` can also fill it without clipping (clip = none)"
    case .missingRequiredColumn(let name, let available):
      return
        "the table has no column '\(name)' (it has: \(available.map { "'\($0)'" }.joined(separator: ", ")))"
    case .unknownColumn(let name, let suggestion):
      return "unknown column '\(name)'" + didYouMean(suggestion)
    case .columnNotNumeric(let name):
      return "column '\(name)' holds text, but a numeric column is needed here"
    case .duplicateModel(let name, let first, let second):
      return
        "model '\(name)' appears twice (lines \(first) and \(second)); model ids must be unique"
    case .emptyModelName(let row):
      return "row \(row) has an empty model id"
    case .ambiguousModel(let name, let ids):
      return
        "'\(name)' names \(ids.count) models (\(ids.prefix(6).map { "'\($0)'" }.joined(separator: ", "))\(ids.count > 6 ? " and \(ids.count - 6) more" : "")): write the full id of the one you mean"
    case .unknownModel(let name, let suggestion):
      return "unknown model '\(name)'" + didYouMean(suggestion)
    case .unknownFamily(let name, let suggestion):
      return "unknown family '\(name)'" + didYouMean(suggestion)
    case .joinHasNoMatches(let left, let right):
      return
        "no model of the left table (\(left) rows) appears in the right table (\(right) rows); the join on 'Model' would be empty"
    case .joinColumnClash(let name):
      return
        "both tables have a column '\(name)'; rename or drop it in one of them before joining (rename t `\(name)` to …, or drop t `\(name)`)"
    case .duplicateColumnName(let name):
      return
        "two columns would be named '\(name)'; choose another name, or drop the other column first"
    case .columnLengthMismatch(let name, let expected, let found):
      return "column '\(name)' has \(found) cells, but the table has \(expected) rows"
    case .noRowsLeft(let operation):
      return "the \(operation) left no rows"
    case .tooManyRuns(let count, let limit):
      return "\(count) results files are more than the \(limit) one table reads"
    case .scoreOutOfRange(let column, let model, let value, let limit):
      return
        "\(model): \(column) is \(formatNumber(value)), outside [\(formatNumber(limit.lowerBound)), \(formatNumber(limit.upperBound))], the range of a score"
    case .leaderboardCellOutOfRange(let value, let name, let line, let column, let scale):
      return
        "line \(line), column \(column): '\(value)' in column '\(name)' is outside \(scale), the table's scale"
    case .leaderboardLooksFractional(let name, let largest):
      return
        "every score of the table is at most \(formatNumber(largest)) (the largest, in column '\(name)'): these look like fractions, not the leaderboard's 0–100 scale; load it with scale = fraction"
    case .leaderboardColumnsRepeat(let benchmark, let first, let second):
      return
        "columns '\(first)' and '\(second)' both hold \(benchmark); drop one of them from the file, or load it as a plain table"
    case .leaderboardColumnEmpty(let name):
      return "column '\(name)' has no number in any row: it holds no scores"
    case .harnessValueNotFinite(let source, let task, let metric, let value):
      return
        "\(source): task '\(task)' has \(metric) = \(value.isNaN ? "NaN" : value > 0 ? "Infinity" : "-Infinity"), not a score"
    case .harnessNoBenchmarks(let sources, let tasks):
      let shown = tasks.prefix(8).joined(separator: ", ")
      let more = tasks.count > 8 ? " and \(tasks.count - 8) more" : ""
      let files =
        sources.prefix(3).joined(separator: ", ")
        + (sources.count > 3 ? " and \(sources.count - 3) more" : "")
      return
        "\(files) hold\(sources.count == 1 ? "s" : "") none of the paper's benchmarks nor the Open LLM Leaderboard v2's (\(tasks.isEmpty ? "no task with a number" : "tasks: " + shown + more)); load with tasks = all to read every task's metrics as columns"
    case .constantTarget(let column, let value, let models, let scope):
      return
        "the target '\(column)' is \(formatNumber(value)) for every one of the \(models) \(scope): there is nothing to fit (a law through one value is any law); choose another target\(scope == "models" ? "" : " or another split")"
    case .noObservedValues(let column):
      return
        "benchmark '\(column)' has no observed value among the training rows; it cannot be imputed"
    case .constantColumn(let column, let value):
      return
        "benchmark '\(column)' has the same value \(value) on every observed training row; it carries no information and cannot be standardized"
    case .nonFiniteValue(let what, let row):
      return "\(what) is not finite at \(row)"
    case .noTargetValues(let column):
      return "target '\(column)' has no value on any row"
    case .invalidParameter(let name, let value, let limit):
      return "\(name) \(value) is out of range: it must be \(limit)"
    case .tooManyComponents(let requested, let models, let benchmarks):
      return
        "component count \(requested) must be between 1 and min(models, benchmarks) = min(\(models), \(benchmarks)) = \(min(models, benchmarks))"
    case .emptySplit(let side, let rule):
      return "the split (\(rule)) leaves the \(side.rawValue) set empty"
    case .tooFewTrainRows(let rows, let parameters):
      return
        "\(rows) training model\(rows == 1 ? "" : "s") cannot determine a law: at least 2 are needed (this law has \(parameters) parameters; fewer than that fits with a warning)"
    case .referenceFamilyTooSmall(let family, let distinct):
      return
        "reference family '\(family)' has \(distinct) distinct FLOPs value\(distinct == 1 ? "" : "s") among the fitted rows; f-equivalent FLOPs need at least 2"
    case .referenceSlopeNotPositive(let family, let slope, let models):
      return
        "reference family '\(family)': its capability does not grow with compute (slope \(formatNumber(slope)) per decade over \(models) models), so f-equivalent FLOPs would rank stronger models below weaker ones; choose a family whose models grow with compute"
    case .invalidTransform(let name, .emptyRange(let low, let high)):
      return
        "target transform '\(name)': the range [\(low), \(high)] is empty; the upper end must exceed the lower"
    case .invalidTransform(let name, .outsideDomain(let models, let domain)):
      return
        "target transform '\(name)' needs scores \(domain), but \(models.count) model\(models.count == 1 ? "'s is" : "s' are") not: \(ScalingLawsError.list(models)); drop \(models.count == 1 ? "it" : "them") (filter … where …), widen a minmax before it, or choose another transform"
    case .targetOutsideLawRange(let target, let form, let range, let low, let high, let models):
      let scale =
        low >= 0
        ? "minmax(0, \(formatNumber((high).rounded(.up))))"
        : "minmax(\(formatNumber(low.rounded(.down))), \(formatNumber(high.rounded(.up))))"
      return
        "the \(form) law predicts scores in [\(formatNumber(range.lowerBound)), \(formatNumber(range.upperBound))], but '\(target)' runs from \(formatNumber(low)) to \(formatNumber(high)) (\(models.count) model\(models.count == 1 ? "" : "s") outside: \(ScalingLawsError.list(models))); rescale it with transform = \(scale), using the benchmark's own scale, or fit law = linear"
    case .scoreNotFraction(let columns, let low, let high, let models, let table):
      let names = columns.map(\.visibleInline)
      let others =
        names.count > 1
        ? ", and \(names.count - 1) more benchmark\(names.count == 2 ? "" : "s") leave\(names.count == 2 ? "s" : "") it too: \(names.dropFirst().joined(separator: ", "))"
        : ""
      let divisions = names.map { "`\($0)` = `\($0)` / 100" }.joined(separator: ", ")
      return
        "a forecast reads each benchmark as a fraction in [0, 1], but '\(names.first ?? "")' runs from \(NumberFormatting.significant(low, 4)) to \(NumberFormatting.significant(high, 4)) (\(models.count) model\(models.count == 1 ? "" : "s") outside: \(ScalingLawsError.list(models.map(\.visibleInline))))\(others); if \(names.count == 1 ? "it is" : "they are") on 0–100, divide \(names.count == 1 ? "it" : "them") first: compute \(table.visibleInline): \(divisions)"
    case .logOfNonPositive(let column, let models):
      return
        "log of '\(column)' needs values > 0, but \(models.count) model\(models.count == 1 ? " has" : "s have") 0 or less: \(ScalingLawsError.list(models)); drop them (filter … where `\(column)` > 0) or use the column without log"
    case .invalidTransform(let name, .nonFiniteResult(let row, let value)):
      return "target transform '\(name)' gives \(value) for model '\(row)'"
    case .infeasibleStart(let parameter, let value, let lower, let upper):
      return "start value \(value) of \(parameter) lies outside its bounds [\(lower), \(upper)]"
    case .nonFiniteObjective(let iteration):
      return
        "the law's residuals are not finite at iteration \(iteration); check the predictors' scale and the start point"
    case .linearAlgebraFailure(let routine, let info):
      return
        "the linear-algebra routine \(routine) failed (info \(info)); the data may hold values too large to handle"
    case .noBenchmarks:
      return "principal components need at least one benchmark column"
    case .cancelled(let stage):
      return "interrupted while \(stage)"
    case .weightsNeedComponents:
      return "benchmark weights exist only for laws whose predictors are principal components"
    }
  }
}

/// Returns " (did you mean 'x'?)" or "".
private func didYouMean(_ suggestion: String?) -> String {
  suggestion.map { " (did you mean '\($0)'?)" } ?? ""
}

extension ScalingLawsError {
  /// The first five of `models`, then how many more.
  static func list(_ models: [String]) -> String {
    models.prefix(5).joined(separator: ", ")
      + (models.count > 5 ? ", … (\(models.count - 5) more)" : "")
  }
}

extension ScalingLawsError {
  /// What the error is about, stable for matching: the case in kebab case
  /// (`target-outside-law-range`), and for `.invalidParameter` the parameter's name
  /// (`parameter: huber delta`). The language's option rows name the errors they answer for
  /// with these, so that an error points at the option that caused it.
  public var subject: String { typedSubject.text }
}

extension ScalingLawsError {
  /// The kinds of error, without their facts: what an option row names to answer for an
  /// error (`ErrorSubject`), checked by the compiler rather than matched as text.
  public enum Kind: String, CaseIterable, Sendable {
    /// `csv-empty`.
    case csvEmpty = "csv-empty"
    /// `csv-header-only`.
    case csvHeaderOnly = "csv-header-only"
    /// `csv-unterminated-quote`.
    case csvUnterminatedQuote = "csv-unterminated-quote"
    /// `csv-stray-quote`.
    case csvStrayQuote = "csv-stray-quote"
    /// `csv-invalid-utf8`.
    case csvInvalidUTF8 = "csv-invalid-utf8"
    /// `csv-ragged-row`.
    case csvRaggedRow = "csv-ragged-row"
    /// `csv-duplicate-column`.
    case csvDuplicateColumn = "csv-duplicate-column"
    /// `csv-empty-column-name`.
    case csvEmptyColumnName = "csv-empty-column-name"
    /// `non-numeric-cell`.
    case nonNumericCell = "non-numeric-cell"
    /// `non-finite-cell`.
    case nonFiniteCell = "non-finite-cell"
    /// `non-positive-cell`.
    case nonPositiveCell = "non-positive-cell"
    /// `missing-required-column`.
    case missingRequiredColumn = "missing-required-column"
    /// `unknown-column`.
    case unknownColumn = "unknown-column"
    /// `column-not-numeric`.
    case columnNotNumeric = "column-not-numeric"
    /// `duplicate-model`.
    case duplicateModel = "duplicate-model"
    /// `empty-model-name`.
    case emptyModelName = "empty-model-name"
    /// `unknown-model`.
    case unknownModel = "unknown-model"
    /// `ambiguous-model`.
    case ambiguousModel = "ambiguous-model"
    /// `unknown-family`.
    case unknownFamily = "unknown-family"
    /// `join-has-no-matches`.
    case joinHasNoMatches = "join-has-no-matches"
    /// `join-column-clash`.
    case joinColumnClash = "join-column-clash"
    /// `duplicate-column-name`.
    case duplicateColumnName = "duplicate-column-name"
    /// `column-length-mismatch`.
    case columnLengthMismatch = "column-length-mismatch"
    /// `no-rows-left`.
    case noRowsLeft = "no-rows-left"
    /// `too-many-runs`.
    case tooManyRuns = "too-many-runs"
    /// `score-out-of-range`.
    case scoreOutOfRange = "score-out-of-range"
    /// `leaderboard-cell-out-of-range`.
    case leaderboardCellOutOfRange = "leaderboard-cell-out-of-range"
    /// `leaderboard-looks-fractional`.
    case leaderboardLooksFractional = "leaderboard-looks-fractional"
    /// `leaderboard-columns-repeat`.
    case leaderboardColumnsRepeat = "leaderboard-columns-repeat"
    /// `leaderboard-column-empty`.
    case leaderboardColumnEmpty = "leaderboard-column-empty"
    /// `harness-value-not-finite`.
    case harnessValueNotFinite = "harness-value-not-finite"
    /// `harness-no-benchmarks`.
    case harnessNoBenchmarks = "harness-no-benchmarks"
    /// `constant-target`.
    case constantTarget = "constant-target"
    /// `no-observed-values`.
    case noObservedValues = "no-observed-values"
    /// `constant-column`.
    case constantColumn = "constant-column"
    /// `target-outside-law-range`.
    case targetOutsideLawRange = "target-outside-law-range"
    /// `score-not-fraction`.
    case scoreNotFraction = "score-not-fraction"
    /// `log-of-non-positive`.
    case logOfNonPositive = "log-of-non-positive"
    /// `observed-outside-clip`.
    case observedOutsideClip = "observed-outside-clip"
    /// `non-finite-value`.
    case nonFiniteValue = "non-finite-value"
    /// `no-target-values`.
    case noTargetValues = "no-target-values"
    /// `too-many-components`.
    case tooManyComponents = "too-many-components"
    /// `empty-split`.
    case emptySplit = "empty-split"
    /// `too-few-train-rows`.
    case tooFewTrainRows = "too-few-train-rows"
    /// `reference-family-too-small`.
    case referenceFamilyTooSmall = "reference-family-too-small"
    /// `reference-slope-not-positive`.
    case referenceSlopeNotPositive = "reference-slope-not-positive"
    /// `invalid-transform`.
    case invalidTransform = "invalid-transform"
    /// `infeasible-start`.
    case infeasibleStart = "infeasible-start"
    /// `non-finite-objective`.
    case nonFiniteObjective = "non-finite-objective"
    /// `linear-algebra-failure`.
    case linearAlgebraFailure = "linear-algebra-failure"
    /// `no-benchmarks`.
    case noBenchmarks = "no-benchmarks"
    /// `weights-need-components`.
    case weightsNeedComponents = "weights-need-components"
    /// `cancelled`.
    case cancelled = "cancelled"
  }

  /// What the error is about, typed: its kind, or for `.invalidParameter` the parameter.
  public var typedSubject: ErrorSubject {
    switch self {
    case .csvEmpty: return .kind(.csvEmpty)
    case .csvHeaderOnly: return .kind(.csvHeaderOnly)
    case .csvUnterminatedQuote: return .kind(.csvUnterminatedQuote)
    case .csvStrayQuote: return .kind(.csvStrayQuote)
    case .csvInvalidUTF8: return .kind(.csvInvalidUTF8)
    case .csvRaggedRow: return .kind(.csvRaggedRow)
    case .csvDuplicateColumn: return .kind(.csvDuplicateColumn)
    case .csvEmptyColumnName: return .kind(.csvEmptyColumnName)
    case .nonNumericCell: return .kind(.nonNumericCell)
    case .nonFiniteCell: return .kind(.nonFiniteCell)
    case .nonPositiveCell: return .kind(.nonPositiveCell)
    case .missingRequiredColumn: return .kind(.missingRequiredColumn)
    case .unknownColumn: return .kind(.unknownColumn)
    case .columnNotNumeric: return .kind(.columnNotNumeric)
    case .duplicateModel: return .kind(.duplicateModel)
    case .emptyModelName: return .kind(.emptyModelName)
    case .unknownModel: return .kind(.unknownModel)
    case .ambiguousModel: return .kind(.ambiguousModel)
    case .unknownFamily: return .kind(.unknownFamily)
    case .joinHasNoMatches: return .kind(.joinHasNoMatches)
    case .joinColumnClash: return .kind(.joinColumnClash)
    case .duplicateColumnName: return .kind(.duplicateColumnName)
    case .columnLengthMismatch: return .kind(.columnLengthMismatch)
    case .noRowsLeft: return .kind(.noRowsLeft)
    case .tooManyRuns: return .kind(.tooManyRuns)
    case .scoreOutOfRange: return .kind(.scoreOutOfRange)
    case .leaderboardCellOutOfRange: return .kind(.leaderboardCellOutOfRange)
    case .leaderboardLooksFractional: return .kind(.leaderboardLooksFractional)
    case .leaderboardColumnsRepeat: return .kind(.leaderboardColumnsRepeat)
    case .leaderboardColumnEmpty: return .kind(.leaderboardColumnEmpty)
    case .harnessValueNotFinite: return .kind(.harnessValueNotFinite)
    case .harnessNoBenchmarks: return .kind(.harnessNoBenchmarks)
    case .constantTarget: return .kind(.constantTarget)
    case .noObservedValues: return .kind(.noObservedValues)
    case .constantColumn: return .kind(.constantColumn)
    case .targetOutsideLawRange: return .kind(.targetOutsideLawRange)
    case .scoreNotFraction: return .kind(.scoreNotFraction)
    case .logOfNonPositive: return .kind(.logOfNonPositive)
    case .observedOutsideClip: return .kind(.observedOutsideClip)
    case .nonFiniteValue: return .kind(.nonFiniteValue)
    case .noTargetValues: return .kind(.noTargetValues)
    case .tooManyComponents: return .kind(.tooManyComponents)
    case .emptySplit: return .kind(.emptySplit)
    case .tooFewTrainRows: return .kind(.tooFewTrainRows)
    case .referenceFamilyTooSmall: return .kind(.referenceFamilyTooSmall)
    case .referenceSlopeNotPositive: return .kind(.referenceSlopeNotPositive)
    case .invalidTransform: return .kind(.invalidTransform)
    case .infeasibleStart: return .kind(.infeasibleStart)
    case .nonFiniteObjective: return .kind(.nonFiniteObjective)
    case .linearAlgebraFailure: return .kind(.linearAlgebraFailure)
    case .noBenchmarks: return .kind(.noBenchmarks)
    case .weightsNeedComponents: return .kind(.weightsNeedComponents)
    case .cancelled: return .kind(.cancelled)
    case .invalidParameter(let name, _, _): return .parameter(name)
    }
  }
}

/// What an error is about: a kind of error, or the parameter an `.invalidParameter` names. An
/// option row lists the subjects it answers for, so that such an error points at the option.
public enum ErrorSubject: Hashable, Sendable {
  /// Any error of this kind.
  case kind(ScalingLawsError.Kind)
  /// An invalid value of this parameter of the engine (`test size`, `huber delta`).
  case parameter(String)

  /// The subject as text: the kind's kebab-case name, or `parameter: name`.
  public var text: String {
    switch self {
    case .kind(let kind): return kind.rawValue
    case .parameter(let name): return "parameter: " + name
    }
  }
}
