internal import ScalingLaws

extension StatementInfo {
  /// `save`: Writes a table as CSV, a fit as JSON (reload the fit with load), a result's rows
  /// as CSV or the whole result as JSON.
  static let save = StatementInfo(
    name: "save",
    summary:
      "Writes a table as CSV, a fit as JSON (reload it with load), a result (predict, place, compare, efficiency, gap) as CSV of its rows or JSON of the whole.",
    syntax: "save name to \"file.csv\" | \"file.json\"",
    options: [],
    examples: [
      "save f to \"emergent-fit.json\"", "save small to \"small.csv\"",
      "save pr to \"predictions.csv\"",
    ],
    operand: "name, 'to' and a file name",
    completion: StatementCompletion(connectives: [
      .init(word: "to", then: .words([]), required: true)
    ]))
}

/// `save value to "file"`.
struct SaveStatement: StatementNode {
  static var info: StatementInfo { .save }

  /// What is saved.
  var subject: Located<String>
  /// The file, a string.
  var path: Located<Expression>

  static func parse(_ parser: inout Parser) throws -> SaveStatement {
    let subject = try parser.parseName("a table or fit name after 'save'")
    try parser.expectWord("to")
    let path = try parser.parseExpression()
    guard case .string = path.value else {
      throw parser.fail(
        .expected("a file name in quotes after 'to'", found: path.value.display), at: path.range)
    }
    return SaveStatement(subject: subject, path: path)
  }
}

extension Environment {
  fileprivate func save(_ value: Value, name: String, path: Located<Expression>) throws -> Output {
    guard case .string(let file) = path.value else {
      throw EvaluationFailure(
        .expected("a file name in quotes", found: path.value.display), at: path.range)
    }
    let lower = file.lowercased()
    let bytes: [UInt8]
    let what: String
    // Each kind of value has the files that fit it; any other extension is refused, naming them.
    func refuse(_ allowed: [String]) -> EvaluationFailure {
      EvaluationFailure(
        .fileTypeDoesNotFit(file, value: value.kindDescription, allowed: allowed), at: path.range)
    }
    switch value {
    case .table(let table):
      guard lower.hasSuffix(".csv") else { throw refuse([".csv"]) }
      bytes = CSVWriter.write(table)
      what = "table of \(table.rowCount) \(table.key == ScoreTable.modelColumn ? "models" : "rows")"
    case .result(let result):
      if lower.hasSuffix(".csv") {
        bytes = CSVWriter.write(result.table)
        what = "the \(result.table.rowCount) rows of \(value.kindDescription)"
      } else if lower.hasSuffix(".json") {
        var output = result.output
        output.name = name
        bytes = Array((JSONRenderer.render(output) + "\n").utf8)
        what = "\(value.kindDescription), whole"
      } else {
        throw refuse([".csv (its rows)", ".json (the whole result)"])
      }
    case .fit(let fit):
      guard lower.hasSuffix(".json") else { throw refuse([".json (load reads it back)"]) }
      bytes = try SavedFit.encode(fit)
      what = "fit of \(fit.specification.target)"
    case .selection where lower.hasSuffix(".csv"):
      guard let rows = value.tableRows else { throw refuse([".json"]) }
      bytes = CSVWriter.write(rows)
      what = "the \(rows.rowCount) chosen models of \(value.kindDescription)"
    case .selection, .capabilities:
      guard lower.hasSuffix(".json") else {
        throw refuse(value.tableRows == nil ? [".json"] : [".csv (its rows)", ".json (the whole)"])
      }
      bytes = Array(
        (JSONRenderer.render(presenter.present(value, name: name, brief: false)) + "\n").utf8)
      what = "\(value.kindDescription), whole"
    case .list, .number, .text, .forecast:
      throw EvaluationFailure(
        .wrongKind(
          name: name, expected: "a table, a fit or a result", found: value.kindDescription),
        at: path.range)
    }
    let target = outputPath(file)
    do {
      try files.write(bytes, to: target)
    } catch {
      throw EvaluationFailure(.fileNotWritten(target, reason: "\(error)"), at: path.range)
    }
    return Output(
      kind: .saved, title: "saved \(name) to '\(file)'",
      blocks: [
        .fields([
          Field("file", .text(target)), Field("content", .text(what)),
          Field("bytes", .number(Double(bytes.count))),
        ])
      ])
  }
}

extension SaveStatement: EvaluatedStatement {
  /// Runs `save`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let name = subject
    let value = try environment.lookup(name)
    return Evaluation(nil, try environment.save(value, name: name.value, path: path))
  }
}
