internal import ScalingLaws

extension StatementInfo {
  /// `weights`: Shows a law's weight on each benchmark: w·γ over the components used (docs/LANGUAGE.md, weights).
  static let weights = StatementInfo(
    name: "weights",
    summary:
      "Shows a law's weight on each benchmark: w·γ over the components used (docs/LANGUAGE.md, weights).",
    syntax: "weights fit, fit, ...",
    options: [],
    examples: ["weights f", "weights fewshot, cot"],
    completion: .of(.fit, lists: true))
}

/// `weights f, …`.
struct WeightsStatement: StatementNode {
  static var info: StatementInfo { .weights }

  /// The fits.
  var fits: [Located<String>]

  static func parse(_ parser: inout Parser) throws -> WeightsStatement {
    WeightsStatement(fits: try parser.parseNameList(what: "a fit name", minimum: 1))
  }

}

extension Environment {
  /// The law's weight on each benchmark.
  fileprivate func weights(_ fit: ScalingLawFit, name: String, at range: SourceRange) throws
    -> Output
  {
    let weights: [BenchmarkWeight]
    do {
      weights = try fit.benchmarkWeights()
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: range)
    }
    let total = weights.reduce(0) { $0 + abs($1.weight) }
    let rows: [[Cell]] = weights.map {
      [.text($0.benchmark), .number($0.weight), .number(total > 0 ? abs($0.weight) / total : 0)]
    }
    return Output(
      kind: .weights, name: name,
      title:
        "\(name): weight of each benchmark in \(fit.specification.target) (w·γ over \(fit.specification.predictors.description))",
      blocks: [
        .table(
          DataTable(
            name: "weights",
            columns: [
              DataColumn("benchmark"), DataColumn("weight", .fixed(4)),
              DataColumn("share of |weight|", .percent),
            ], rows: rows))
      ])
  }

  /// Benchmark weights of several laws side by side (docs/LANGUAGE.md, weights).
  fileprivate func weights(_ fits: [(name: Located<String>, fit: ScalingLawFit)]) throws -> Output {
    var table: [String: [Double]] = [:]
    var order: [String] = []
    for (k, entry) in fits.enumerated() {
      let weights: [BenchmarkWeight]
      do {
        weights = try entry.fit.benchmarkWeights()
      } catch let error as ScalingLawsError {
        throw EvaluationFailure(.engine(error), at: entry.name.range)
      }
      for weight in weights {
        if table[weight.benchmark] == nil {
          table[weight.benchmark] = [Double](repeating: .nan, count: fits.count)
          order.append(weight.benchmark)
        }
        table[weight.benchmark]?[k] = weight.weight
      }
    }
    let rows = order.map { benchmark in
      [Cell.text(benchmark)] + (table[benchmark] ?? []).map { Cell.of($0) }
    }
    return Output(
      kind: .weights, name: nil,
      title: "weight of each benchmark in "
        + fits.map { "\($0.name.value) (\($0.fit.specification.target))" }.joined(separator: ", "),
      blocks: [
        .table(
          DataTable(
            name: "weights",
            columns: [DataColumn("benchmark")] + fits.map { DataColumn($0.name.value, .fixed(4)) },
            rows: rows))
      ])
  }
}

extension WeightsStatement: EvaluatedStatement {
  /// Runs `weights`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let names = fits
    if names.count == 1 {
      let fit = try environment.fit(names[0])
      return Evaluation(
        .fit(fit), try environment.weights(fit, name: names[0].value, at: names[0].range))
    }
    return Evaluation(
      nil, try environment.weights(try names.map { (name: $0, fit: try environment.fit($0)) }))
  }
}
