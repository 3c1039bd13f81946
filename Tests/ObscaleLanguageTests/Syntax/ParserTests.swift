import Testing

@testable import ObscaleLanguage

/// The parser's statements and its diagnostics, with recovery.
struct ParserTests {
  /// One statement that must parse, with the keyword it must give and its binding.
  struct Case: CustomTestStringConvertible, Sendable {
    var input: String
    var keyword: String
    var binding: String?
    var testDescription: String { input }
  }

  static let statements: [Case] = [
    Case(input: "t = load \"base.csv\"", keyword: "load", binding: "t"),
    Case(input: "t = load demo", keyword: "load", binding: "t"),
    Case(input: "t = load demo tasks", keyword: "load", binding: "t"),
    Case(input: "j = join a, b, c", keyword: "join", binding: "j"),
    Case(
      input: "s = filter t where family in [A, B] and not model in [x] or `FLOPs (1E21)` <= 84",
      keyword: "filter", binding: "s"),
    Case(
      input: "s = filter t where (has MMLU or MMLU > 0.5) and family not in [A]", keyword: "filter",
      binding: "s"),
    Case(input: "show t rows = 5, columns = [MMLU]", keyword: "show", binding: nil),
    Case(input: "describe t", keyword: "describe", binding: nil),
    Case(input: "i = impute t components = 2 clip = none", keyword: "impute", binding: "i"),
    Case(
      input: "p = pca t benchmarks = [MMLU, GSM8K] components = 2", keyword: "pca", binding: "p"),
    Case(
      input:
        "f = fit t: y ~ pc(3) split = rank(20%) loss = huber(0.5) transform = [minmax(0, 10), logit]",
      keyword: "fit", binding: "f"),
    Case(input: "f = fit t: y ~ MMLU + log(GSM8K)", keyword: "fit", binding: "f"),
    Case(input: "predict f for [a, b] side = test", keyword: "predict", binding: nil),
    Case(input: "equiv f reference = Atlas", keyword: "equiv", binding: nil),
    Case(input: "plot f x = capability samples = 10", keyword: "plot", binding: nil),
    Case(input: "weights f", keyword: "weights", binding: nil),
    Case(input: "compare f, g", keyword: "compare", binding: nil),
    Case(input: "save f to \"f.json\"", keyword: "save", binding: nil),
    Case(input: "help", keyword: "help", binding: nil),
    Case(input: "help fit", keyword: "help", binding: nil),
    Case(input: "b = [MMLU, `ARC-C`, 3]", keyword: "value", binding: "b"),
    Case(input: "f", keyword: "value", binding: nil),
  ]

  @Test(arguments: statements)
  func parses(_ test: Case) {
    let (statements, diagnostics) = Parser.parse(test.input)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    #expect(statements.count == 1)
    #expect(statements.first?.command.keyword == test.keyword)
    #expect(statements.first?.binding?.value == test.binding)
  }

  @Test func fitOperandsAreKept() throws {
    let (statements, _) = Parser.parse("f = fit data: `gsm 8k` ~ pc(2) loss = huber")
    let fit = try #require(statements.first?.command as? FitStatement, "not a fit")
    #expect(fit.table.value == "data")
    #expect(fit.target.value == "gsm 8k")
    #expect(fit.predictors.count == 1)
    #expect(fit.options.map(\.name.value) == ["loss"])
  }

  @Test func conditionPrecedenceIsNotAndOr() throws {
    let (statements, _) = Parser.parse("s = filter t where has a or has b and not has c")
    guard let condition = (statements.first?.command as? FilterStatement)?.condition,
      case .or(_, let right) = condition.value,
      case .and(_, let inner) = right.value, case .not = inner.value
    else {
      Issue.record("wrong tree: \(statements)")
      return
    }
  }

  /// One syntax error with the marked span and the expected message fragment.
  struct ErrorCase: CustomTestStringConvertible, Sendable {
    var marked: String
    var id: String
    var message: String
    var testDescription: String { marked }
  }

  static let errors: [ErrorCase] = [
    ErrorCase(
      marked: "⟪fitt⟫ data: y ~ pc(3)", id: "unknown-statement", message: "did you mean 'fit'?"),
    ErrorCase(marked: "f = fit data ⟪y⟫ ~ pc(3)", id: "syntax", message: "expected ':'"),
    ErrorCase(
      marked: "f = fit data: y ~ pc(3) ⟪los⟫ = huber", id: "unknown-option",
      message: "did you mean 'loss'?"),
    ErrorCase(
      marked: "f = fit data: y ~ pc(3) loss = huber ⟪loss⟫ = squares", id: "duplicate-option",
      message: "given twice"),
    ErrorCase(marked: "b = ⟪[⟫MMLU, GSM8K", id: "unclosed-bracket", message: "never closed"),
    ErrorCase(marked: "show ⟪\"t\"⟫", id: "syntax", message: "backticks"),
    ErrorCase(marked: "s = filter t where ⟪MMLU⟫ in [a]", id: "syntax", message: "family or model"),
    ErrorCase(marked: "s = filter t where MMLU ⟪0.5⟫", id: "syntax", message: "a comparison"),
    ErrorCase(marked: "save f ⟪into⟫ \"f.json\"", id: "syntax", message: "expected 'to'"),
    ErrorCase(marked: "load⟪⟫", id: "syntax", message: "after 'load'"),
    ErrorCase(
      marked: "describe t column ⟪extra⟫", id: "syntax", message: "the end of the statement"),
  ]

  @Test(arguments: errors)
  func reportsAtTheMarkedSpan(_ test: ErrorCase) {
    let source = MarkedSource(test.marked)
    let (_, diagnostics) = Parser.parse(source.text)
    #expect(diagnostics.count == 1, "\(diagnostics.map(\.message))")
    guard let diagnostic = diagnostics.first else { return }
    #expect(diagnostic.id == test.id)
    #expect(diagnostic.message.contains(test.message), "\(diagnostic.message)")
    #expect(diagnostic.range.start.line == source.line)
    #expect(diagnostic.range.start.column == source.column)
  }

  @Test func recoversAndReportsEveryIndependentError() {
    let source = """
      a = load demo
      b = fitt a: y ~ pc(3)
      show a rows = 3
      c = fit a y ~ pc(3)
      d = [MMLU,
      """
    let (statements, diagnostics) = Parser.parse(source)
    #expect(diagnostics.map(\.range.start.line) == [2, 4, 5])
    #expect(statements.count == 2)
  }

  @Test func lexicalErrorsAreNotDoubledBySyntaxErrors() {
    let (_, diagnostics) = Parser.parse("a = load \"base.csv")
    #expect(diagnostics.map(\.id) == ["unterminated-string"])
  }
}
