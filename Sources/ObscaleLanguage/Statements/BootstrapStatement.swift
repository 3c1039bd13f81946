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
        summary: "resamples of the train models, drawn with replacement"),
      OptionInfo(
        name: "seed", values: "a whole number", defaultValue: "0",
        summary: "the seed of the resamples"),
      OptionInfo(
        name: "level", values: "a percentage or fraction", defaultValue: "90%",
        summary: "the coverage of the bands"),
    ],
    examples: ["fb = bootstrap f samples = 500", "predict fb side = test", "plot fb"])
}

extension Session {
  /// Runs `bootstrap`.
  mutating func evaluateBootstrap(
    _ name: Located<String>, options: [OptionSetting], statement: Statement, binding: String?,
    progress: (String) -> Void
  ) throws -> Evaluation {
    var fit = try self.fit(name)
    let options = Options(options)
    let samples =
      try options["samples"].map { try count($0.value, option: "samples", in: 2...100_000) }
      ?? 200
    let seed =
      try options["seed"].map { UInt64(try count($0.value, option: "seed", in: 0...Int.max)) }
      ?? 0
    var level = 0.9
    if let value = options["level"] {
      level = try number(value.value, option: "level")
      guard level > 0, level < 1 else {
        throw EvaluationFailure(
          .invalidValue(
            option: "level", value: value.value.value.display,
            expected: "a coverage between 0 and 100%, such as 90%", suggestion: nil),
          at: value.value.range)
      }
    }
    if samples >= 1000 { progress("bootstrapping: \(samples) refits on all cores") }
    fit.uncertainty = try fit.bootstrap(samples: samples, seed: seed, level: level)
    return Evaluation(.fit(fit), presenter.bootstrapOutput(fit, name: binding ?? name.value))
  }
}
