internal import ScalingLaws

/// The options of one statement, read by name with typed accessors that fail at the value.
struct OptionSettings {
  /// The statement's specification: its option rows, with their kinds, ranges and defaults.
  let statement: StatementInfo
  /// The settings as written.
  private let settings: [String: OptionSetting]

  /// Collects `settings` of `statement` (the parser has already rejected unknown and repeated
  /// names).
  init(_ settings: [OptionSetting], _ statement: StatementInfo) {
    var byName: [String: OptionSetting] = [:]
    for setting in settings { byName[setting.name.value] = setting }
    self.settings = byName
    self.statement = statement
  }

  /// The setting of `option`, if given.
  subscript<Value>(_ option: Option<Value>) -> OptionSetting? { settings[option.name] }

  /// The settings as written, in no order.
  var all: [OptionSetting] { Array(settings.values) }

  /// The option given here that answers for `error` (its row lists the error's subject); the
  /// last in the rows' order when several do (`transform` before `law`, `start` before the
  /// bounds), nil when none was given.
  func owner(of error: ScalingLawsError) -> OptionSetting? {
    statement.options.last {
      settings[$0.name] != nil && $0.answersFor.contains(error.typedSubject)
    }
    .flatMap { settings[$0.name] }
  }
}

extension Environment {
  /// The value of `option` in `settings`, or its default.
  func value<Value: DefaultedOptionValue>(_ option: Option<Value>, of settings: OptionSettings)
    throws -> Value.Read
  {
    try given(option, of: settings) ?? option.value.fallback
  }

  /// The value given for `option` in `settings`, read; nil when it is not given.
  func given<Value: ReadableOptionValue>(_ option: Option<Value>, of settings: OptionSettings)
    throws -> Value.Read?
  {
    try settings[option].map { try option.value.read($0.value, option: option.name, in: self) }
  }

  /// A count option read against a range narrower than its row's, for a limit that depends on
  /// the data; its default when it is not given.
  func count(
    _ option: Option<CountValue>, of settings: OptionSettings, in narrower: ClosedRange<Int>
  )
    throws -> Int
  {
    guard let setting = settings[option] else { return option.value.defaultValue }
    return try count(setting.value, option: option.name, in: narrower)
  }
}

extension Environment {
  /// Resolves `expression` to a value: names are looked up when bound, else taken literally.
  func resolve(_ expression: Located<Expression>) throws -> Value {
    switch expression.value {
    case .number(let value, let percent):
      return .number(percent ? value / 100 : value)
    case .string(let text):
      return .text(text)
    case .name(let name, let quoted):
      if !quoted, let value = values[name] { return value }
      return .text(name)
    case .list(let items):
      var scalars: [Scalar] = []
      for item in items {
        // Words inside a list literal are always literal: a column may share a bound name.
        if case .name(let name, _) = item.value {
          scalars.append(.text(name))
          continue
        }
        switch try resolve(item) {
        case .text(let text): scalars.append(.text(text))
        case .number(let value): scalars.append(.number(value))
        case .list(let inner): scalars += inner
        case let other:
          throw EvaluationFailure(
            .wrongKind(
              name: item.value.display, expected: "a name or a number", found: other.kindDescription
            ), at: item.range)
        }
      }
      return .list(scalars)
    case .call(let name, _):
      throw EvaluationFailure(
        .expected("a value", found: "a call to '\(name.value)'"), at: expression.range)
    }
  }

  /// Reads a list of names (a list literal, a bound list, or a single name).
  func names(_ expression: Located<Expression>, option: String) throws -> [String] {
    switch try resolve(expression) {
    case .list(let items): return items.map(\.display)
    case .text(let text): return [text]
    case let other:
      throw EvaluationFailure(
        .invalidValue(
          option: option, value: expression.value.display,
          expected: "a list of names, found \(other.kindDescription)", suggestion: nil),
        at: expression.range)
    }
  }

  /// Reads exactly one name (`what`: "a family"): a list of another length is an error, not
  /// its first item taken silently.
  func oneName(_ expression: Located<Expression>, option: String, what: String) throws -> String {
    let list = try names(expression, option: option)
    guard list.count == 1, let name = list.first else {
      throw EvaluationFailure(
        .invalidValue(
          option: option, value: expression.value.display,
          expected: "\(what), not a list of \(list.count)", suggestion: nil),
        at: expression.range)
    }
    return name
  }

