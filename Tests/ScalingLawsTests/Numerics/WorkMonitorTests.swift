import Foundation
import ScalingLaws
import Synchronization
import Testing

/// Long engine work reports progress and stops when asked, through the task-local monitor.
struct WorkMonitorTests {
  /// A 40 × 6 low-rank matrix with a fifth of its cells missing, slow enough to converge that
  /// imputation runs many rounds.
  static func matrixWithHoles() -> Matrix {
    var generator = SplitMix64(seed: 11)
    var x = Matrix(rows: 40, columns: 6)
    for i in 0..<40 {
      let a = generator.nextGaussian()
      let b = generator.nextGaussian()
      for j in 0..<6 {
        x[i, j] = a * Double(j + 1) + b * Double(6 - j) + 0.3 * generator.nextGaussian()
      }
    }
    for i in 0..<40 where i % 5 == 0 {
      x[i, i % 6] = .nan
      x[i, (i + 2) % 6] = .nan
    }
    return x
  }

  @Test func reportsEachRoundWhenTheIntervalIsZero() throws {
    let reports = Mutex<[WorkProgress]>([])
    let monitor = WorkMonitor(
      report: { progress in reports.withLock { $0.append(progress) } }, interval: 0)
    let settings = ImputationSettings(clip: nil)
    let (imputer, _) = try WorkMonitor.$current.withValue(monitor) {
      try PCAImputer.fit(
        Self.matrixWithHoles(), columnNames: (1...6).map { "b\($0)" }, settings: settings)
    }
    let seen = reports.withLock { $0 }
    #expect(imputer.report.rounds > 3)
    #expect(
      seen.count == imputer.report.rounds,
      "one report per round: \(seen.count) for \(imputer.report.rounds) rounds")
    #expect(seen.map(\.done) == Array(0..<imputer.report.rounds))
    #expect(seen.allSatisfy { $0.stage == "imputing" && $0.limit == 1000 })
  }

  @Test func cancellationStopsImputation() {
    let polls = Atomic<Int>(0)
    let monitor = WorkMonitor(isCancelled: { polls.add(1, ordering: .relaxed).newValue > 3 })
    let error = thrownError {
      try WorkMonitor.$current.withValue(monitor) {
        try PCAImputer.fit(
          Self.matrixWithHoles(), columnNames: (1...6).map { "b\($0)" },
          settings: ImputationSettings(clip: nil))
      }
    }
    #expect(error == .cancelled(stage: "imputing"))
    #expect(polls.load(ordering: .relaxed) == 4, "it stops at the first poll that says so")
  }

  @Test func cancellationStopsTheSolver() {
    let xs = (0..<30).map { Double($0) / 3 }
    let ys = xs.map { 0.8 / (1 + exp(4 - $0)) + 0.1 }
    let monitor = WorkMonitor(isCancelled: { true })
    let error = thrownError {
      try WorkMonitor.$current.withValue(monitor) {
        try FittedLaw.fit(predictors: Matrix(columns: [xs]), names: ["x"], targets: ys)
      }
    }
    #expect(error == .cancelled(stage: "fitting"))
  }

  @Test func withoutAMonitorNothingIsReportedOrCancelled() throws {
    let (imputer, _) = try PCAImputer.fit(
      Self.matrixWithHoles(), columnNames: (1...6).map { "b\($0)" },
      settings: ImputationSettings(clip: nil))
    #expect(imputer.report.converged)
  }
}
