import Foundation
import ScalingLaws
import Testing

/// The pipeline on synthetic data with a known law, and its bad-input errors.
struct ScalingLawFitTests {
  /// A table whose target follows y = 0.9·σ(−3 + 0.8·ln FLOPs) + 0.1 exactly.
  static func sigmoidTable(models: Int = 12) throws -> ScoreTable {
    var lines = ["Model,Model Family,FLOPs (1E21),y"]
    for i in 0..<models {
      let flops = pow(10, -1 + 5 * Double(i) / Double(models - 1))
      let y = 0.9 / (1 + exp(3 - 0.8 * log(flops + 1e-9))) + 0.1
      lines.append("m\(i),\(i % 2 == 0 ? "Even" : "Odd"),\(flops),\(y)")
    }
    return try ScoreTable(csv: bytes(lines.joined(separator: "\n")))
  }

  @Test func recoversAKnownLawFromCompute() throws {
    let spec = FitSpecification(
      target: "y", split: .cutoff(column: "FLOPs (1E21)", threshold: .absolute(200)),
      predictors: .logFLOPs, referenceFamily: "Even")
    let fit = try ScalingLawFit.fit(try Self.sigmoidTable(), spec)
    #expect(fit.law.solver.converged)
    #expect(close(fit.law.intercept, -3, 1e-5) && close(fit.law.weights[0], 0.8, 1e-5))
    #expect(close(fit.law.floor, 0.1, 1e-6))
    #expect(fit.testErrors.count > 0 && fit.testErrors.mse < 1e-10)
    // The reference regression maps each Even model back to its own compute.
    for row in fit.rows where row.family == "Even" {
      #expect(close(row.equivalentLog10FLOPs ?? .nan, log10(row.flops), 1e-6))
    }
  }

  /// A table whose `y` is on a 0–10 scale (AgentBench) and whose `z` has a zero.
  static func scaledTable() throws -> ScoreTable {
    var lines = ["Model,Model Family,FLOPs (1E21),y,z"]
    for i in 0..<10 {
      lines.append(
        "m\(i),F,\(1 + i * 20),\(0.5 + Double(i) * 0.6),\(i == 3 ? 0 : 0.1 + Double(i) * 0.05)")
    }
    return try ScoreTable(csv: bytes(lines.joined(separator: "\n")))
  }

  /// Outside what the method supports, the fit refuses and names the models, where it used to
  /// fit silently: a sigmoid on a 0–10 target, log of a zero score, log(0 + 1e-9) = −20.7.
  @Test func refusesTargetsAndLogsOutsideTheirDomain() throws {
    let table = try Self.scaledTable()
    let split = SplitRule.cutoff(column: "FLOPs (1E21)", threshold: .absolute(100))
    var outside = FitSpecification(target: "y", split: split, predictors: .logFLOPs)
    outside.referenceFamily = nil
    guard
      case .targetOutsideLawRange(let target, _, let range, let low, let high, let models)? =
        thrownError({ try ScalingLawFit.fit(table, outside) })
    else {
      Issue.record("a sigmoid law fitted a 0–10 target")
      return
    }
    #expect(target == "y" && range == 0...1 && close(low, 0.5, 1e-12) && close(high, 5.9, 1e-12))
    #expect(models == ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"])
    outside.targetTransforms = [.minmax(low: 0, high: 10)]
    #expect((try? ScalingLawFit.fit(table, outside)) != nil, "rescaled, it fits")
    var linear = FitSpecification(target: "y", split: split, predictors: .logFLOPs)
    linear.referenceFamily = nil
    linear.law = LawOptions(form: .linear)
    #expect((try? ScalingLawFit.fit(table, linear)) != nil, "an unbounded law fits any scale")

    var logTarget = FitSpecification(target: "z", split: split, predictors: .logFLOPs)
    logTarget.referenceFamily = nil
    logTarget.targetTransforms = [.log]
    logTarget.law = LawOptions(form: .linear)
    #expect(
      thrownError { try ScalingLawFit.fit(table, logTarget) }
        == .invalidTransform(name: "log", reason: .outsideDomain(models: ["m3"], domain: "> 0")))

