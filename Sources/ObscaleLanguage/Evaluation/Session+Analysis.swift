internal import ScalingLaws

extension Session {
  /// The benchmarks option, checked against the table; the paper's eight by default.
  private func benchmarks(
    _ options: Options, table: ScoreTable, tableName: String, at range: SourceRange
  ) throws -> [String] {
    guard let setting = options["benchmarks"] else {
      for name in FitSpecification.paperBenchmarks where !table.hasColumn(name) {
        throw EvaluationFailure(
          .unknownColumn(
            name, table: "'\(tableName)'",
            suggestion: Suggestion.closest(to: name, among: table.columnNames)), at: range,
          notes: [
            "the default benchmarks are the paper's eight; name yours with benchmarks = [...]"
          ])
      }
      return FitSpecification.paperBenchmarks
    }
    let list = try names(setting.value, option: "benchmarks")
    guard !list.isEmpty else {
      throw EvaluationFailure(
        .invalidValue(
          option: "benchmarks", value: "[]", expected: "at least one column", suggestion: nil),
        at: setting.value.range)
    }
    for (offset, name) in list.enumerated() {
      try requireColumn(name, in: table, tableName: tableName, at: itemRange(setting.value, offset))
    }
    return list
  }

  /// Reports a start message for work on a large matrix.
  private func announce(_ rows: Int, _ columns: Int, _ what: String, _ progress: (String) -> Void) {
    if rows * columns >= 200_000 { progress("\(what) \(rows) models × \(columns) benchmarks…") }
  }

  // MARK: - impute

  /// Fills the missing benchmark cells of `table`.
  func impute(
    _ table: ScoreTable, tableName: String, _ options: Options, progress: (String) -> Void
  ) throws -> (ScoreTable, Output) {
    let benchmarks = try self.benchmarks(options, table: table, tableName: tableName, at: .none)
    var settings = ImputationSettings()
    if let value = options["components"] {
      settings.components = try count(
        value.value, option: "components", in: 1...max(1, benchmarks.count))
    }
    if let value = options["tolerance"] {
      settings.tolerance = try number(value.value, option: "tolerance")
      guard settings.tolerance > 0 else {
        throw EvaluationFailure(
          .invalidValue(
            option: "tolerance", value: value.value.value.display, expected: "a number > 0",
            suggestion: nil), at: value.value.range)
      }
    }
    if let value = options["rounds"] {
      settings.maxRounds = try count(value.value, option: "rounds", in: 1...10_000_000)
    }
    if let value = options["clip"] {
      if case .name("none", false) = value.value.value {
        settings.clip = nil
      } else {
        settings.clip = try interval(value.value, option: "clip")
      }
    }
    if let value = options["stopping"] {
      settings.stopping =
        try choice(value.value, option: "stopping", among: ["cells", "reference"]) == "cells"
        ? .missingCells : .reference
    }
    let x = Matrix(columns: try benchmarks.map { try table.numbers($0) })
    announce(x.rows, x.columns, "imputing", progress)
    let (imputer, filled) = try PCAImputer.fit(x, columnNames: benchmarks, settings: settings)
    var result = table
    for (j, name) in benchmarks.enumerated() {
      result = try result.setting(.numbers(name, filled.column(j)))
    }
    let models = table.models
    var cells: [[Cell]] = []
    for j in 0..<x.columns {
      for i in 0..<x.rows where x[i, j].isNaN {
        cells.append([.text(models[i]), .text(benchmarks[j]), .number(filled[i, j])])
      }
    }
    let report = imputer.report
    let output = Output(
      kind: .imputation,
      title:
        "imputed \(report.missingCells) cells of \(tableName) (\(benchmarks.count) benchmarks, \(settings.components) component\(settings.components == 1 ? "" : "s"))",
      blocks: [
        .fields([
          Field("missing cells", .number(Double(report.missingCells))),
          Field("rounds", .number(Double(report.rounds))),
          Field("converged", .text(report.converged ? "yes" : "no")),
          Field(
            "last change", .number(report.lastChange),
            display: NumberFormatting.scientific(report.lastChange)),
          Field(
            "clip",
            .text(
              settings.clip.map {
                "[\(formatNumber($0.lowerBound)), \(formatNumber($0.upperBound))]"
              } ?? "none")),
        ]),
        .table(
          DataTable(
            name: "imputed",
            columns: [
              DataColumn("model"), DataColumn("benchmark"), DataColumn("imputed", .fixed(4)),
            ], rows: cells, displayLimit: displayRows)),
      ]
        + (report.converged
          ? []
          : [
            .text(
              "warning: the imputation did not converge in \(report.rounds) rounds; raise rounds = … or tolerance = …"
            )
          ]))
    return (result, output)
  }

