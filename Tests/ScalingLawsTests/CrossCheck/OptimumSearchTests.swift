import Dispatch
import Foundation
import ScalingLaws
import Synchronization
import Testing

/// The default fit finds the best optimum: for every law the paper fits, a search from 200
/// seeded starts (plus the default one) finds no train loss lower than the default fit's by
/// more than 1e-9 relative. On one emergent task under Huber loss the single default start
/// used to end 0.45% above the best (test MSE 8× worse).
@Suite(.serialized)
struct OptimumSearchTests {
  /// One law: a name, the table it is fitted on, and its specification.
  struct Law: Sendable {
    var name: String
    var table: ScoreTable
    var spec: FitSpecification
  }

  /// Every law of the paper's analyses, on the published data.
  static func laws() throws -> [Law] {
    guard let base = try PaperFacts.base(),
      let emergentCSV = paperCSV("base_llm_emergent_capability_eval.csv"),
      let postCSV = paperCSV("base_llm_post_training_eval.csv"),
      let instructCSV = paperCSV("instruct_llm_benchmark_eval.csv"),
      let agentCSV = paperCSV("instruct_llm_agent_eval.csv")
    else { return [] }
    let paper = FitSpecification.paperBenchmarks
    let noGSM = paper.filter { $0 != "GSM8K" }
    var laws: [Law] = []
    let emergent = try base.innerJoined(with: ScoreTable(csv: emergentCSV)).table
    let tasks = [
      "parsinlu_qa_2_acc", "word_unscrambling_2_exact_match", "ipa_transliterate_2_exact_match",
      "ipa_transliterate_2_bleu",
      "arithmetic_3ds_2_acc", "arithmetic_3da_2_acc", "arithmetic_2dm_2_acc",
      "arithmetic_2da_2_acc",
    ]
    let predictors: [(String, PredictorSpec, [String])] = [
      ("PC-1..3", .principalComponents(3), paper),
      ("PC-1..3 without GSM8K", .principalComponents(3), noGSM),
      ("log FLOPs", .logFLOPs, paper), ("log size", .logSize, paper),
    ]
    for task in tasks {
      for (predictorName, predictor, benchmarks) in predictors {
        for loss in [Loss.leastSquares, .huber(delta: 1)] {
          var spec = FitSpecification(
            target: task, benchmarks: benchmarks, predictors: predictor, law: LawOptions(loss: loss)
          )
          if task == "ipa_transliterate_2_bleu" {
            spec.targetTransforms = [.minmax(low: 0, high: 100)]
          }
          laws.append(
            Law(
              name: "\(task) ~ \(predictorName), \(loss == .leastSquares ? "squares" : "Huber")",
              table: emergent, spec: spec))
        }
      }
    }
    let post = try base.innerJoined(with: ScoreTable(csv: postCSV)).table
    for target in [
      "gsm8k_5_exact_match,flexible-extract", "gsm8k_cot_8_exact_match,flexible-extract",
      "gsm8k_cot_self_consistency_8_exact_match,maj@5-flexible-extract",
    ] {
      var spec = FitSpecification(
        target: target, benchmarks: noGSM, predictors: .principalComponents(3),
        law: LawOptions(loss: .huber(delta: 1)))
      spec.computedComponents = 3
      laws.append(Law(name: target, table: post, spec: spec))
    }
    let instruct = try ScoreTable(csv: instructCSV).innerJoined(with: ScoreTable(csv: agentCSV))
      .table
    let bench7 = ["MMLU", "ARC-C", "HellaSwag", "Winogrande", "TruthfulQA", "GSM8K", "HumanEval"]
    for (target, scale) in [("ABench-OA", 10.0), ("ABoard-Avg_SR", 100.0)] {
      let table = try instruct.filtered(by: .hasValue(column: target))
      for k in 1...4 {
        var spec = FitSpecification(
          target: target, targetTransforms: [.minmax(low: 0, high: scale)],
          split: .rank(column: target, test: .fraction(0.1)),
          benchmarks: bench7, predictors: .principalComponents(k), referenceFamily: "Llama-2-Chat")
        spec.computedComponents = max(k, 5)
        laws.append(Law(name: "\(target) ~ PC-1..\(k)", table: table, spec: spec))
      }
    }
    return laws
  }

  @Test func theDefaultFitIsTheBestOf200Starts() throws {
    let laws = try Self.laws()
    try #require(laws.count == 64 + 3 + 8, "the paper's laws: found \(laws.count)")
    let gaps = Mutex<[(String, Double, Double)]>([])
    let failures = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: laws.count) { index in
      let law = laws[index]
      do {
        let fit = try ScalingLawFit.fit(law.table, law.spec)
        let train = fit.rows.filter { $0.side == .train }
        let x = Matrix(rows: train.map(\.predictors))
        var options = law.spec.law
        options.restarts = 200
        options.seed = 20_261_203
        let searched = try FittedLaw.fit(
          predictors: x, names: fit.law.predictorNames, targets: train.map(\.actual),
          options: options)
        gaps.withLock { $0.append((law.name, fit.law.solver.cost, searched.solver.cost)) }
      } catch {
        failures.withLock { $0.append("\(law.name): \(error)") }
      }
    }
    #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
    for (name, ours, best) in gaps.withLock({ $0 }) {
      #expect(
        ours <= best * (1 + 1e-9) + 1e-15,
        "\(name): default train loss \(ours), best of 200 starts \(best) (\((ours / best - 1) * 100)% above)"
      )
    }
  }
}
