internal import ScalingLaws

/// A bare value as a statement (`x`, `[a, b]`, `3`, `name = value`): not in the catalog,
/// since it has no keyword.
struct ValueStatement: StatementNode {
  static let info = StatementInfo(
    name: "value", summary: "A name to show, or a value to bind.", syntax: "[name =] value",
    options: [], examples: ["data", "b = [MMLU, GSM8K]"])

  /// The value as written.
  var expression: Located<Expression>

  static func parse(_ parser: inout Parser) throws -> ValueStatement {
    ValueStatement(expression: try parser.parseExpression())
  }

  func evaluate(
    in session: inout Session, statement: Statement, binding: String?,
    progress: (String) -> Void
  ) throws -> Evaluation {
    try session.evaluateValue(
      expression, statement: statement, binding: binding, progress: progress)
  }
}

extension Session {
  /// Runs `value`.
  mutating func evaluateValue(
    _ expression: Located<Expression>, statement: Statement, binding: String?,
    progress: (String) -> Void
  ) throws -> Evaluation {
    let value = try resolve(expression)
    if case .name(let text, false) = expression.value, values[text] == nil {
      throw EvaluationFailure(
        .undefinedName(
          text, suggestion: Suggestion.closest(to: text, among: Array(values.keys))),
        at: expression.range)
    }
    let label: String?
    if case .name(let text, _) = expression.value { label = text } else { label = nil }
    return Evaluation(
      value, presenter.present(value, name: binding ?? label, brief: binding != nil))
  }
}
