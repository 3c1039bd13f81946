/// Everything that can go wrong in the scaling-law engine, with the data needed to explain it.
///
/// Cases carry values, limits and positions, never rendered text; the wording lives in
/// `ScalingLawsError+Description.swift`. Positions in CSV text are 1-based: `line` counts
/// physical lines (a quoted field spanning lines advances it) and `column` counts characters
/// on that line.
public enum ScalingLawsError: Error, Equatable, Sendable {
  // MARK: - CSV text

  /// The text holds no header row at all.
  case csvEmpty
  /// The text has a header row but no data rows.
  case csvHeaderOnly(columns: Int)
  /// A quoted field was still open when the text ended.
  case csvUnterminatedQuote(line: Int, column: Int)
  /// A quote appeared inside an unquoted field, or text followed a closing quote.
  case csvStrayQuote(line: Int, column: Int)
  /// The bytes are not valid UTF-8.
  case csvInvalidUTF8(line: Int, column: Int)
  /// A data row has a different number of fields than the header.
  case csvRaggedRow(line: Int, expected: Int, found: Int)
  /// Two header cells carry the same name.
  case csvDuplicateColumn(name: String, line: Int, column: Int)
  /// A header cell is empty.
  case csvEmptyColumnName(line: Int, column: Int)
  /// A numeric column holds a cell that is not a number.
  case nonNumericCell(value: String, columnName: String, line: Int, column: Int)
  /// A numeric cell spells NaN or infinity, or overflows a double.
  case nonFiniteCell(value: String, columnName: String, line: Int, column: Int)
  /// A model's FLOPs, size or token count is zero or negative (its logarithm is undefined).
  case nonPositiveCell(value: String, columnName: String, line: Int, column: Int)

  // MARK: - Tables

  /// A column the operation needs is absent.
  case missingRequiredColumn(name: String, available: [String])
  /// A column named by the user does not exist; `suggestion` is the closest existing name.
  case unknownColumn(name: String, suggestion: String?)
  /// A column that must be numeric holds text.
  case columnNotNumeric(name: String)
  /// Two rows name the same model.
  case duplicateModel(name: String, firstRow: Int, secondRow: Int)
  /// A row has an empty model name.
  case emptyModelName(row: Int)
  /// A model named by the user matches no row; `suggestion` is the closest id.
  case unknownModel(name: String, suggestion: String?)
  /// A short model name ends more than one id.
  case ambiguousModel(name: String, ids: [String])
  /// A family named by the user does not occur in the table.
  case unknownFamily(name: String, suggestion: String?)
  /// Two tables were joined on `Model` and no name matched.
  case joinHasNoMatches(leftRows: Int, rightRows: Int)
  /// Two joined tables share a column other than `Model`.
  case joinColumnClash(name: String)
  /// A rename would give two columns the same name.
  case duplicateColumnName(name: String)
  /// A table was built with columns of unequal length.
  case columnLengthMismatch(name: String, expected: Int, found: Int)
  /// A filter or selection left no rows.
  case noRowsLeft(operation: String)

  // MARK: - Other tools' results

  /// More results files than one table reads.
  case tooManyRuns(count: Int, limit: Int)
  /// A harness metric lies outside the range of a score.
  case scoreOutOfRange(column: String, model: String, value: Double, limit: ClosedRange<Double>)
  /// A leaderboard score lies outside its scale (0–100, or 0–1 with `scale = fraction`).
  case leaderboardCellOutOfRange(
    value: String, columnName: String, line: Int, column: Int, scale: String)
  /// Every score of a leaderboard table is at most 1: the table is in [0, 1] already.
  case leaderboardLooksFractional(columnName: String, largest: Double)
  /// Two columns of a leaderboard table hold one benchmark.
  case leaderboardColumnsRepeat(benchmark: String, first: String, second: String)
  /// A benchmark column of a leaderboard table has no number in any row.
  case leaderboardColumnEmpty(columnName: String)
  /// A metric that a harness results file holds for a benchmark read is not a finite number.
  case harnessValueNotFinite(source: String, task: String, metric: String, value: Double)
  /// No harness results file holds any benchmark read: their tasks are named.
  case harnessNoBenchmarks(sources: [String], tasks: [String])

