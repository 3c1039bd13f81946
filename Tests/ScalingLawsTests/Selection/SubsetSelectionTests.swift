import Foundation
import ScalingLaws
import Synchronization
import Testing

/// V-optimal subset selection (algorithm.md §12): the criterion's known values, the searches
/// against an independent brute force in numpy, and the errors.
struct SubsetSelectionTests {
  /// A known-truth pool: `families` families of 1 to 5 models each with K = 3 Gaussian scores.
  static func pool(families: Int, seed: UInt64) -> (
    scores: Matrix, models: [String], families: [String]
  ) {
    var generator = SplitMix64(seed: seed)
    var rows: [[Double]] = []
    var models: [String] = []
    var names: [String] = []
    for f in 0..<families {
      let size = 1 + Int(generator.next() % 5)
      let offset = generator.nextGaussian()
      for m in 0..<size {
        rows.append([
          offset + generator.nextGaussian(), 0.5 * generator.nextGaussian(),
          0.2 * generator.nextGaussian() + Double(m) * 0.1,
        ])
        models.append("F\(f)-\(m)")
        names.append("F\(f)")
      }
    }
    return (Matrix(rows: rows), models, names)
  }

  @Test func theWholePoolScoresMinusK() {
    let (scores, _, _) = Self.pool(families: 6, seed: 1)
    #expect(
      close(SubsetSelection.criterion(scores: scores, rows: Array(0..<scores.rows)), -3, 1e-9))
    #expect(
      SubsetSelection.criterion(scores: scores, rows: [0, 1]) == -.infinity,
      "fewer models than components")
  }

  @Test func addingModelsNeverLowersTheCriterion() {
    let (scores, _, _) = Self.pool(families: 8, seed: 2)
    var rows: [Int] = []
    var last = -Double.infinity
    for i in 0..<scores.rows {
      rows.append(i)
      let score = SubsetSelection.criterion(scores: scores, rows: rows)
      #expect(score >= last - 1e-9)
      last = score
    }
  }

  @Test func combinationsCountsTheExhaustiveSearch() {
    #expect(SubsetSelection.combinations(families: 5, forced: 1, maxFamilies: 3) == 1 + 4 + 6)
    #expect(
      SubsetSelection.combinations(families: 20, forced: 1, maxFamilies: 10)
        == (0...9).reduce(0) { $0 + binomial(19, $1) })
  }

  @Test func greedyNeverBeatsExhaustiveAndBothRespectTheBudget() throws {
    let (scores, models, families) = Self.pool(families: 12, seed: 3)
    let budgets = [5, 8, 12, 20]
    let exhaustive = try SubsetSelection.select(
      scores: scores, models: models, families: families, forced: ["F0"], budgets: budgets,
      maxFamilies: 6)
    let greedy = try SubsetSelection.select(
      scores: scores, models: models, families: families, forced: ["F0"], budgets: budgets,
      maxFamilies: 6, search: .greedy)
    for (best, quick) in zip(exhaustive.choices, greedy.choices) {
      #expect(best.budget == quick.budget)
      #expect(quick.score <= best.score + 1e-12)
      #expect(best.models.count <= best.budget && quick.models.count <= quick.budget)
      #expect(best.families.first == "F0" && quick.families.first == "F0")
      #expect(best.families.count <= 6)
      #expect(
        close(
          SubsetSelection.criterion(
            scores: scores, rows: best.models.compactMap { models.firstIndex(of: $0) }), best.score,
          1e-9))
    }
    #expect(
      exhaustive.subsetsScored
        < SubsetSelection.combinations(families: 12, forced: 1, maxFamilies: 6),
      "over-budget prefixes are pruned")
    // With a budget every subset fits, every combination is scored once.
    let everything = try SubsetSelection.select(
      scores: scores, models: models, families: families, forced: ["F0"], budgets: [models.count],
      maxFamilies: 6)
    #expect(
      everything.subsetsScored
        == SubsetSelection.combinations(families: 12, forced: 1, maxFamilies: 6))
  }

  @Test func randomSubsetsAreNoBetterThanTheBest() throws {
    let (scores, models, families) = Self.pool(families: 10, seed: 4)
    let selection = try SubsetSelection.select(
      scores: scores, models: models, families: families, forced: [], budgets: [10, 15],
      maxFamilies: 10, randomSamples: 50, seed: 7)
    #expect(selection.randomBaselines.count == 2)
    for (choice, random) in zip(selection.choices, selection.randomBaselines) {
      #expect(random.samples == 50)
      #expect(random.best <= choice.score + 1e-12)
      #expect(random.median <= random.best)
    }
    let again = try SubsetSelection.select(
      scores: scores, models: models, families: families, forced: [], budgets: [10, 15],
      maxFamilies: 10, randomSamples: 50, seed: 7)
    #expect(again == selection, "seeded: the same draws")
  }

  @Test func explainsBadArguments() {
    let (scores, models, families) = Self.pool(families: 4, seed: 5)
    let unknown = thrownError {
      try SubsetSelection.select(
        scores: scores, models: models, families: families, forced: ["F9"], budgets: [5])
    }
    #expect(unknown.map { "\($0)" }?.contains("F9") == true)
    let budget = thrownError {
      try SubsetSelection.select(
        scores: scores, models: models, families: families, forced: [], budgets: [0])
    }
    #expect(budget.map { "\($0)" }?.contains("budget") == true)
    let few = thrownError {
      try SubsetSelection.select(
        scores: scores, models: models, families: families, forced: ["F0", "F1"], budgets: [5],
        maxFamilies: 1)
    }
    #expect(few.map { "\($0)" }?.contains("families") == true)
  }

  @Test func aBudgetNothingFitsIsReportedAsInfeasible() throws {
    let (scores, models, families) = Self.pool(families: 5, seed: 6)
    let selection = try SubsetSelection.select(
      scores: scores, models: models, families: families, forced: [], budgets: [2, 30])
    #expect(selection.infeasibleBudgets == [2])
    #expect(selection.choices.map(\.budget) == [30])
  }

  @Test func theExhaustiveSearchStopsWhenCancelled() {
    let (scores, models, families) = Self.pool(families: 40, seed: 8)
    let monitor = WorkMonitor(isCancelled: { true })
    let error = thrownError {
      try WorkMonitor.$current.withValue(monitor) {
        try SubsetSelection.select(
          scores: scores, models: models, families: families, forced: [], budgets: [200],
          maxFamilies: 8)
      }
    }
    #expect(error == .cancelled(stage: "selecting"))
  }

  @Test(arguments: [(UInt64(11), 9, ["F0"], 5), (12, 11, [], 4), (13, 10, ["F2", "F5"], 6)])
  func matchesABruteForceInNumpy(
    _ seed: UInt64, _ count: Int, _ forced: [String], _ maxFamilies: Int
  ) throws {
    let (scores, models, families) = Self.pool(families: count, seed: seed)
    let budgets = [4, 7, 10, 14, 25]
    let ours = try SubsetSelection.select(
      scores: scores, models: models, families: families, forced: forced, budgets: budgets,
      maxFamilies: maxFamilies)
    let request: [String: Any] = [
      "scores": (0..<scores.rows).map { scores.row($0) }, "families": families, "forced": forced,
      "budgets": budgets,
      "max_families": maxFamilies,
    ]
    let theirs = try runPython(
      "subset_reference.py", input: try JSONSerialization.data(withJSONObject: request))
    guard
      let answers = (try? JSONSerialization.jsonObject(with: theirs)) as? [String: [String: Any]]
    else {
      Issue.record("subset_reference.py printed no JSON object")
      return
    }
    #expect(Set(answers.keys) == Set(ours.choices.map { String($0.budget) }))
    for choice in ours.choices {
      guard let answer = answers[String(choice.budget)], let score = answer["score"] as? Double
      else {
        Issue.record("no answer for budget \(choice.budget)")
        continue
      }
      #expect(close(choice.score, score, 1e-9 * max(1, abs(score))), "budget \(choice.budget)")
      #expect(
        Set(choice.families) == Set(answer["families"] as? [String] ?? []),
        "budget \(choice.budget)")
    }
  }
}

