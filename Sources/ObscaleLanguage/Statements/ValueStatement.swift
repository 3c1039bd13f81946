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

}

extension ValueStatement: EvaluatedStatement {
  /// Runs `value`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let binding = environment.binding
    let value = try environment.resolve(expression)
    if case .name(let text, false) = expression.value, environment.values[text] == nil {
      throw EvaluationFailure(
        .undefinedName(
          text, suggestion: Suggestion.closest(to: text, among: Array(environment.values.keys))),
        at: expression.range)
    }
    let label: String?
    if case .name(let text, _) = expression.value { label = text } else { label = nil }
    return Evaluation(
      value, environment.presenter.present(value, name: binding ?? label, brief: binding != nil))
  }
}