  // MARK: - Data for fitting

  /// A benchmark column has no observed value among the rows being fitted.
  case noObservedValues(column: String)
  /// The target has one value on every train model (or every model): no law is identified.
  case constantTarget(column: String, value: Double, models: Int, scope: String)
  /// A benchmark column has a single value on every observed row: it cannot be standardized.
  case constantColumn(column: String, value: Double)
  /// A bounded law (a sigmoid predicts a fraction) is asked to fit targets well outside its
  /// range (by more than 5% of it).
  case targetOutsideLawRange(
    target: String, form: String, range: ClosedRange<Double>, low: Double, high: Double,
    models: [String])
  /// A forecast's benchmarks have scores outside [0, 1], the range its link predicts (scores
  /// on 0–100, say): every such column, and the first one's range and models outside;
  /// `table` names the table in the remedy it suggests.
  case scoreNotFraction(
    columns: [String], low: Double, high: Double, models: [String], table: String = "TABLE")
  /// A log predictor of a column with values ≤ 0.
  case logOfNonPositive(column: String, models: [String])
  /// A column with cells to impute has observed values outside the range imputed cells are
  /// clipped to (a 0–100 benchmark under the default [0, 1]): every imputed cell would be
  /// clipped to a bound.
  case observedOutsideClip(column: String, low: Double, high: Double, clip: ClosedRange<Double>)
  /// A value that must be finite is not (a predictor, a target, an option).
  case nonFiniteValue(what: String, row: String)
  /// The target column has no value on any row.
  case noTargetValues(column: String)
  /// A parameter is out of its allowed range; `limit` describes the range in words.
  case invalidParameter(name: String, value: String, limit: String)
  /// More principal components were requested than the data can give.
  case tooManyComponents(requested: Int, models: Int, benchmarks: Int)
  /// A split left one side empty.
  case emptySplit(side: SplitSide, rule: String)
  /// Fewer training rows than law parameters.
  case tooFewTrainRows(rows: Int, parameters: Int)
  /// The reference family for f-equivalent FLOPs has too few distinct FLOPs values.
  case referenceFamilyTooSmall(family: String, distinctFLOPs: Int)
  /// The reference family's capability does not grow with its compute.
  case referenceSlopeNotPositive(family: String, slope: Double, models: Int)
  /// A target transform produced a non-finite value or has an empty range.
  case invalidTransform(name: String, reason: TransformProblem)
  /// The starting point of a fit lies outside its bounds, or bounds are crossed.
  case infeasibleStart(parameter: String, value: Double, lower: Double, upper: Double)
  /// Residuals or the Jacobian became non-finite at the starting point.
  case nonFiniteObjective(iteration: Int)
  /// LAPACK reported a failure that the caller cannot recover from.
  case linearAlgebraFailure(routine: String, info: Int)
  /// Predictors name principal components but no benchmarks were given.
  case noBenchmarks
  /// Benchmark weights were asked of a law whose predictors are not principal components.
  case weightsNeedComponents
  /// The work was cancelled through `WorkMonitor` during `stage`.
  case cancelled(stage: String)
}

/// One side of a train/test split.
public enum SplitSide: String, Codable, Equatable, Sendable {
  /// The rows the law is fitted on.
  case train
  /// The rows held out for evaluation.
  case test
}

/// Why a target transform could not be applied.
public enum TransformProblem: Equatable, Sendable {
  /// `minmax` was given a range whose ends coincide or are crossed.
  case emptyRange(low: Double, high: Double)
  /// A transformed value is NaN or infinite (e.g. `log` of a negative score).
  case nonFiniteResult(row: String, value: Double)
  /// `log` or `logit` of scores outside its domain (zeros): log(0 + 1e-9) = −20.7 would
  /// dominate the fit.
  case outsideDomain(models: [String], domain: String)
}
