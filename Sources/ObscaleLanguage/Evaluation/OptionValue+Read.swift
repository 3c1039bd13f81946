internal import ScalingLaws

/// An option value that can be read from what was written, with an error at the value when it
/// does not fit: the evaluation half of `OptionValue`.
protocol ReadableOptionValue: OptionValue {
  /// What reading gives.
  associatedtype Read
  /// Reads `expression`, written for the option `option`.
  func read(_ expression: Located<Expression>, option: String, in environment: Environment)
    throws -> Read
}

/// An option value with a default, taken when the option is not given.
protocol DefaultedOptionValue: ReadableOptionValue {
  /// The value when the option is not given.
  var fallback: Read { get }
}

extension Environment {
  /// The value given for `option` among `settings`, read; nil when it is not given.
  func given<Value: ReadableOptionValue>(_ option: Option<Value>, in settings: [OptionSetting])
    throws -> Value.Read?
  {
    guard let setting = settings.last(where: { $0.name.value == option.name }) else { return nil }
    return try option.value.read(setting.value, option: option.name, in: self)
  }

  /// The value of `option` among `settings`, read, or its default when it is not given.
  func value<Value: DefaultedOptionValue>(_ option: Option<Value>, in settings: [OptionSetting])
    throws -> Value.Read
  {
    try given(option, in: settings) ?? option.value.fallback
  }
}

extension [OptionSetting] {
  /// The setting of `option`, as written, if given (for an error at it).
  func setting<Value>(_ option: Option<Value>) -> OptionSetting? {
    last { $0.name.value == option.name }
  }
}

extension CountValue: DefaultedOptionValue {
  func read(_ expression: Located<Expression>, option: String, in environment: Environment)
    throws -> Int
  {
    try environment.count(expression, option: option, in: range)
  }
  var fallback: Int { defaultValue }
}

extension FractionValue: DefaultedOptionValue {
  func read(_ expression: Located<Expression>, option: String, in environment: Environment)
    throws -> Double
  {
    let value = try environment.number(expression, option: option)
    guard value > 0, value < 1 else {
      throw EvaluationFailure(
        .invalidValue(
          option: option, value: expression.value.display,
          expected: "a coverage between 0 and 100%, such as 90%", suggestion: nil),
        at: expression.range)
    }
    return value
  }
  var fallback: Double { defaultValue }
}

extension PositiveValue: DefaultedOptionValue {
  func read(_ expression: Located<Expression>, option: String, in environment: Environment)
    throws -> Double
  {
    let value = try environment.number(expression, option: option)
    guard value > 0 else {
      throw EvaluationFailure(
        .invalidValue(
          option: option, value: expression.value.display, expected: "a number > 0",
          suggestion: nil),
        at: expression.range)
    }
    return value
  }
  var fallback: Double { defaultValue }
}

extension NumberValue: ReadableOptionValue {
  func read(_ expression: Located<Expression>, option: String, in environment: Environment)
    throws -> Double
  {
    try environment.number(expression, option: option)
  }
}

extension WordValue: ReadableOptionValue {
  func read(_ expression: Located<Expression>, option: String, in environment: Environment)
    throws -> String
  {
    try environment.choice(expression, option: option, among: words)
  }
}

extension NamesValue: ReadableOptionValue {
  func read(_ expression: Located<Expression>, option: String, in environment: Environment)
    throws -> [String]
  {
    try environment.names(expression, option: option)
  }
}

extension IntervalValue: ReadableOptionValue {
  /// The interval; nil for `none`.
  func read(_ expression: Located<Expression>, option: String, in environment: Environment)
    throws -> ClosedRange<Double>?
  {
    if allowsNone, case .name("none", false) = expression.value { return nil }
    return try environment.interval(expression, option: option)
  }
}

extension NumbersValue: ReadableOptionValue {
  func read(_ expression: Located<Expression>, option: String, in environment: Environment)
    throws -> [Double]
  {
    guard case .list(let items) = try environment.resolve(expression) else {
      throw EvaluationFailure(
        .invalidValue(
          option: option, value: expression.value.display, expected: syntax, suggestion: nil),
        at: expression.range)
    }
    return try items.map { item in
      guard case .number(let value) = item else {
        throw EvaluationFailure(
          .invalidValue(
            option: option, value: expression.value.display, expected: syntax, suggestion: nil),
          at: expression.range)
      }
      return value
    }
  }
}

extension ImputationValue: DefaultedOptionValue {
  /// The settings of the imputation; nil for none.
  func read(_ expression: Located<Expression>, option: String, in environment: Environment)
    throws -> ImputationSettings?
  {
    try environment.imputation(expression)
  }
  var fallback: ImputationSettings? { ImputationSettings() }
}

extension SplitValue: ReadableOptionValue {
  /// The split, given the target a `rank` split ranks by when it names no column.
  func read(_ expression: Located<Expression>, option: String, in environment: Environment)
    throws -> (_ target: String) throws -> SplitRule
  {
    { target in try environment.splitRule(expression, rankBy: target) }
  }
}

extension LossValue: ReadableOptionValue {
  func read(_ expression: Located<Expression>, option: String, in environment: Environment)
    throws -> Loss
  {
    try environment.loss(expression)
  }
}

extension TransformValue: ReadableOptionValue {
  func read(_ expression: Located<Expression>, option: String, in environment: Environment)
    throws -> [TargetTransform]
  {
    try environment.transforms(expression)
  }
}

extension FreeValue: ReadableOptionValue {
  /// The value as written; its statement reads it.
  func read(_ expression: Located<Expression>, option: String, in environment: Environment)
    throws -> Located<Expression>
  {
    expression
  }
}
