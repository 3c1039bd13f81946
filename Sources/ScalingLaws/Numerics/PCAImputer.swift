/// Settings of PCA imputation (algorithm.md §5).
public struct ImputationSettings: Codable, Equatable, Sendable {
  /// Components of the low-rank model the missing cells are filled from. Default 1.
  public var components: Int
  /// The stopping tolerance, in standardized units. Default 1e-4 (the reference's `tol`).
  public var tolerance: Double
  /// The most refinement rounds. Default 1000.
  public var maxRounds: Int
  /// The range imputed cells are clipped to, or nil for none. Default [0, 1].
  public var clip: ClosedRange<Double>?
  /// Which test ends the rounds. Default `.missingCells`.
  public var stopping: ImputationStopping

  /// Creates settings; the defaults are the reference's.
  public init(
    components: Int = 1, tolerance: Double = 1e-4, maxRounds: Int = 1000,
    clip: ClosedRange<Double>? = 0...1, stopping: ImputationStopping = .missingCells
  ) {
    self.components = components
    self.tolerance = tolerance
    self.maxRounds = maxRounds
    self.clip = clip
    self.stopping = stopping
  }
}

/// The test that ends imputation's refinement rounds.
public enum ImputationStopping: String, Codable, Equatable, Sendable {
  /// Stop once no missing cell moved by more than `tolerance × 1e-5` in a round.
  ///
  /// The rounds converge linearly, so a round's change understates the distance to the fixed
  /// point by the factor ρ/(1 − ρ); scaling the reference's 1e-4 by 1e-5 leaves the cells
  /// within ~1e-8 of the fixed point the reference reaches by running all 1000 rounds, in
  /// about 50 rounds on the published data.
  case missingCells
  /// The reference's test: stop once *every* cell, observed ones included, is within
  /// `tolerance` (+ 1e-5 relative) of its reconstruction. Observed cells almost never are, so
  /// this usually runs all `maxRounds`.
  case reference
}

/// PCA imputation fitted on training rows: the standardization and the last low-rank model.
///
/// Fitting (on train): standardize each column by the mean and population standard deviation
/// of its observed cells; set missing cells to 0 (the column mean); then repeat — fit a
/// centered PCA with `components` components to the filled matrix, reconstruct it, and write
/// the reconstruction into the missing cells only — until the stopping test holds or
/// `maxRounds` rounds have run. Finally un-standardize and clip the *imputed* cells to `clip`.
///
/// Applying (to test rows): standardize with train's statistics, fill with 0, then repeat the
/// reconstruction with train's last PCA, held fixed, writing missing cells only.
///
/// Deviation from the reference, on purpose: observed cells are never clipped (the reference
/// clips every cell, which would alter data outside the clip range).
///
/// Reference: algorithm.md §5; the reference implementation's `pca_impute`.
public struct PCAImputer: Codable, Equatable, Sendable {
  /// The settings it was fitted with.
  public var settings: ImputationSettings
  /// The column names.
  public var columnNames: [String]
  /// Train column means over observed cells.
  public var means: [Double]
  /// Train population standard deviations over observed cells.
  public var deviations: [Double]
  /// The PCA of the last round, in standardized units.
  public var model: PrincipalComponents
  /// How fitting ended.
  public var report: ImputationReport

