internal import ScalingLaws

/// A kind of value an option takes, as the syntax layer knows it: how help writes it and what
/// completion offers after `name =`. How a written value is read, with an error at the value,
/// is its conformance to `ReadableOptionValue` (Evaluation/), so that the syntax layer knows
/// nothing of evaluation.
protocol OptionValue: Sendable {
  /// The values it takes, in words, for help and the docs ("a count", "squares, huber, huber(δ)").
  var syntax: String { get }
  /// What completion offers after `name =`.
  var completions: OptionValues { get }
  /// Its kind, with its range and default, for help and the check of typed defaults.
  var kind: OptionKind { get }
}

extension OptionValue {
  /// No fixed words and no names, unless the kind says otherwise.
  var completions: OptionValues { OptionValues() }
  /// A value read by its own rules.
  var kind: OptionKind { .other }
}

/// One option of a statement, typed by the value it takes: declared once, read by the
/// statement through `Environment.read(_:from:)`, and shown by help and completion through its
/// catalog row (`info`).
struct Option<Value: OptionValue>: Sendable {
  /// The option's name.
  let name: String
  /// The value it takes.
  let value: Value
  /// The default, in words.
  let defaultValue: String
  /// What it does.
  let summary: String
  /// The engine errors it answers for: such an error points at this option when it is given.
  var answersFor: [ErrorSubject] = []

  /// Declares an option; its default in words is the typed default's where `default` is not
  /// given (a count's number, a fraction's percentage).
  init(
    _ name: String, _ value: Value, default text: String? = nil, summary: String,
    answersFor: [ErrorSubject] = []
  ) {
    self.name = name
    self.value = value
    self.summary = summary
    self.answersFor = answersFor
    switch (text, value.kind) {
    case (let text?, _): defaultValue = text
    case (nil, .count(_, let number)): defaultValue = "\(number)"
    case (nil, .fraction(let fraction)): defaultValue = "\(Int((fraction * 100).rounded()))%"
    case (nil, .positive(let number)): defaultValue = formatNumber(number)
    case (nil, .other): defaultValue = ""
    }
  }

  /// The catalog row help, completion, the parser and the docs check read.
  var info: OptionInfo {
    OptionInfo(
      name: name, values: value.syntax, defaultValue: defaultValue, summary: summary,
      accepts: value.completions, kind: value.kind, answersFor: answersFor)
  }
}

/// A whole number in a range, with a default.
struct CountValue: OptionValue {
  /// The range it must lie in (a statement may narrow it).
  var range: ClosedRange<Int>
  /// Its default.
  var defaultValue: Int
  /// How help writes it.
  var syntax = "a count"
  var kind: OptionKind { .count(range, default: defaultValue) }
}

/// A fraction strictly between 0 and 1, written as a percentage or a fraction.
struct FractionValue: OptionValue {
  /// Its default.
  var defaultValue: Double
  var syntax: String { "a percentage or fraction" }
  var kind: OptionKind { .fraction(default: defaultValue) }
}

/// A number greater than 0.
struct PositiveValue: OptionValue {
  /// Its default.
  var defaultValue: Double
  /// How help writes it.
  var syntax = "a number > 0"
  var kind: OptionKind { .positive(default: defaultValue) }
}

/// A number.
struct NumberValue: OptionValue {
  /// How help writes it.
  var syntax = "a number"
}

/// One of some words.
struct WordValue: OptionValue {
  /// The words, in the order help lists them.
  var words: [String]
  /// How help writes them.
  var syntax: String
  var completions: OptionValues { .words(words) }

  /// The words, written as help lists them ("a, b or c") unless `syntax` is given.
  init(_ words: [String], syntax: String? = nil) {
    self.words = words
    self.syntax =
      syntax
      ?? (words.count < 2
        ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words.last!)
  }
}

/// A list of names (a list literal, a bound list, or one name): columns, families, models.
struct NamesValue: OptionValue {
  /// The session's names completion offers.
  var names: SessionNames?
  /// Words it takes besides names (`none`).
  var words: [String] = []
  /// How help writes it.
  var syntax: String
  var completions: OptionValues { OptionValues(words: words, names: names) }
}

/// A value its statement reads by rules of its own (a file name, a family or `none`, a count
/// or `all`): reading gives the expression as written, at its place.
struct FreeValue: OptionValue {
  /// How help writes it.
  var syntax: String
  /// What completion offers.
  var completions = OptionValues()
}

/// A string in quotes.
struct TextValue: OptionValue {
  /// How help writes it.
  var syntax: String
}

/// `[low, high]`, or `none` where `allowsNone`.
struct IntervalValue: OptionValue {
  /// Whether `none` is taken (no interval).
  var allowsNone = false
  var syntax: String { allowsNone ? "[low, high], or none" : "[low, high]" }
  var completions: OptionValues { allowsNone ? .words(["none"]) : OptionValues() }
}

/// A list of numbers.
struct NumbersValue: OptionValue {
  /// How help writes it.
  var syntax = "a list of numbers"
}

/// `yes`, `no`, or a component count: whether (and with how many components) to impute.
struct ImputationValue: OptionValue {
  var syntax: String { "yes, no, or a component count" }
  var completions: OptionValues { .words(["yes", "no"]) }
}

/// A split rule: `cutoff(…)`, `rank(…)`, `random(…)`, `holdout(…)`, `subset(…)` or `none`.
struct SplitValue: OptionValue {
  /// What a split call takes first.
  enum Operand: Sendable {
    /// A threshold or a test size.
    case number
    /// A list of models.
    case models
    /// A bound selection.
    case selection
  }

  /// The calls, with what each takes first and the labels it takes after, in help's order.
  static let calls: [(name: String, operand: Operand, labels: [String])] = [
    ("cutoff", .number, ["column"]), ("rank", .number, ["column"]), ("random", .number, ["seed"]),
    ("holdout", .models, ["models", "families"]), ("subset", .selection, ["random"]),
  ]
  var syntax: String {
    "cutoff(84), cutoff(50%), rank(10), rank(20%), random(20%, seed = 1), holdout([models]), holdout(families = [...]), subset(s, 12), subset(s, 12, random = 3), none"
  }
  var completions: OptionValues { .words(Self.calls.map { $0.name + "(" } + ["none"]) }
}

/// A loss: `squares`, `huber` or `huber(δ)`.
struct LossValue: OptionValue {
  var syntax: String { "squares, huber, huber(δ)" }
  var completions: OptionValues { .words(["squares", "huber", "huber("]) }
}

/// Target transforms: `minmax(low, high)`, `log`, `logit`, or a list of them.
struct TransformValue: OptionValue {
  var syntax: String { "minmax(low, high), log, logit, or a list of them" }
  var completions: OptionValues { .words(["minmax(", "log", "logit", "none"]) }
}

extension Option where Value == ImputationValue {
  /// `impute`, which `pca`, `fit` and `place` share: declared once.
  static func impute(summary: String) -> Option {
    Option("impute", ImputationValue(), default: "yes (1 component)", summary: summary)
  }
}
