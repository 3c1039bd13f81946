internal import ScalingLaws

/// An expression over a table's columns, computed row by row (`compute`): numbers, columns,
/// `+ - * /`, comparisons (1 when true, 0 when false) and the functions of `functions`.
indirect enum Arithmetic: Equatable, Sendable {
  /// A number.
  case number(Double)
  /// A column's value in the row.
  case column(String)
  /// `-x`.
  case negate(Located<Arithmetic>)
  /// `a op b`.
  case binary(ArithmeticOperator, Located<Arithmetic>, Located<Arithmetic>)
  /// `log(x)`, `max(a, b)`, `rank(x)`.
  case call(Located<String>, [Located<Arithmetic>])

  /// The functions a computed column can call, with how many arguments each takes.
  static let functions: [(name: String, arguments: ClosedRange<Int>, meaning: String)] = [
    ("log", 1...1, "natural logarithm; no value for x ≤ 0"),
    ("log10", 1...1, "base-10 logarithm; no value for x ≤ 0"),
    ("exp", 1...1, "e to the x; no value where it overflows"),
    ("abs", 1...1, "absolute value"),
    ("min", 2...Parser.maximumTerms, "the least of its arguments"),
    ("max", 2...Parser.maximumTerms, "the greatest of its arguments"),
    ("rank", 1...1, "rank among the rows with a value, 1 = lowest; ties share their mean rank"),
  ]
}

/// An operator of a computed column: a comparison (the one conditions use), or arithmetic.
enum ArithmeticOperator: Equatable, Sendable {
  case compare(ComparisonOperator)
  case add
  case subtract
  case multiply
  case divide

  /// The operator a symbol stands for, at the given level (0 comparison, 1 sum, 2 product).
  static func at(_ level: Int, _ symbol: Symbol) -> ArithmeticOperator? {
    switch (level, symbol) {
    case (0, _):
      return ComparisonOperator(rawValue: symbol.rawValue).map(ArithmeticOperator.compare)
    case (1, .plus): return .add
    case (1, .minus): return .subtract
    case (2, .times): return .multiply
    case (2, .divide): return .divide
    default: return nil
    }
  }
}

extension Parser {
  /// Parses an arithmetic expression: `comparison = sum [ op sum ]`, `sum = product { (+|-)
  /// product }`, `product = unary { (*|/) unary }`, `unary = - unary | primary`. At most
  /// `maximumTerms` operators in one expression; nesting is bounded by `maximumDepth`.
  mutating func parseArithmetic() throws -> Located<Arithmetic> {
    var terms = 0
    return try parseArithmetic(level: 0, terms: &terms)
  }

  private mutating func parseArithmetic(level: Int, terms: inout Int) throws -> Located<
    Arithmetic
  > {
    if level == 3 { return try parseArithmeticUnary(terms: &terms) }
    var left = try parseArithmetic(level: level + 1, terms: &terms)
    while true {
      var op: ArithmeticOperator?
      var right: Located<Arithmetic>?
      if case .symbol(let symbol) = current.kind, let found = ArithmeticOperator.at(level, symbol) {
        op = found
        advance()
      } else if level == 1, case .number(let value, false) = current.kind, value.sign == .minus {
        // `a -1` reads as a number after an operand: a subtraction of its magnitude.
        op = .subtract
        right = Located(.number(-value), current.range)
        advance()
      }
      guard let op else { return left }
      terms += 1
      guard terms <= Parser.maximumTerms else {
        throw fail(
          .invalidValue(
            option: "expression", value: "more than \(Parser.maximumTerms) operators",
            expected: "at most \(Parser.maximumTerms) in one expression", suggestion: nil),
          at: left.range)
      }
      let operand = try right ?? parseArithmetic(level: level + 1, terms: &terms)
      left = Located(.binary(op, left, operand), left.range.union(operand.range))
      // Comparisons do not chain: `a < b < c` is an error at the second one.
      if level == 0, case .symbol(let symbol) = current.kind,
        ArithmeticOperator.at(0, symbol) != nil
      {
        throw fail(
          .expected("one comparison (write (a < b) * (b < c) for both)", found: symbol.rawValue),
          at: current.range)
      }
    }
  }

  private mutating func parseArithmeticUnary(terms: inout Int) throws -> Located<Arithmetic> {
    let token = current
    try enter(at: token.range)
    defer { depth -= 1 }
    switch token.kind {
    case .symbol(.minus):
      advance()
      let inner = try parseArithmeticUnary(terms: &terms)
      return Located(.negate(inner), token.range.union(inner.range))
    case .number(let value, let percent):
      advance()
      return Located(.number(percent ? value / 100 : value), token.range)
    case .quotedName(let name):
      advance()
      return Located(.column(name), token.range)
    case .word(let name):
      advance()
      guard current.kind == .symbol(.openParen) else { return Located(.column(name), token.range) }
      let open = current.range
      advance()
      var arguments: [Located<Arithmetic>] = []
      while current.kind != .symbol(.closeParen) {
        arguments.append(try parseArithmetic(level: 0, terms: &terms))
        guard current.kind == .symbol(.comma) else { break }
        advance()
      }
      guard current.kind == .symbol(.closeParen) else {
        throw fail(.unclosedBracket("("), at: open)
      }
      let close = current.range
      advance()
      return Located(.call(Located(name, token.range), arguments), token.range.union(close))
    case .symbol(.openParen):
      advance()
      let inner = try parseArithmetic(level: 0, terms: &terms)
      guard current.kind == .symbol(.closeParen) else {
        throw fail(.unclosedBracket("("), at: token.range)
      }
      let close = current.range
      advance()
      return Located(inner.value, token.range.union(close))
    case .string(let text):
      throw fail(
        .expected(
          "a column or a number (columns go in `backticks`, not quotes)", found: "\"\(text)\""),
        at: token.range)
    default:
      throw fail(
        .expected("a column, a number, a function such as log(x), or (", found: token.kind.display),
        at: token.range)
    }
  }
}