  // MARK: - pca

  /// Imputes (or drops incomplete rows) and extracts principal components.
  func capabilities(
    _ table: ScoreTable, tableName: String, _ options: Options, progress: (String) -> Void
  ) throws -> CapabilityAnalysis {
    let benchmarks = try self.benchmarks(options, table: table, tableName: tableName, at: .none)
    let settings = try imputation(options["impute"]?.value)
    var x = Matrix(columns: try benchmarks.map { try table.numbers($0) })
    var rows = Array(0..<table.rowCount)
    var imputer: PCAImputer?
    var cells: [ImputedCell] = []
    var dropped: [String] = []
    let models = table.models
    announce(x.rows, x.columns, "imputing and decomposing", progress)
    if let settings {
      let (fitted, filled) = try PCAImputer.fit(x, columnNames: benchmarks, settings: settings)
      for j in 0..<x.columns {
        for i in 0..<x.rows where x[i, j].isNaN {
          cells.append(ImputedCell(model: models[i], benchmark: benchmarks[j], value: filled[i, j]))
        }
      }
      imputer = fitted
      x = filled
    } else {
      rows = rows.filter { i in (0..<x.columns).allSatisfy { !x[i, $0].isNaN } }
      dropped = Set(0..<table.rowCount).subtracting(rows).sorted().map { models[$0] }
      x = x.selecting(rows: rows)
      guard !rows.isEmpty else {
        throw ScalingLawsError.noRowsLeft(operation: "dropping rows with missing benchmarks")
      }
    }
    let available = min(x.rows, x.columns)
    var k = min(5, available)
    if let value = options["components"] {
      k = try count(value.value, option: "components", in: 1...max(1, available))
    }
    let components = try PrincipalComponents.fit(x, components: k, columnNames: benchmarks)
    let families = table.families ?? [String](repeating: "", count: table.rowCount)
    let flops =
      table.hasColumn(ScoreTable.flopsColumn)
      ? try table.numbers(ScoreTable.flopsColumn) : [Double](repeating: .nan, count: table.rowCount)
    return CapabilityAnalysis(
      benchmarks: benchmarks, components: components, imputation: imputer, imputedCells: cells,
      dropped: dropped,
      models: rows.map { models[$0] }, families: rows.map { families[$0] },
      flops: rows.map { flops[$0] },
      scores: components.transform(x))
  }

  // MARK: - fit

  /// The models a cutoff or rank split tested because they have no value in its column,
  /// named, so that no one mistakes them for the largest models; nil when there are none.
  func unsplitNote(_ fit: ScalingLawFit, table: ScoreTable) -> String? {
    let column: String
    switch fit.specification.split {
    case .cutoff(let name, _), .rank(let name, _): column = name
    default: return nil
    }
    guard let values = try? table.numbers(column) else { return nil }
    let tested = Set(fit.rows.filter { $0.side == .test }.map(\.model))
    let models = table.models.indices.filter { values[$0].isNaN }.map { table.models[$0] }.filter(
      tested.contains)
    guard !models.isEmpty else { return nil }
    let shown =
      models.prefix(8).joined(separator: ", ")
      + (models.count > 8 ? ", … (\(models.count - 8) more)" : "")
    let rule =
      fit.specification.split.isRank ? "they do not rank and are tested" : "the cutoff tests them"
    return
      "\(models.count) model\(models.count == 1 ? " has" : "s have") no '\(column)', so \(rule): \(shown)"
  }