  /// Reads a number.
  func number(_ expression: Located<Expression>, option: String) throws -> Double {
    guard case .number(let value) = try resolve(expression) else {
      throw EvaluationFailure(
        .invalidValue(
          option: option, value: expression.value.display, expected: "a number", suggestion: nil),
        at: expression.range)
    }
    return value
  }

  /// Reads a whole number in `range`.
  func count(_ expression: Located<Expression>, option: String, in range: ClosedRange<Int>) throws
    -> Int
  {
    let value = try number(expression, option: option)
    guard value == value.rounded(), value >= Double(range.lowerBound),
      value <= Double(range.upperBound)
    else {
      let upper = range.upperBound == Int.max ? "" : " and at most \(range.upperBound)"
      throw EvaluationFailure(
        .invalidValue(
          option: option, value: expression.value.display,
          expected: "a whole number of at least \(range.lowerBound)\(upper)", suggestion: nil),
        at: expression.range)
    }
    return Int(value)
  }

  /// Reads one of the words `choices`.
  func choice(_ expression: Located<Expression>, option: String, among choices: [String]) throws
    -> String
  {
    if case .name(let word, _) = expression.value, choices.contains(word) { return word }
    if case .string(let word) = expression.value, choices.contains(word) { return word }
    let written = expression.value.display
    throw EvaluationFailure(
      .invalidValue(
        option: option, value: written, expected: "one of " + choices.joined(separator: ", "),
        suggestion: Suggestion.closest(to: written, among: choices)),
      at: expression.range)
  }

  /// Reads `[low, high]` with low < high.
  func interval(_ expression: Located<Expression>, option: String) throws -> ClosedRange<Double> {
    guard case .list(let items) = try resolve(expression), items.count == 2,
      case .number(let low) = items[0], case .number(let high) = items[1], low <= high
    else {
      throw EvaluationFailure(
        .invalidValue(
          option: option, value: expression.value.display, expected: "[low, high] with low ≤ high",
          suggestion: nil), at: expression.range)
    }
    return low...high
  }

  /// Reads yes/no or a component count for `impute`: nil means no imputation.
  func imputation(_ expression: Located<Expression>?) throws -> ImputationSettings? {
    guard let expression else { return ImputationSettings() }
    if case .name(let word, false) = expression.value {
      if ["yes", "true", "on"].contains(word) { return ImputationSettings() }
      if ["no", "false", "off", "none"].contains(word) { return nil }
    }
    if case .number = expression.value {
      return ImputationSettings(
        components: try count(expression, option: "impute", in: 1...Int.max))
    }
    throw EvaluationFailure(
      .invalidValue(
        option: "impute", value: expression.value.display,
        expected: "yes, no, or a component count", suggestion: nil), at: expression.range)
  }

  /// Reads a `split` value.
  func splitRule(_ expression: Located<Expression>, rankBy target: String) throws -> SplitRule {
    let kinds = SplitValue.calls.map(\.name) + ["none"]
    if case .name("none", false) = expression.value { return .none }
    guard case .call(let name, let arguments) = expression.value, kinds.contains(name.value) else {
      let written = headWord(expression)
      throw EvaluationFailure(
        .invalidValue(
          option: "split", value: written,
          expected: SplitValue.calls.map { $0.name + "(…)" }.joined(separator: ", ") + " or none",
          suggestion: Suggestion.closest(to: written, among: kinds)),
        at: expression.range)
    }
    if name.value == "subset" {
      if let label = arguments.compactMap(\.label).first(where: { $0.value != "random" }) {
        throw EvaluationFailure(
          .invalidValue(
            option: "subset argument", value: label.value, expected: "random = N",
            suggestion: Suggestion.closest(to: label.value, among: ["random"])), at: label.range)
      }
      return try subsetSplit(
        arguments.filter { $0.label == nil }.map(\.value),
        random: arguments.first { $0.label?.value == "random" }?.value, at: expression.range)
    }
    var positional: [Located<Expression>] = []
    var labelled: [String: Located<Expression>] = [:]
    for argument in arguments {
      if let label = argument.label {
        let allowed = Vocabulary.splitLabels[name.value] ?? []
        guard allowed.contains(label.value) else {
          throw EvaluationFailure(
            .invalidValue(
              option: "\(name.value) argument", value: label.value,
              expected: allowed.isEmpty
                ? "no labelled arguments" : "one of " + allowed.joined(separator: ", "),
              suggestion: Suggestion.closest(to: label.value, among: allowed)),
            at: label.range)
        }
        labelled[label.value] = argument.value
      } else {
        positional.append(argument.value)
      }
    }
    // cutoff splits on compute by default; rank holds out the top models by the fit's target,
    // as the paper's agent analysis does (its top 10% by score).
    let column =
      try labelled["column"].map { try names($0, option: "column").first ?? "" }
      ?? (name.value == "rank" ? target : ScoreTable.flopsColumn)
    func single(_ what: String) throws -> Located<Expression> {
      guard positional.count == 1 else {
        throw EvaluationFailure(
          .invalidValue(
            option: "split", value: expression.value.display, expected: "\(name.value)(\(what))",
            suggestion: nil), at: expression.range)
      }
      return positional[0]
    }
    switch name.value {
    case "cutoff":
      let argument = try single("threshold")
      let value = try number(argument, option: "cutoff threshold")
      if case .number(_, percent: true) = argument.value {
        return .cutoff(column: column, threshold: .relative(value))
      }
      return .cutoff(column: column, threshold: .absolute(value))
    case "rank":
      return .rank(column: column, test: try testSize(try single("test size")))
    case "random":
      let seed =
        try labelled["seed"].map { UInt64(try count($0, option: "seed", in: 0...Int.max)) } ?? 0
      return .random(seed: seed, test: try testSize(try single("test size")))
    case "holdout":
      if let families = labelled["families"] {
        return .holdOut(.familyIn(try names(families, option: "families")))
      }
      let models = try labelled["models"] ?? single("[models]")
      return .holdOut(.modelIn(try names(models, option: "models")))
    default:
      return .none
    }
  }