  /// Fits the imputer on `x` (rows = models, NaN = missing) and returns it with the filled `x`.
  ///
  /// - Throws: `.noObservedValues` or `.constantColumn` for a column that cannot be
  ///   standardized; `.invalidParameter` for bad settings; `.tooManyComponents`.
  public static func fit(_ x: Matrix, columnNames: [String], settings: ImputationSettings = .init())
    throws -> (imputer: PCAImputer, filled: Matrix)
  {
    try validate(settings)
    precondition(
      columnNames.count == x.columns, "\(columnNames.count) names for \(x.columns) columns")
    var means = [Double](repeating: 0, count: x.columns)
    var deviations = [Double](repeating: 1, count: x.columns)
    for j in 0..<x.columns {
      let observed = x.column(j).filter { !$0.isNaN }
      guard let first = observed.first else {
        throw ScalingLawsError.noObservedValues(column: columnNames[j])
      }
      let mean = observed.reduce(0, +) / Double(observed.count)
      let variance = observed.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(observed.count)
      guard variance > 0 else {
        throw ScalingLawsError.constantColumn(column: columnNames[j], value: first)
      }
      means[j] = mean
      deviations[j] = variance.squareRoot()
    }
    // A column with cells to fill must observe the clip range: a 0–100 column under the
    // default [0, 1] would have every imputed cell clipped to 1, silently.
    if let clip = settings.clip {
      for j in 0..<x.columns {
        let column = x.column(j)
        guard column.contains(where: \.isNaN) else { continue }
        let observed = column.filter { !$0.isNaN }
        if let low = observed.min(), let high = observed.max(),
          low < clip.lowerBound || high > clip.upperBound
        {
          throw ScalingLawsError.observedOutsideClip(
            column: columnNames[j], low: low, high: high, clip: clip)
        }
      }
    }
    var z = standardized(x, means: means, deviations: deviations)
    let missing = missingCells(x)
    var rounds = 0
    var converged = false
    var change = 0.0
    var model = try PrincipalComponents.fit(
      z, components: settings.components, columnNames: columnNames)
    if missing.isEmpty {
      converged = true
    } else {
      var throttle = ProgressThrottle()
      while rounds < settings.maxRounds {
        try WorkMonitor.checkCancellation("imputing")
        throttle.offer(
          WorkProgress(
            stage: "imputing", done: rounds, limit: settings.maxRounds,
            detail: "largest change \(formatNumber(change))"))
        if rounds > 0 {
          model = try PrincipalComponents.fit(
            z, components: settings.components, columnNames: columnNames)
        }
        rounds += 1
        guard let values = reconstructedCells(z, model: model, missing: missing, settings: settings)
        else {
          converged = true
          break
        }
        change = 0
        for (index, value) in zip(missing, values) {
          change = max(change, abs(value - z.storage[index]))
          z.storage[index] = value
        }
        if settings.stopping == .missingCells, change < settings.tolerance * 1e-5 {
          converged = true
          break
        }
      }
    }
    let filled = finished(
      z, x: x, missing: missing, means: means, deviations: deviations, clip: settings.clip)
    let report = ImputationReport(
      missingCells: missing.count, rounds: rounds, converged: converged, lastChange: change)
    let imputer = PCAImputer(
      settings: settings, columnNames: columnNames, means: means, deviations: deviations,
      model: model, report: report)
    return (imputer, filled)
  }

  /// Fills the missing cells of `x` (rows = models, same columns as train) with the fitted model.
  ///
  /// - Returns: the filled matrix and how its rounds ended.
  /// - Throws: `.cancelled` when the work monitor asks to stop.
  public func apply(to x: Matrix) throws -> (filled: Matrix, report: ImputationReport) {
    precondition(
      x.columns == means.count, "matrix has \(x.columns) columns, imputer \(means.count)")
    var z = Self.standardized(x, means: means, deviations: deviations)
    let missing = Self.missingCells(x)
    var rounds = 0
    var converged = missing.isEmpty
    var change = 0.0
    var throttle = ProgressThrottle()
    while !converged, rounds < settings.maxRounds {
      try WorkMonitor.checkCancellation("imputing")
      throttle.offer(
        WorkProgress(
          stage: "imputing held-out rows", done: rounds, limit: settings.maxRounds,
          detail: "largest change \(formatNumber(change))"))
      rounds += 1
      guard
        let values = Self.reconstructedCells(z, model: model, missing: missing, settings: settings)
      else {
        converged = true
        break
      }
      change = 0
      for (index, value) in zip(missing, values) {
        change = max(change, abs(value - z.storage[index]))
        z.storage[index] = value
      }
      if settings.stopping == .missingCells, change < settings.tolerance * 1e-5 { converged = true }
    }
    let filled = Self.finished(
      z, x: x, missing: missing, means: means, deviations: deviations, clip: settings.clip)
    return (
      filled,
      ImputationReport(
        missingCells: missing.count, rounds: rounds, converged: converged, lastChange: change)
    )
  }