  /// Builds the specification from the formula and options and runs the fit.
  func fit(
    _ tableName: Located<String>, target: Located<String>, predictors terms: [Located<Expression>],
    _ options: Options,
    progress: (String) -> Void
  ) throws -> ScalingLawFit {
    let table = try self.table(tableName)
    // A target that is not a column but a name bound to a string names the column in the
    // string, so that a notebook's parameters cell (`task = "…"`) can choose it.
    var target = target
    if !table.columnNames.contains(target.value), case .text(let column)? = values[target.value] {
      target.value = column
    }
    try requireColumn(target.value, in: table, tableName: tableName.value, at: target.range)
    var spec = FitSpecification(target: target.value)
    spec.predictors = try predictorSpec(terms, table: table, tableName: tableName.value)
    if spec.predictors.usesComponents {
      spec.benchmarks = try benchmarks(
        options, table: table, tableName: tableName.value, at: tableName.range)
      spec.imputation = try imputation(options["impute"]?.value)
      if case .principalComponents(let k) = spec.predictors { spec.computedComponents = max(k, 5) }
      if let value = options["components"] {
        spec.computedComponents = try count(
          value.value, option: "components", in: 1...max(1, spec.benchmarks.count))
      }
    }
    if let value = options["split"] {
      spec.split = try splitRule(value.value, rankBy: target.value)
      if case .cutoff(let column, _) = spec.split {
        try requireColumn(column, in: table, tableName: tableName.value, at: value.value.range)
      }
      if case .rank(let column, _) = spec.split {
        try requireColumn(column, in: table, tableName: tableName.value, at: value.value.range)
      }
    } else if !table.hasColumn(ScoreTable.flopsColumn) {
      throw EvaluationFailure(
        .unknownColumn(ScoreTable.flopsColumn, table: "'\(tableName.value)'", suggestion: nil),
        at: tableName.range,
        notes: [
          "the default split is the paper's cutoff(84) on FLOPs (1E21); choose another with split = rank(20%), random(20%) or none"
        ])
    }
    if let value = options["law"] {
      let names = LawForm.allCases.map(\.rawValue)
      spec.law.form =
        LawForm(rawValue: try choice(value.value, option: "law", among: names))
        ?? .sigmoidParametric
    }
    if let value = options["loss"] { spec.law.loss = try loss(value.value) }
    if let value = options["transform"] { spec.targetTransforms = try transforms(value.value) }
    if let value = options["floor"] {
      spec.law.bounds.floor = try interval(value.value, option: "floor")
    }
    if let value = options["height"] {
      spec.law.bounds.height = try interval(value.value, option: "height")
    }
    if let value = options["start"] {
      guard case .list(let items) = try resolve(value.value),
        items.allSatisfy({ if case .number = $0 { return true } else { return false } })
      else {
        throw EvaluationFailure(
          .invalidValue(
            option: "start", value: value.value.value.display, expected: "a list of numbers",
            suggestion: nil), at: value.value.range)
      }
      spec.law.start = items.compactMap {
        if case .number(let v) = $0 { return v } else { return nil }
      }
    }
    if let value = options["restarts"] {
      spec.law.restarts = try count(value.value, option: "restarts", in: 0...10_000)
    }
    if let value = options["seed"] {
      spec.law.seed = UInt64(try count(value.value, option: "seed", in: 0...Int.max))
    }
    if let value = options["evaluations"] {
      spec.law.maxEvaluations = try count(value.value, option: "evaluations", in: 1...100_000_000)
    }
    let families = table.familyNames
    if let value = options["reference"] {
      if case .name("none", false) = value.value.value {
        spec.referenceFamily = nil
      } else {
        let family = try names(value.value, option: "reference").first ?? ""
        guard families.contains(family) else {
          throw EvaluationFailure(
            .unknownFamily(family, suggestion: Suggestion.closest(to: family, among: families)),
            at: value.value.range)
        }
        spec.referenceFamily = family
      }
    } else {
      spec.referenceFamily = ["Llama-2", "Atlas"].first { families.contains($0) }
    }
    if case .principalComponents = spec.predictors {
      announce(table.rowCount, spec.benchmarks.count, "fitting on", progress)
    }
    do {
      return try ScalingLawFit.fit(table, spec)
    } catch let error as ScalingLawsError {
      // Until options are bound with their ranges (the binder), the engine's parameter names
      // say which option an error belongs to.
      let owners = [
        "huber delta": "loss", "restarts": "restarts", "start": "start", "test size": "split",
        "cutoff": "split", "relative cutoff": "split",
      ]
      switch error {
      case .invalidParameter(let name, _, _) where owners[name].flatMap({ options[$0] }) != nil:
        throw EvaluationFailure(
          .engine(error), at: owners[name].flatMap({ options[$0] })?.value.range ?? tableName.range)
      case .targetOutsideLawRange:
        throw EvaluationFailure(
          .engine(error), at: (options["transform"] ?? options["law"])?.value.range ?? target.range)
      case .logOfNonPositive:
        throw EvaluationFailure(
          .engine(error), at: terms[0].range.union(terms[terms.count - 1].range))
      case .referenceSlopeNotPositive:
        throw EvaluationFailure(
          .engine(error), at: options["reference"]?.value.range ?? tableName.range,
          notes: ["choose another family with reference = … or turn it off with reference = none"])
      case .infeasibleStart, .invalidParameter:
        throw EvaluationFailure(
          .engine(error),
          at: (options["start"] ?? options["floor"] ?? options["height"])?.value.range
            ?? target.range.union(terms[terms.count - 1].range))
      case .emptySplit, .tooFewTrainRows:
        throw EvaluationFailure(
          .engine(error), at: options["split"]?.value.range ?? tableName.range)
      case .invalidTransform, .noTargetValues:
        throw EvaluationFailure(
          .engine(error), at: options["transform"]?.value.range ?? target.range)
      case .referenceFamilyTooSmall:
        throw EvaluationFailure(
          .engine(error), at: options["reference"]?.value.range ?? tableName.range,
          notes: ["choose another family with reference = … or turn it off with reference = none"])
      default:
        throw EvaluationFailure(
          .engine(error), at: tableName.range.union(terms[terms.count - 1].range))
      }
    }
  }

