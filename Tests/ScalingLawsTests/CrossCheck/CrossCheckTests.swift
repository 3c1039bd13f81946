import Foundation
import ScalingLaws
import Testing

/// obscale against an independent numpy/scikit-learn/scipy computation on the paper's data,
/// and against the published figures of algorithm.md §5.
///
/// `Tests/CrossCheck/reference.py` is run with the Python of OBSCALE_PYTHON (the venv that
/// `make test` builds); without it, or without the data, the tests fail with a message saying
/// what to set, rather than skipping.
@Suite(.serialized)
struct CrossCheckTests {
  /// The reference output's JSON bytes, computed once.
  static let referenceOutput: Result<Data, CrossCheckFailure> = runReference()

  /// The reference output, parsed.
  static func reference() throws -> [String: Any] {
    let data = try referenceOutput.get()
    guard let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
      throw CrossCheckFailure(message: "reference.py did not print a JSON object")
    }
    return json
  }

  /// The fits the reference script computes, by name, as obscale specifications.
  static let fits: [String: (file: String, spec: FitSpecification)] = {
    let paper = FitSpecification.paperBenchmarks
    return [
      "emergent-word-unscrambling": (
        "base_llm_emergent_capability_eval.csv",
        FitSpecification(target: "word_unscrambling_2_exact_match")
      ),
      "emergent-persian-qa": (
        "base_llm_emergent_capability_eval.csv", FitSpecification(target: "parsinlu_qa_2_acc")
      ),
      "emergent-word-unscrambling-flops": (
        "base_llm_emergent_capability_eval.csv",
        FitSpecification(target: "word_unscrambling_2_exact_match", predictors: .logFLOPs)
      ),
      "post-training-gsm8k-cot": (
        "base_llm_post_training_eval.csv",
        FitSpecification(
          target: "gsm8k_cot_8_exact_match,flexible-extract",
          benchmarks: paper.filter { $0 != "GSM8K" }, law: LawOptions(loss: .huber(delta: 1)))
      ),
    ]
  }()

  /// The published figures of algorithm.md §5 and §13: imputed cells and variance ratios.
  @Test func publishedFigures() throws {
    guard let base = try PaperFacts.base() else { return }
    #expect(base.rowCount == 77)
    let names = FitSpecification.paperBenchmarks
    let x = Matrix(columns: try names.map { try base.numbers($0) })
    let (imputer, filled) = try PCAImputer.fit(x, columnNames: names)
    #expect(imputer.report.missingCells == 6)
    #expect(imputer.report.converged && imputer.report.rounds < 200)
    let published: [(String, String, Double)] = [
      ("meta-llama/Meta-Llama-3-70B", "ARC-C", 0.727218),
      ("meta-llama/Meta-Llama-3-8B", "ARC-C", 0.614683),
      ("tiiuae/falcon-180B", "HumanEval", 0.418217), ("tiiuae/falcon-40b", "HumanEval", 0.330642),
      ("tiiuae/falcon-7b", "HumanEval", 0.196359), ("tiiuae/falcon-rw-1b", "HumanEval", 0.093451),
    ]
    for (model, benchmark, value) in published {
      let i = try #require(base.models.firstIndex(of: model))
      let j = try #require(names.firstIndex(of: benchmark))
      #expect(close(filled[i, j], value, 6e-7), "\(model) \(benchmark): \(filled[i, j])")
    }
    let pca = try PrincipalComponents.fit(filled, components: 5, columnNames: names)
    for (ours, theirs) in zip(
      pca.explainedVarianceRatio, [0.801630, 0.119028, 0.046330, 0.013588, 0.011260])
    {
      #expect(close(ours, theirs, 6e-7))
    }
  }

  /// Imputed cells, variance ratios, components and scores agree with scikit-learn to 1e-6.
  @Test func defaultSelectionMatchesScikitLearn() throws {
    guard let reference = try Self.reference()["default_selection"] as? [String: Any],
      let base = try PaperFacts.base()
    else {
      Issue.record("the reference output has no default_selection")
      return
    }
    #expect(base.models == reference["models"] as? [String])
    let names = FitSpecification.paperBenchmarks
    let x = Matrix(columns: try names.map { try base.numbers($0) })
    let (_, filled) = try PCAImputer.fit(x, columnNames: names)
    let imputed = try #require(reference["imputed"] as? [String: [String: Double]])
    var count = 0
    for (model, cells) in imputed {
      for (benchmark, value) in cells {
        let i = try #require(base.models.firstIndex(of: model))
        let j = try #require(names.firstIndex(of: benchmark))
        #expect(close(filled[i, j], value, 1e-6), "\(model) \(benchmark)")
        count += 1
      }
    }
    #expect(count == 6)
    let pca = try PrincipalComponents.fit(filled, components: 5, columnNames: names)
    let ratios = try #require(reference["explained_variance_ratio"] as? [Double])
    for (ours, theirs) in zip(pca.explainedVarianceRatio, ratios) {
      #expect(close(ours, theirs, 1e-9))
    }
    // The figures a pca's output reports beside the ratios, as scikit-learn names them.
    let variances = try #require(reference["explained_variance"] as? [Double])
    let singular = try #require(reference["singular_values"] as? [Double])
    let means = try #require(reference["mean"] as? [Double])
    #expect(variances.count == 5 && singular.count == 5 && means.count == names.count)
    for (ours, theirs) in zip(pca.explainedVariance, variances) {
      #expect(close(ours, theirs, 1e-9))
    }
    for (ours, theirs) in zip(pca.singularValues, singular) { #expect(close(ours, theirs, 1e-9)) }
    for (ours, theirs) in zip(pca.mean, means) { #expect(close(ours, theirs, 1e-12)) }
    let components = try #require(reference["components"] as? [[Double]])
    for c in 0..<5 {
      for t in 0..<names.count { #expect(close(pca.components[c, t], components[c][t], 1e-6)) }
    }
    let scores = try #require(reference["scores"] as? [[Double]])
    let ours = pca.transform(filled)
    var largest = 0.0
    for i in 0..<base.rowCount {
      for c in 0..<5 { largest = max(largest, abs(ours[i, c] - scores[i][c])) }
    }
    #expect(largest < 1e-6, "largest PC score difference \(largest)")
  }

  /// Each downstream fit: the same train and test models, a train loss no worse than scipy's,
  /// and predictions within 1e-4.
  @Test(arguments: [
    "emergent-word-unscrambling", "emergent-persian-qa", "emergent-word-unscrambling-flops",
    "post-training-gsm8k-cot",
  ])
  func downstreamFitMatchesScipy(_ name: String) throws {
    let fits = try #require(try Self.reference()["fits"] as? [[String: Any]])
    let reference = try #require(fits.first { $0["name"] as? String == name })
    let (file, spec) = try #require(Self.fits[name])
    guard let base = try PaperFacts.base(), let csv = paperCSV(file) else { return }
    let table = try base.innerJoined(with: ScoreTable(csv: csv)).table
    let fit = try ScalingLawFit.fit(table, spec)
    #expect(fit.law.solver.converged)
    let train = Set(fit.rows.filter { $0.side == .train }.map(\.model))
    let test = Set(fit.rows.filter { $0.side == .test }.map(\.model))
    #expect(train == Set(try #require(reference["train_models"] as? [String])))
    #expect(test == Set(try #require(reference["test_models"] as? [String])))
    let theirLoss = try #require(reference["train_loss"] as? Double)
    let ourLoss = fit.rows.filter { $0.side == .train }.reduce(0.0) {
      $0 + 0.5 * $1.residual * $1.residual
    }
    #expect(
      ourLoss <= theirLoss * (1 + 1e-6) + 1e-12, "train loss: ours \(ourLoss), scipy \(theirLoss)")
    let predictions = try #require(reference["predictions"] as? [String: Double])
    var largest = 0.0
    for row in fit.rows {
      let theirs = try #require(predictions[row.model], "\(row.model)")
      largest = max(largest, abs(row.predicted - theirs))
    }
    #expect(largest < 1e-4, "\(name): largest prediction difference \(largest)")
  }

  /// Runs the reference script and parses its JSON.
  static func runReference() -> Result<Data, CrossCheckFailure> {
    let environment = ProcessInfo.processInfo.environment
    guard let python = environment["OBSCALE_PYTHON"], !python.isEmpty else {
      return .failure(
        CrossCheckFailure(
          message:
            "OBSCALE_PYTHON is not set: point it at a Python with numpy, scipy, scikit-learn and pandas (make test builds .venv/ and sets it)"
        ))
    }
    let folders = (environment["OBSCALE_PATH"] ?? "").split(separator: ":").map(String.init)
    guard
      let folder = folders.first(where: {
        FileManager.default.fileExists(
          atPath: URL(fileURLWithPath: $0).appendingPathComponent("base_llm_benchmark_eval.csv")
            .path)
      })
    else {
      return .failure(
        CrossCheckFailure(message: "no folder of OBSCALE_PATH holds base_llm_benchmark_eval.csv"))
    }
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("CrossCheck/reference.py")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script.path, folder]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    do {
      try process.run()
    } catch {
      return .failure(CrossCheckFailure(message: "could not run \(python): \(error)"))
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(
      decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      return .failure(
        CrossCheckFailure(
          message: "reference.py exited with \(process.terminationStatus): \(errorText)"))
    }
    return .success(data)
  }
}

/// Why the reference computation could not be run.
struct CrossCheckFailure: Error, CustomStringConvertible {
  /// What went wrong and what to set.
  var message: String
  /// The message.
  var description: String { message }
}
