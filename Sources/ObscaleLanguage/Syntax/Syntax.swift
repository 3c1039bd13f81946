public import ScalingLaws

/// One statement of an obscale program: an optional `name =` binding and a command.
public struct Statement: Sendable {
  /// The name the result is bound to, if the statement starts with `name =`.
  public var binding: Located<String>?
  /// What the statement does, with its operands as written.
  public var command: any StatementNode
  /// The whole statement.
  public var range: SourceRange

  /// Creates a statement.
  public init(binding: Located<String>?, command: any StatementNode, range: SourceRange) {
    self.binding = binding
    self.command = command
    self.range = range
  }

  /// The statement's keyword (`value` for a bare value).
  public var keyword: String { command.keyword }
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
