internal import ScalingLaws

extension StatementInfo {
  /// `bootstrap`: Refits a law on resamples of its train models: percentile bands on its parameters, predictions and curve.
  static let bootstrap = StatementInfo(
    name: "bootstrap",
    summary:
      "Refits a law on resamples of its train models: percentile bands on its parameters, predictions and curve.",
    syntax: "name = bootstrap fit [options]",
    options: [
      BootstrapStatement.Options.samples.info, BootstrapStatement.Options.seed.info,
      BootstrapStatement.Options.level.info,
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

extension BootstrapStatement {
  /// The options of `bootstrap`, declared once: help, completion and evaluation read them.
  enum Options {
    static let samples = Option(
      "samples", CountValue(range: 2...100_000, defaultValue: 2000), default: "2000",
      summary: "resamples of the train models, drawn with replacement")
    /// Also `backtest`'s: the seed of its folds' resamples.
    static let seed = Option(
      "seed", CountValue(range: 0...Int.max, defaultValue: 0, syntax: "a whole number"),
      default: "0", summary: "the seed of the resamples")
    /// Also `backtest`'s and `forecast`'s: the coverage of their intervals.
    static let level = Option(
      "level", FractionValue(defaultValue: 0.9), default: "90%",
      summary: "the coverage of the intervals (and of the band of the law)")
  }
}

extension BootstrapStatement: EvaluatedStatement {
  /// Runs `bootstrap`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let name = fit
    let binding = environment.binding
    let progress = environment.progress
    var fit = try environment.fit(name)
    let settings = try Resampling(
      OptionSettings(options, .bootstrap), samples: Options.samples, at: name.range,
      in: environment)
    let (samples, seed, level) = (settings.samples, settings.seed, settings.level)
    if samples >= 1000 { progress("bootstrapping: \(samples) refits on all cores") }
    fit.uncertainty = try fit.bootstrap(samples: samples, seed: seed, level: level)
    return Evaluation(
      .fit(fit), environment.presenter.bootstrapOutput(fit, name: binding ?? name.value))
  }
}