    var logColumn = FitSpecification(
      target: "y", split: split, predictors: .columns(["z"], log: true))
    logColumn.referenceFamily = nil
    logColumn.law = LawOptions(form: .linear)
    #expect(
      thrownError { try ScalingLawFit.fit(table, logColumn) }
        == .logOfNonPositive(column: "z", models: ["m3"]))
  }

  /// Each form, fitted to noise-free data it generated, returns its own parameters.
  @Test(
    arguments: [
      (LawForm.sigmoidParametric, [0.4, 1.3, 0.05]),
      (.sigmoidParametricFreeHeight, [0.4, 1.3, 0.85, 0.05]),
      (.sigmoid, [0.4, 1.3]),
      (.exp, [-1.0, 0.5]),
      (.linear, [0.4, 1.3]),
    ] as [(LawForm, [Double])])
  func everyFormFitsItsOwnData(_ form: LawForm, _ truth: [Double]) throws {
    let xs = (0..<15).map { -2 + Double($0) * 0.3 }
    let ys = xs.map { x -> Double in
      let p = truth[0] + truth[1] * x
      let sigma = 1 / (1 + exp(-p))
      switch form {
      case .sigmoidParametric: return (1 - truth[2]) * sigma + truth[2]
      case .sigmoidParametricFreeHeight: return truth[2] * sigma + truth[3]
      case .sigmoid: return sigma
      case .exp: return exp(p)
      case .linear: return p
      }
    }
    let fitted = try FittedLaw.fit(
      predictors: Matrix(columns: [xs]), names: ["x"], targets: ys, options: LawOptions(form: form))
    #expect(fitted.solver.converged, "\(form)")
    #expect(fitted.parameters.count == truth.count)
    for (a, b) in zip(fitted.parameters, truth) { #expect(close(a, b, 1e-5), "\(form)") }
  }

  @Test func restartsReportTheWinner() throws {
    let xs = (0..<10).map { Double($0) }
    let ys = xs.map { 0.8 / (1 + exp(4 - $0)) + 0.2 }
    let fitted = try FittedLaw.fit(
      predictors: Matrix(columns: [xs]), names: ["x"], targets: ys,
      options: LawOptions(restarts: 4, seed: 3))
    #expect(fitted.solver.starts == 5)
    #expect((0..<5).contains(fitted.solver.winningStart))
    #expect(fitted.solver.cost < 1e-12)
  }

  /// δ is bounded by the data: 1e-14 on scores of spread ~0.3 is refused, naming the limit;
  /// just above the limit the solver moves and converges.
  @Test func huberDeltaIsBoundedByTheTargetsSpread() throws {
    let table = try Self.sigmoidTable()
    var spec = FitSpecification(
      target: "y", split: .cutoff(column: "FLOPs (1E21)", threshold: .absolute(200)),
      predictors: .logFLOPs, referenceFamily: nil)
    spec.law.loss = .huber(delta: 1e-14)
    guard
      case .invalidParameter(let name, _, let limit)? = thrownError({
        try ScalingLawFit.fit(table, spec)
      })
    else {
      Issue.record("a Huber δ of 1e-14 was accepted")
      return
    }
    #expect(name == "huber delta" && limit.contains("1e-6 × the targets' standard deviation"))
    let trainY = try table.numbers("y").enumerated().filter {
      try table.numbers("FLOPs (1E21)")[$0.offset] <= 200
    }.map(\.element)
    spec.law.loss = .huber(delta: 2 * FittedLaw.hubersLeastDelta(trainY))
    let fit = try ScalingLawFit.fit(table, spec)
    #expect(fit.law.solver.converged && fit.law.solver.iterations > 0)
  }

  /// Above 1000 rows the extra starts are screened on a sample; the search still lands on
  /// the known law, and never above the default start's train loss.
  @Test func largeTablesScreenTheirStartsOnASample() throws {
    let n = 3000
    let xs = (0..<n).map { -3 + 6 * Double($0) / Double(n - 1) }
    let ys = xs.enumerated().map { i, x in
      0.95 / (1 + exp(-(0.4 + 1.3 * x))) + 0.05 + 0.01 * sin(Double(i))
    }
    let screened = try FittedLaw.fit(predictors: Matrix(columns: [xs]), names: ["x"], targets: ys)
    let single = try FittedLaw.fit(
      predictors: Matrix(columns: [xs]), names: ["x"], targets: ys, options: LawOptions(restarts: 0)
    )
    #expect(screened.solver.starts == 1 + LawOptions.defaultRestarts)
    #expect(screened.solver.cost <= single.solver.cost * (1 + 1e-12))
    #expect(
      close(screened.intercept, 0.4, 0.02) && close(screened.weights[0], 1.3, 0.05)
        && close(screened.floor, 0.05, 0.01))
  }

  @Test func solverThatRunsOutIsReported() throws {
    var spec = FitSpecification(target: "y", predictors: .logFLOPs, referenceFamily: nil)
    spec.law.maxEvaluations = 2
    spec.split = .cutoff(column: "FLOPs (1E21)", threshold: .absolute(200))
    let fit = try ScalingLawFit.fit(try Self.sigmoidTable(), spec)
    #expect(!fit.law.solver.converged)
    #expect(fit.law.solver.termination == .maxEvaluations)
  }

  @Test(
    arguments: [
      (
        "unknown target", FitSpecification(target: "Y", predictors: .logFLOPs),
        ScalingLawsError.unknownColumn(name: "Y", suggestion: "y")
      ),
      (
        "train too small",
        FitSpecification(
          target: "y", split: .cutoff(column: "FLOPs (1E21)", threshold: .absolute(0.2)),
          predictors: .logFLOPs, referenceFamily: nil), .tooFewTrainRows(rows: 1, parameters: 3)
      ),
      (
        "reference too small",
        FitSpecification(target: "y", split: .none, predictors: .logFLOPs, referenceFamily: "Solo"),
        .referenceFamilyTooSmall(family: "Solo", distinctFLOPs: 1)
      ),
      (
        "unknown reference",
        FitSpecification(target: "y", split: .none, predictors: .logFLOPs, referenceFamily: "even"),
        .unknownFamily(name: "even", suggestion: "Even")
      ),
      (
        "empty minmax",
        FitSpecification(
          target: "y", targetTransforms: [.minmax(low: 1, high: 1)], predictors: .logFLOPs),
        .invalidTransform(name: "minmax [1, 1]", reason: .emptyRange(low: 1, high: 1))
      ),
      (
        "too many components",
        FitSpecification(
          target: "y", split: .none, benchmarks: ["FLOPs (1E21)"], computedComponents: 3,
          predictors: .principalComponents(4), referenceFamily: nil),
        .invalidParameter(
          name: "components used", value: "4", limit: "between 1 and the 3 components computed")
      ),
      (
        "components beyond benchmarks",
        FitSpecification(
          target: "y", split: .none, benchmarks: ["FLOPs (1E21)"],
          predictors: .principalComponents(2), referenceFamily: nil),
        .tooManyComponents(requested: 2, models: 13, benchmarks: 1)
      ),
    ] as [(String, FitSpecification, ScalingLawsError)])
  func rejectsBadSpecifications(
    _ name: String, _ spec: FitSpecification, _ expected: ScalingLawsError
  ) throws {
    let withSolo = try ScoreTable(
      csv: bytes(try csvText(Self.sigmoidTable()) + "\nsolo,Solo,5,0.5"))
    #expect(thrownError { try ScalingLawFit.fit(withSolo, spec) } == expected, "\(name)")
  }

  /// A reference family whose capability falls as its compute grows would send its largest
  /// model below its smallest: refused. The R² of an accepted one is recorded.
  @Test func referenceMustGrowWithComputeAndReportsItsRSquared() throws {
    var lines = ["Model,Model Family,FLOPs (1E21),q,y"]
    for i in 0..<6 {
      // Up: q grows with FLOPs; Down: q falls with FLOPs.
      lines.append(
        "up\(i),Up,\(10 * (i + 1)),\(0.1 * Double(i) + (i == 2 ? 0.03 : 0)),\(0.2 + 0.1 * Double(i))"
      )
      lines.append(
        "down\(i),Down,\(10 * (i + 1)),\(0.5 - 0.05 * Double(i)),\(0.25 + 0.1 * Double(i))")
    }
    let table = try ScoreTable(csv: bytes(lines.joined(separator: "\n")))
    var spec = FitSpecification(
      target: "y", split: .none, predictors: .columns(["q"], log: false), referenceFamily: "Down")
    spec.law = LawOptions(form: .linear)
    guard
      case .referenceSlopeNotPositive(let family, let slope, let models)? = thrownError({
        try ScalingLawFit.fit(table, spec)
      })
    else {
      Issue.record("a falling reference family was accepted")
      return
    }
    #expect(family == "Down" && slope < 0 && models == 6)
    spec.referenceFamily = "Up"
    let fit = try ScalingLawFit.fit(table, spec)
    let r2 = try #require(fit.equivalence?.rSquared)
    // Independently: R² of P on log10 FLOPs over the Up models.
    let up = fit.rows.filter { $0.family == "Up" }
    let x = up.map { log10($0.flops) }
    let p = up.map(\.capability)
    let mx = x.reduce(0, +) / 6
    let mp = p.reduce(0, +) / 6
    let sxy = zip(x, p).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - mp) }
    let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
    let syy = p.reduce(0) { $0 + ($1 - mp) * ($1 - mp) }
    #expect(close(r2, sxy * sxy / (sxx * syy), 1e-12))
    #expect(r2 > 0.8 && r2 < 1)
  }

  @Test func computeBaselineDropsRowsWithoutFLOPsAndSaysSo() throws {
    let table = try ScoreTable(csv: bytes(try csvText(Self.sigmoidTable()) + "\nhidden,Odd,,0.5"))
    let spec = FitSpecification(
      target: "y", split: .paperDefault, predictors: .logFLOPs, referenceFamily: "Even")
    let fit = try ScalingLawFit.fit(table, spec)
    #expect(
      fit.dropped == [DroppedRow(model: "hidden", reason: .missingPredictor(["FLOPs (1E21)"]))])
    #expect(!fit.rows.contains { $0.model == "hidden" })
  }

  /// Writes a table back as CSV text (numbers only; for building test variants).
  func csvText(_ table: ScoreTable) throws -> String {
    var lines = [table.columnNames.joined(separator: ",")]
    for i in 0..<table.rowCount {
      lines.append(
        table.columns.map { column -> String in
          switch column.values {
          case .text(let values): return values[i]
          case .numbers(let values): return values[i].isNaN ? "" : "\(values[i])"
          }
        }.joined(separator: ","))
    }
    return lines.joined(separator: "\n")
  }
}
