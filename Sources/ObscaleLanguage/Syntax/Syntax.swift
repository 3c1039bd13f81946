public import ScalingLaws

/// One statement of an obscale program: an optional `name =` binding and a command.
public struct Statement: Equatable, Sendable {
  /// The name the result is bound to, if the statement starts with `name =`.
  public var binding: Located<String>?
  /// What the statement does.
  public var command: Command
  /// The whole statement.
  public var range: SourceRange

  /// Creates a statement.
  public init(binding: Located<String>?, command: Command, range: SourceRange) {
    self.binding = binding
    self.command = command
    self.range = range
  }
}

/// An option written `name = value` after a statement's subject.
public struct OptionSetting: Equatable, Sendable {
  /// The option's name.
  public var name: Located<String>
  /// Its value.
  public var value: Located<Expression>

  /// Creates an option setting.
  public init(name: Located<String>, value: Located<Expression>) {
    self.name = name
    self.value = value
  }
}

/// The commands, each with its operands as written.
public enum Command: Equatable, Sendable {
  /// `load "file.csv"`, `load demo [base | tasks]`, `load "fit.json"`.
  case load(Located<Expression>, part: Located<String>?, [OptionSetting])
  /// `join a, b, …` on `Model`.
  case join([Located<String>])
  /// `filter t where condition`.
  case filter(Located<String>, Located<Condition>)
  /// `rename t column to name, …`.
  case rename(Located<String>, [Renaming])
  /// `drop t column, …`: the table without those columns.
  case drop(Located<String>, [Located<String>])
  /// `show value [rows = n] [columns = [...]]`.
  case show(Located<String>, [OptionSetting])
  /// `describe t`.
  case describe(Located<String>)
  /// `impute t [options]`.
  case impute(Located<String>, [OptionSetting])
  /// `efficiency p`: the compute efficiency of a pca result's families.
  case efficiency(Located<String>)
  /// `pca t [options]`.
  case pca(Located<String>, [OptionSetting])
  /// `fit t: target ~ predictors [options]`.
  case fit(
    table: Located<String>, target: Located<String>, predictors: [Located<Expression>],
    [OptionSetting])
  /// `predict f [for [models]] [options]`.
  case predict(Located<String>, [OptionSetting])
  /// `equiv f [reference = family]`.
  case equiv(Located<String>, [OptionSetting])
  /// `plot f [x = …]` or `plot p`.
  case plot([Located<String>], [OptionSetting])
  /// `weights f`.
  case weights([Located<String>])
  /// `compare f, g, …`.
  case compare([Located<String>])
  /// `save value to "file"`.
  case save(Located<String>, path: Located<Expression>)
  /// `gap f, g [options]`: the difference of two laws along f-equivalent FLOPs.
  case gap([Located<String>], [OptionSetting])
  /// `bootstrap fit [options]`.
  case bootstrap(Located<String>, [OptionSetting])
  /// `select table [options]`.
  case select(Located<String>, [OptionSetting])
  /// `help` or `help topic`.
  case help(Located<String>?)
  /// `print value, …`: text to standard output.
  case print([Located<Expression>])
  /// `warn value, …`: text to standard error.
  case warn([Located<Expression>])
  /// `clear`: clears the output shown so far.
  case clear
  /// A bare value: a name to show, or a list or number to bind.
  case value(Located<Expression>)

  /// The statement's keyword.
  public var keyword: String {
    switch self {
    case .load: return "load"
    case .join: return "join"
    case .filter: return "filter"
    case .rename: return "rename"
    case .drop: return "drop"
    case .show: return "show"
    case .describe: return "describe"
    case .impute: return "impute"
    case .pca: return "pca"
    case .efficiency: return "efficiency"
    case .fit: return "fit"
    case .predict: return "predict"
    case .equiv: return "equiv"
    case .plot: return "plot"
    case .weights: return "weights"
    case .compare: return "compare"
    case .save: return "save"
    case .gap: return "gap"
    case .bootstrap: return "bootstrap"
    case .select: return "select"
    case .help: return "help"
    case .print: return "print"
    case .warn: return "warn"
    case .clear: return "clear"
    case .value: return "value"
    }
  }
}

/// One `column to name` of `rename`.
public struct Renaming: Equatable, Sendable {
  /// The column's name now.
  public var from: Located<String>
  /// Its new name.
  public var to: Located<String>

  /// Creates a renaming.
  public init(from: Located<String>, to: Located<String>) {
    self.from = from
    self.to = to
  }
}

/// A value written in source: an option value, a list item or a call argument.
public indirect enum Expression: Equatable, Sendable {
  /// A number; `percent` when written with `%` (the value is as written, not divided).
  case number(Double, percent: Bool)
  /// A string in quotes.
  case string(String)
  /// A bare word or a `` `quoted name` ``.
  case name(String, quoted: Bool)
  /// `[a, b, …]`.
  case list([Located<Expression>])
  /// `f(a, key = b, …)`.
  case call(Located<String>, [Argument])

  /// The expression as the user would write it, for messages.
  public var display: String {
    switch self {
    case .number(let value, let percent): return formatNumber(value) + (percent ? "%" : "")
    case .string(let text): return "\"\(text)\""
    case .name(let text, let quoted): return quoted ? "`\(text)`" : text
    case .list(let items): return "[" + items.map(\.value.display).joined(separator: ", ") + "]"
    case .call(let name, let arguments):
      return name.value + "(" + arguments.map(\.display).joined(separator: ", ") + ")"
    }
  }
}

/// One argument of a call: positional, or `label = value`.
public struct Argument: Equatable, Sendable {
  /// The label, for `label = value`.
  public var label: Located<String>?
  /// The value.
  public var value: Located<Expression>

  /// Creates an argument.
  public init(label: Located<String>?, value: Located<Expression>) {
    self.label = label
    self.value = value
  }

  /// The argument as written.
  var display: String { (label.map { $0.value + " = " } ?? "") + value.value.display }
}

/// A row condition of `filter … where`.
public indirect enum Condition: Equatable, Sendable {
  /// `family in [...]`, `model not in [...]`.
  case membership(field: Located<String>, negated: Bool, items: Located<Expression>)
  /// `column op number`.
  case comparison(column: Located<String>, ComparisonOperator, value: Located<Expression>)
  /// `has column`: the cell is not missing.
  case has(column: Located<String>)
  /// Both hold.
  case and(Located<Condition>, Located<Condition>)
  /// Either holds.
  case or(Located<Condition>, Located<Condition>)
  /// It does not hold.
  case not(Located<Condition>)
}