  /// Checks the settings against their limits.
  /// The model's reconstruction of the `missing` cells of `z`, or nil when the reference's
  /// stopping test (the whole reconstruction close to `z`) holds. Only that test needs the
  /// whole n × T reconstruction; the default rule computes the missing cells alone, which
  /// spares large tables an n × T allocation (and the kernel's page zeroing) every round.
  private static func reconstructedCells(
    _ z: Matrix, model: PrincipalComponents, missing: [Int], settings: ImputationSettings
  ) -> [Double]? {
    let scores = model.transform(z)
    guard settings.stopping == .reference else { return model.reconstruct(scores, at: missing) }
    let reconstruction = model.reconstruct(scores)
    if allClose(z, reconstruction, tolerance: settings.tolerance) { return nil }
    return missing.map { reconstruction.storage[$0] }
  }

  private static func validate(_ settings: ImputationSettings) throws {
    guard settings.components >= 1 else {
      throw ScalingLawsError.invalidParameter(
        name: "imputation components", value: "\(settings.components)", limit: "at least 1")
    }
    guard settings.tolerance > 0, settings.tolerance.isFinite else {
      throw ScalingLawsError.invalidParameter(
        name: "imputation tolerance", value: "\(settings.tolerance)", limit: "a positive number")
    }
    guard settings.maxRounds >= 1 else {
      throw ScalingLawsError.invalidParameter(
        name: "imputation rounds", value: "\(settings.maxRounds)", limit: "at least 1")
    }
  }

  /// Returns (x − mean) / deviation per column, with 0 in missing cells.
  private static func standardized(_ x: Matrix, means: [Double], deviations: [Double]) -> Matrix {
    var z = x
    for j in 0..<x.columns {
      let base = j * x.rows
      for i in 0..<x.rows {
        let value = x.storage[base + i]
        z.storage[base + i] = value.isNaN ? 0 : (value - means[j]) / deviations[j]
      }
    }
    return z
  }

  /// Returns the storage offsets of the missing cells of `x`.
  private static func missingCells(_ x: Matrix) -> [Int] {
    x.storage.indices.filter { x.storage[$0].isNaN }
  }

  /// Returns `x` with its missing cells taken from `z`, un-standardized and clipped.
  private static func finished(
    _ z: Matrix, x: Matrix, missing: [Int], means: [Double], deviations: [Double],
    clip: ClosedRange<Double>?
  ) -> Matrix {
    var result = x
    for index in missing {
      let j = index / x.rows
      var value = z.storage[index] * deviations[j] + means[j]
      if let clip { value = min(max(value, clip.lowerBound), clip.upperBound) }
      result.storage[index] = value
    }
    return result
  }

  /// Returns whether |a − b| ≤ tolerance + 1e-5·|b| for every cell (numpy's `allclose`).
  private static func allClose(_ a: Matrix, _ b: Matrix, tolerance: Double) -> Bool {
    zip(a.storage, b.storage).allSatisfy { abs($0 - $1) <= tolerance + 1e-5 * abs($1) }
  }
}

/// How an imputation's refinement rounds ended.
public struct ImputationReport: Codable, Equatable, Sendable {
  /// The number of missing cells filled.
  public var missingCells: Int
  /// The rounds run.
  public var rounds: Int
  /// Whether the stopping test held before `maxRounds` ran out (true when nothing was missing).
  public var converged: Bool
  /// The largest change of a missing cell in the last round, in standardized units.
  public var lastChange: Double
}
