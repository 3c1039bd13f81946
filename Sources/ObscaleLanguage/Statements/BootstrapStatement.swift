internal import ScalingLaws

extension StatementInfo {
  /// `bootstrap`: Refits a law on resamples of its train models: percentile bands on its parameters, predictions and curve.
  static let bootstrap = StatementInfo(
    name: "bootstrap",
    summary:
      "Refits a law on resamples of its train models: percentile bands on its parameters, predictions and curve.",
    syntax: "name = bootstrap fit [options]",
    options: [
      OptionInfo(
        name: "samples", values: "a count", defaultValue: "200",
        summary: "resamples of the train models, drawn with replacement",
        kind: .count(2...100_000, default: 200)),
      OptionInfo(
        name: "seed", values: "a whole number", defaultValue: "0",
        summary: "the seed of the resamples", kind: .count(0...Int.max, default: 0)),
      OptionInfo(
        name: "level", values: "a percentage or fraction", defaultValue: "90%",
        summary: "the coverage of the bands", kind: .fraction(default: 0.9)),
    ],
    examples: ["fb = bootstrap f samples = 500", "predict fb side = test", "plot fb"],
    completion: .of(.fit))
}

/// `bootstrap fit [options]`.
struct BootstrapStatement: StatementNode {
  static var info: StatementInfo { .bootstrap }

  /// The fit.
  var fit: Located<String>
  /// Its options.
  var options: [OptionSetting]

  static func parse(_ parser: inout Parser) throws -> BootstrapStatement {
    let fit = try parser.parseName("a fit name after 'bootstrap'")
    return BootstrapStatement(fit: fit, options: try parser.parseOptions(for: info))
  }

}

extension BootstrapStatement: EvaluatedStatement {
  /// Runs `bootstrap`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let name = fit
    let binding = environment.binding
    let progress = environment.progress
    var fit = try environment.fit(name)
    let options = Options(options, .bootstrap)
    let samples = try environment.count("samples", of: options)
    let seed = UInt64(try environment.count("seed", of: options))
    let level = try environment.fraction("level", of: options)
    if samples >= 1000 { progress("bootstrapping: \(samples) refits on all cores") }
    fit.uncertainty = try fit.bootstrap(samples: samples, seed: seed, level: level)
    return Evaluation(
      .fit(fit), environment.presenter.bootstrapOutput(fit, name: binding ?? name.value))
  }
}