/// C(n, k).
func binomial(_ n: Int, _ k: Int) -> Int {
  guard k >= 0, k <= n else { return 0 }
  var result = 1
  for i in 0..<k { result = result * (n - i) / (i + 1) }
  return result
}

/// Runs `Tests/CrossCheck/<script>` with OBSCALE_PYTHON, `input` on its standard input;
/// returns its standard output. Fails with what to set when OBSCALE_PYTHON is not set.
func runPython(_ script: String, input: Data) throws -> Data {
  guard let python = ProcessInfo.processInfo.environment["OBSCALE_PYTHON"], !python.isEmpty else {
    throw CrossCheckFailure(
      message:
        "OBSCALE_PYTHON is not set: point it at a Python with numpy (make test builds .venv/ and sets it)"
    )
  }
  let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("CrossCheck/\(script)")
  let process = Process()
  process.executableURL = URL(fileURLWithPath: python)
  process.arguments = [path.path]
  let stdin = Pipe()
  let stdout = Pipe()
  let stderr = Pipe()
  process.standardInput = stdin
  process.standardOutput = stdout
  process.standardError = stderr
  try process.run()
  stdin.fileHandleForWriting.write(input)
  try stdin.fileHandleForWriting.close()
  let output = stdout.fileHandleForReading.readDataToEndOfFile()
  let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  guard process.terminationStatus == 0 else {
    throw CrossCheckFailure(
      message: "\(script) exited with \(process.terminationStatus): \(errors)")
  }
  return output
}

/// Progress from a long exhaustive search.
struct SubsetSelectionProgressTests {
  @Test func aLongSearchReportsProgress() throws {
    let (scores, models, families) = SubsetSelectionTests.pool(families: 40, seed: 21)
    let reports = ProgressLog()
    let monitor = WorkMonitor(report: { reports.add($0) }, interval: 0)
    let selection = try WorkMonitor.$current.withValue(monitor) {
      try SubsetSelection.select(
        scores: scores, models: models, families: families, forced: [], budgets: [1000],
        maxFamilies: 5)
    }
    let seen = reports.all
    #expect(!seen.isEmpty)
    #expect(
      seen.allSatisfy {
        $0.stage == "selecting" && $0.unit == "subset"
          && $0.limit == SubsetSelection.combinations(families: 40, forced: 0, maxFamilies: 5)
      })
    #expect(seen.map(\.done) == seen.map(\.done).sorted(), "the count only grows")
    #expect(
      selection.subsetsScored
        == SubsetSelection.combinations(families: 40, forced: 0, maxFamilies: 5))
  }
}

/// Progress reports collected from any thread.
final class ProgressLog: Sendable {
  private let reports = Mutex<[WorkProgress]>([])

  func add(_ report: WorkProgress) {
    reports.withLock { $0.append(report) }
  }

  var all: [WorkProgress] { reports.withLock { $0 } }
}