  /// The word to match suggestions against: a call's name, or the value as written.
  private func headWord(_ expression: Located<Expression>) -> String {
    if case .call(let name, _) = expression.value { return name.value }
    return expression.value.display
  }

  /// Reads a test size: a whole count, a fraction below 1, or a percentage.
  private func testSize(_ expression: Located<Expression>) throws -> TestSize {
    let value = try number(expression, option: "test size")
    if case .number(_, percent: true) = expression.value { return .fraction(value) }
    if value < 1, value > 0 { return .fraction(value) }
    return .count(try count(expression, option: "test size", in: 1...Int.max))
  }

  /// Reads a `loss` value.
  func loss(_ expression: Located<Expression>) throws -> Loss {
    switch expression.value {
    case .name("squares", false), .name("least-squares", false): return .leastSquares
    case .name("huber", false): return .huber(delta: 1)
    case .call(let name, let arguments)
    where name.value == "huber" && arguments.count == 1 && arguments[0].label == nil:
      let delta = try number(arguments[0].value, option: "huber δ")
      guard delta > 0 else {
        throw EvaluationFailure(
          .invalidValue(
            option: "huber δ", value: formatNumber(delta), expected: "a number > 0", suggestion: nil
          ), at: arguments[0].value.range)
      }
      return .huber(delta: delta)
    default:
      let written = headWord(expression)
      throw EvaluationFailure(
        .invalidValue(
          option: "loss", value: expression.value.display, expected: "squares, huber or huber(δ)",
          suggestion: Suggestion.closest(to: written, among: ["squares", "huber"])),
        at: expression.range)
    }
  }

  /// Reads a `transform` value: one transform or a list of them.
  func transforms(_ expression: Located<Expression>) throws -> [TargetTransform] {
    if case .list(let items) = expression.value { return try items.flatMap { try transforms($0) } }
    if case .name("none", false) = expression.value { return [] }
    switch expression.value {
    case .name("log", false): return [.log]
    case .name("logit", false): return [.logit]
    case .call(let name, let arguments) where name.value == "minmax" && arguments.count == 2:
      let low = try number(arguments[0].value, option: "minmax low")
      let high = try number(arguments[1].value, option: "minmax high")
      guard high > low else {
        throw EvaluationFailure(
          .invalidValue(
            option: "minmax", value: expression.value.display,
            expected: "minmax(low, high) with low < high", suggestion: nil), at: expression.range)
      }
      return [.minmax(low: low, high: high)]
    default:
      let written = headWord(expression)
      throw EvaluationFailure(
        .invalidValue(
          option: "transform", value: expression.value.display,
          expected: "minmax(low, high), log, logit or a list of them",
          suggestion: Suggestion.closest(to: written, among: ["minmax", "log", "logit"])),
        at: expression.range)
    }
  }
}