  /// Reads the formula's right-hand side.
  private func predictorSpec(_ terms: [Located<Expression>], table: ScoreTable, tableName: String)
    throws -> PredictorSpec
  {
    var columns: [String] = []
    var logs: [Bool] = []
    let whole = terms[0].range.union(terms[terms.count - 1].range)
    for term in terms {
      switch term.value {
      case .name("pc", false), .name("pcs", false):
        guard terms.count == 1 else { throw mixed(whole) }
        return .principalComponents(3)
      case .call(let name, let arguments) where name.value == "pc" || name.value == "pcs":
        guard terms.count == 1 else { throw mixed(whole) }
        guard arguments.count == 1, arguments[0].label == nil else {
          throw EvaluationFailure(
            .invalidValue(
              option: "predictors", value: term.value.display,
              expected: "pc(K) with K the number of components", suggestion: nil), at: term.range)
        }
        return .principalComponents(try count(arguments[0].value, option: "pc count", in: 1...100))
      case .call(let name, let arguments)
      where name.value == "log" && arguments.count == 1 && arguments[0].label == nil:
        guard case .name(let inner, _) = arguments[0].value.value else {
          throw EvaluationFailure(
            .expected("a column inside log(…)", found: arguments[0].value.value.display),
            at: arguments[0].value.range)
        }
        if inner == "flops" || inner == "compute" {
          guard terms.count == 1 else { throw mixed(whole) }
          try requireColumn(ScoreTable.flopsColumn, in: table, tableName: tableName, at: term.range)
          return .logFLOPs
        }
        if inner == "size" {
          guard terms.count == 1 else { throw mixed(whole) }
          try requireColumn(ScoreTable.sizeColumn, in: table, tableName: tableName, at: term.range)
          return .logSize
        }
        try requireColumn(inner, in: table, tableName: tableName, at: arguments[0].value.range)
        columns.append(inner)
        logs.append(true)
      case .name(let name, _):
        try requireColumn(name, in: table, tableName: tableName, at: term.range)
        columns.append(name)
        logs.append(false)
      default:
        throw EvaluationFailure(
          .invalidValue(
            option: "predictor", value: term.value.display,
            expected: "pc(K), log(flops), log(size), a column or log(column)", suggestion: nil),
          at: term.range)
      }
    }
    guard Set(logs).count == 1 else {
      throw EvaluationFailure(
        .invalidValue(
          option: "predictors", value: "a mix of columns and log(columns)",
          expected: "all columns plain or all inside log(…)", suggestion: nil), at: whole)
    }
    return .columns(columns, log: logs[0])
  }

  /// The error for pc(K), log(flops) or log(size) combined with other terms.
  private func mixed(_ range: SourceRange) -> EvaluationFailure {
    EvaluationFailure(
      .invalidValue(
        option: "predictors", value: "a combination",
        expected: "pc(K), log(flops) or log(size) alone, or columns joined by +", suggestion: nil),
      at: range)
  }
}
