internal import ScalingLaws

/// A bare value as a statement (`x`, `[a, b]`, `3`, `name = value`): not in the catalog,
/// since it has no keyword.
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
