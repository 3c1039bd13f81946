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
  public var subject: String {
    switch self {
    case .csvEmpty: return "csv-empty"
    case .csvHeaderOnly: return "csv-header-only"
    case .csvUnterminatedQuote: return "csv-unterminated-quote"
    case .csvStrayQuote: return "csv-stray-quote"
    case .csvInvalidUTF8: return "csv-invalid-utf8"
    case .csvRaggedRow: return "csv-ragged-row"
    case .csvDuplicateColumn: return "csv-duplicate-column"
    case .csvEmptyColumnName: return "csv-empty-column-name"
    case .nonNumericCell: return "non-numeric-cell"
    case .nonFiniteCell: return "non-finite-cell"
    case .nonPositiveCell: return "non-positive-cell"
    case .missingRequiredColumn: return "missing-required-column"
    case .unknownColumn: return "unknown-column"
    case .columnNotNumeric: return "column-not-numeric"
    case .duplicateModel: return "duplicate-model"
    case .emptyModelName: return "empty-model-name"
    case .unknownModel: return "unknown-model"
    case .unknownFamily: return "unknown-family"
    case .joinHasNoMatches: return "join-has-no-matches"
    case .joinColumnClash: return "join-column-clash"
    case .duplicateColumnName: return "duplicate-column-name"
    case .columnLengthMismatch: return "column-length-mismatch"
    case .noRowsLeft: return "no-rows-left"
    case .tooManyRuns: return "too-many-runs"
    case .scoreOutOfRange: return "score-out-of-range"
    case .leaderboardCellOutOfRange: return "leaderboard-cell-out-of-range"
    case .leaderboardLooksFractional: return "leaderboard-looks-fractional"
    case .leaderboardColumnsRepeat: return "leaderboard-columns-repeat"
    case .leaderboardColumnEmpty: return "leaderboard-column-empty"
    case .harnessValueNotFinite: return "harness-value-not-finite"
    case .harnessNoBenchmarks: return "harness-no-benchmarks"
    case .noObservedValues: return "no-observed-values"
    case .constantColumn: return "constant-column"
    case .targetOutsideLawRange: return "target-outside-law-range"
    case .logOfNonPositive: return "log-of-non-positive"
    case .observedOutsideClip: return "observed-outside-clip"
    case .nonFiniteValue: return "non-finite-value"
    case .noTargetValues: return "no-target-values"
    case .invalidParameter(let name, _, _): return "parameter: " + name
    case .tooManyComponents: return "too-many-components"
    case .emptySplit: return "empty-split"
    case .tooFewTrainRows: return "too-few-train-rows"
    case .referenceFamilyTooSmall: return "reference-family-too-small"
    case .referenceSlopeNotPositive: return "reference-slope-not-positive"
    case .invalidTransform: return "invalid-transform"
    case .infeasibleStart: return "infeasible-start"
    case .nonFiniteObjective: return "non-finite-objective"
    case .linearAlgebraFailure: return "linear-algebra-failure"
    case .noBenchmarks: return "no-benchmarks"
    case .weightsNeedComponents: return "weights-need-components"
    case .cancelled: return "cancelled"
    }
  }
}
