internal import ScalingLaws

extension StatementInfo {
  /// `backtest`: Re-fits laws under a family of splits and scores their forecasts.
  static let backtest = StatementInfo(
    name: "backtest",
    summary:
      "Re-fits laws under a family of splits of a table — rolling compute cutoffs, leave-one-family-out, the paper's pre-registered models — and scores each fold's forecasts: error, and how often the prediction intervals held.",
    syntax:
      "name = backtest fit, fit, ... on table [by = cutoffs | families | preregistered] [options]",
    options: [
      BacktestStatement.Options.by.info, BacktestStatement.Options.known.info,
      BacktestStatement.Options.groups.info, BacktestStatement.Options.samples.info,
      BacktestStatement.Options.seed.info,
      BacktestStatement.Options.level.info,
    ],
    examples: [
      "bt = backtest f, g on data by = cutoffs",
      "backtest f, g on data by = families known = 2",
      "backtest fc, f on data by = families known = 1 groups = Base",
      "backtest f on both by = preregistered",
    ],
    operand: "fits, 'on' and a table",
    completion: StatementCompletion(
      subject: .bound([.fit]), listsSubjects: true,
      connectives: [.init(word: "on", then: .bound([.table]), required: true)]))
}

/// `backtest f, g on t [options]`.
struct BacktestStatement: StatementNode {
  static var info: StatementInfo { .backtest }

  /// The fits whose specifications are re-fitted.
  var fits: [Located<String>]
  /// The table the folds divide.
  var table: Located<String>
  /// Its options.
  var options: [OptionSetting]

  static func parse(_ parser: inout Parser) throws -> BacktestStatement {
    let fits = try parser.parseNameList(what: "a fit name", minimum: 1)
    try parser.expectWord("on")
    let table = try parser.parseName("a table to backtest on after 'on'")
    return BacktestStatement(fits: fits, table: table, options: try parser.parseOptions(for: info))
  }
}

extension BacktestStatement {
  /// The options of `backtest`, declared once: help, completion and evaluation read them.
  enum Options {
    static let by = Option(
      "by",
      WordValue(
        ["cutoffs", "families", "preregistered"], syntax: "cutoffs, families, preregistered"),
      default: "cutoffs",
      summary:
        "the folds: each decade of FLOPs forecast from the ones below, each family from the others, or the paper's 20 pre-registered models"
    )
    static let known = Option(
      "known", CountValue(range: 0...10, defaultValue: 0), default: "0",
      summary: "with by = families: the held-out family's smallest models that train with the rest")
    static let groups = Option(
      "groups", NamesValue(names: .columns, syntax: "a column"), default: "none",
      summary:
        "with by = families: a text column whose values are held out together, each family in one keeping its known models (Sloth's protocol)",
      answersFor: [.kind(.unknownColumn), .parameter("backtest groups")])
    static let samples = Option(
      "samples", CountValue(range: 0...100_000, defaultValue: 400), default: "400",
      summary: "bootstrap resamples per fold for the prediction intervals (0: none)")
    static let seed = BootstrapStatement.Options.seed
    static let level = BootstrapStatement.Options.level
  }
}

extension BacktestStatement {
  /// The options of one `backtest`, decoded and checked before any fold is made.
  struct Settings {
    /// The protocol: its plan, its name as written (`by`), and how the output describes it.
    var plan: Backtest.Plan
    /// See `plan`.
    var by: String
    /// See `plan`.
    var protocolText: String
    /// The resamples of each fold's fit, for its prediction intervals (0: none).
    var resampling: Resampling

    /// Decodes `options`; known models without `by = families` is an error.
    init(decoding options: OptionSettings, at range: SourceRange, in environment: Environment)
      throws
    {
      by = try environment.given(Options.by, of: options) ?? "cutoffs"
      let known = try environment.value(Options.known, of: options)
      if known > 0, by != "families", let setting = options[Options.known] {
        throw EvaluationFailure(
          .invalidValue(
            option: "known", value: "\(known)", expected: "no known models without by = families",
            suggestion: nil), at: setting.value.range)
      }
      let groups = try options[Options.groups].map {
        try environment.oneName($0.value, option: "groups", what: "one column")
      }
      if let setting = options[Options.groups], by != "families" {
        throw EvaluationFailure.invalid(
          setting, expected: "by = families beside it: groups hold out families together")
      }
      resampling = try Resampling(options, samples: Options.samples, at: range, in: environment)
      switch by {
      case "families":
        let models =
          "\(known) smallest model\(known == 1 ? "" : "s") known (trained on with the rest)"
        if let groups {
          plan = .groups(column: groups, known: known)
          protocolText =
            "leave one group of families out (by \(groups.visibleInline))"
            + (known > 0 ? ", each family's \(models)" : "")
        } else {
          plan = .families(known: known)
          protocolText = "leave one family out" + (known > 0 ? ", its \(models)" : "")
        }
      case "preregistered":
        plan = .models(PaperSelection.preregisteredModels)
        protocolText = "the paper's pre-registered models held out, the rest trained on"
      default:
        plan = .cutoffs
        protocolText =
          "rolling compute cutoffs: each decade of FLOPs forecast from the models below it"
      }
    }
  }
}

extension BacktestStatement: EvaluatedStatement {
  /// Runs `backtest`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let options = OptionSettings(options, .backtest)
    let settings = try Settings(decoding: options, at: self.table.range, in: environment)
    let (plan, protocolText, by) = (settings.plan, settings.protocolText, settings.by)
    let (samples, seed, level) = (
      settings.resampling.samples, settings.resampling.seed, settings.resampling.level
    )
    // Fits are re-fitted by their specification; a forecast by its benchmarks and prior.
    let subjects = try self.fits.map { name -> (name: String, value: Value) in
      let value = try environment.lookup(name)
      switch value {
      case .fit, .forecast: return (name.value, value)
      default:
        throw EvaluationFailure(
          .wrongKind(
            name: name.value, expected: "a fit or a forecast", found: value.kindDescription),
          at: name.range)
      }
    }
    let table = try environment.table(self.table)
    // Groups are names: a numeric column (a benchmark, say) is refused at the option.
    if case .groups(let column, _) = plan, let setting = options[Options.groups],
      (try? table.column(named: column))?.isNumeric == true
    {
      throw EvaluationFailure.invalid(
        setting,
        expected:
          "a text column naming each model's group ('\(column.visibleInline)' holds numbers)")
    }
    let folds: (folds: [Backtest.Fold], skipped: [Backtest.Skipped])
    do {
      folds = try Backtest.folds(plan, of: table)
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(
        .engine(error), at: options.owner(of: error)?.value.range ?? self.table.range)
    }
    guard !folds.folds.isEmpty else {
      throw EvaluationFailure(
        .invalidValue(
          option: "by", value: by,
          expected:
            "a plan that makes at least one fold of '\(self.table.value)' (\(folds.skipped.map { "\($0.fold): \($0.reason)" }.joined(separator: "; ")))",
          suggestion: nil), at: self.table.range)
    }
    if samples >= 1000 || folds.folds.count * subjects.count >= 20 {
      environment.progress(
        "backtesting: \(folds.folds.count) folds × \(subjects.count) subject\(subjects.count == 1 ? "" : "s")"
      )
    }
    var entries: [BacktestEntry] = []
    for (name, value) in subjects {
      switch value {
      case .fit(let fit):
        let result = try Backtest.run(
          fit.specification, folds: folds.folds, samples: samples, seed: seed, level: level)
        entries.append(
          BacktestEntry(
            name: name, target: fit.specification.target,
            predictors: fit.specification.predictors.description, result: result,
            intervals: samples > 0))
      case .forecast(let forecast):
        let results = try Backtest.run(forecast, folds: folds.folds, level: level)
        for (benchmark, result) in zip(forecast.benchmarks, results) {
          entries.append(
            BacktestEntry(
              name: name, target: benchmark, predictors: "family-aware: size, tokens",
              result: result, intervals: true))
        }
      default:
        break
      }
    }
    let output = environment.presenter.backtestOutput(
      entries, folds: folds.folds, skipped: folds.skipped, protocolText: protocolText,
      tableName: self.table.value, level: level)
    return try Evaluation(
      result: output, rows: "forecasts",
      provenance:
        "backtest of \(subjects.map(\.name).joined(separator: ", ")) on '\(self.table.value)'")
  }
}

/// One subject's forecasts of one target in a backtest: a fit's, or one benchmark of a
/// forecast's.
struct BacktestEntry {
  /// The fit's or forecast's name, its target and what it predicts from.
  var name: String
  /// See `name`.
  var target: String
  /// See `name`.
  var predictors: String
  /// Its forecasts.
  var result: Backtest.Result
  /// Whether its forecasts carry intervals.
  var intervals: Bool
}

extension Presenter {
  /// The output of `backtest`: the protocol, a summary per fit (per benchmark for a
  /// forecast), the error per target side by side, the error per fold, every forecast, and a
  /// chart of predicted against actual with the intervals.
  func backtestOutput(
    _ entries: [BacktestEntry], folds: [Backtest.Fold], skipped: [Backtest.Skipped],
    protocolText: String, tableName: String, level: Double
  ) -> Output {
    let percent = NumberFormatting.significant(level * 100, 3) + "%"
    let anyIntervals = entries.contains { $0.intervals }
    var names: [String] = []
    for entry in entries where !names.contains(entry.name) { names.append(entry.name) }
    var fields = [
      Field("protocol", .text(protocolText)),
      Field(
        "folds", .number(Double(folds.count)),
        display:
          "\(folds.count) of '\(tableName)'\(skipped.isEmpty ? "" : "; \(skipped.count) left out (see below)")"
      ),
    ]
    if anyIntervals {
      fields.append(
        Field(
          "intervals", .number(level),
          display:
            "\(percent) prediction intervals (a bootstrap of each fold's fit; a forecast's own)"))
    }
    let mae = Backtest.meanAbsoluteError
    let inside = Backtest.coverage
    // One row per fit and target: its errors over every forecast, how often its intervals held.
    let summary: [[Cell]] = entries.map { entry in
      let forecasts = entry.result.forecasts
      let errors = forecasts.map { $0.predicted - $0.actual }
      let n = Double(errors.count)
      let (held, total) = inside(forecasts)
      return [
        .text(entry.name), .text(entry.target), .text(entry.predictors),
        .number(Double(Set(forecasts.map(\.fold)).count)), .number(n), .of(mae(forecasts)),
        .of(n > 0 ? (errors.map { $0 * $0 }.reduce(0, +) / n).squareRoot() : .nan),
        .of(n > 0 ? errors.reduce(0, +) / n : .nan),
        total > 0 ? .number(Double(held) / Double(total)) : .missing,
      ]
    }
    var blocks: [Block] = [
      .fields(fields),
      .table(
        DataTable(
          name: "summary",
          columns: [
            DataColumn("fit"), DataColumn("target"), DataColumn("predictors"),
            DataColumn("folds", .integer), DataColumn("forecasts", .integer),
            DataColumn("MAE", .significant(3)), DataColumn("RMSE", .significant(3)),
            DataColumn("bias", .significant(3)),
            DataColumn(anyIntervals ? "\(percent) PI coverage" : "coverage", .percent),
          ], rows: summary)),
    ]
    // Side by side per target, on the models every subject of that target forecast (a law in
    // log FLOPs cannot forecast a model without FLOPs).
    var targets: [String] = []
    for entry in entries where !targets.contains(entry.target) { targets.append(entry.target) }
    let shared = targets.filter { target in entries.filter { $0.target == target }.count > 1 }
    if !shared.isEmpty {
      var rows: [[Cell]] = []
      for target in shared {
        let here = entries.filter { $0.target == target }
        var common = Set(here[0].result.forecasts.map { "\($0.fold)|\($0.model)" })
        for entry in here.dropFirst() {
          common.formIntersection(entry.result.forecasts.map { "\($0.fold)|\($0.model)" })
        }
        var row: [Cell] = [.text(target), .number(Double(common.count))]
        for name in names {
          let forecasts = here.first { $0.name == name }?.result.forecasts.filter {
            common.contains("\($0.fold)|\($0.model)")
          }
          row.append(forecasts.map { .of(mae($0)) } ?? .missing)
        }
        rows.append(row)
      }
      blocks.append(
        .table(
          DataTable(
            name: "by target",
            columns: [DataColumn("target"), DataColumn("shared forecasts", .integer)]
              + names.map { DataColumn("\($0) MAE", .significant(3)) }, rows: rows)))
    }
    // The error of each subject in each fold, side by side.
    var foldRows: [[Cell]] = []
    for fold in folds {
      var row: [Cell] = [.text(fold.name)]
      var count = 0
      for name in names {
        let here = entries.filter { $0.name == name }.flatMap(\.result.forecasts).filter {
          $0.fold == fold.name
        }
        count = max(count, Set(here.map(\.model)).count)
        row.append(here.isEmpty ? .missing : .number(mae(here)))
        if anyIntervals {
          let (held, total) = inside(here)
          row.append(total == 0 ? .missing : .text("\(held)/\(total)"))
        }
      }
      row.insert(.number(Double(count)), at: 1)
      foldRows.append(row)
    }
    var foldColumns = [DataColumn("fold"), DataColumn("held out", .integer)]
    for name in names {
      foldColumns.append(DataColumn("\(name) MAE", .significant(3)))
      if anyIntervals { foldColumns.append(DataColumn("\(name) inside")) }
    }
    blocks.append(.table(DataTable(name: "folds", columns: foldColumns, rows: foldRows)))
    // Every forecast: the rows a bound backtest is.
    var forecastRows: [[Cell]] = []
    for entry in entries {
      for forecast in entry.result.forecasts {
        let held = forecast.inside
        forecastRows.append([
          .text(entry.name), .text(entry.target), .text(forecast.fold), .text(forecast.model),
          .text(forecast.family), .number(forecast.actual), .number(forecast.predicted),
          .number(forecast.predicted - forecast.actual), .of(forecast.interval?.low),
          .of(forecast.interval?.high), held.map { .number($0 ? 1 : 0) } ?? .missing,
        ])
      }
    }
    blocks.append(
      .table(
        DataTable(
          name: "forecasts",
          columns: [
            DataColumn("fit"), DataColumn("target"), DataColumn("fold"), DataColumn("model"),
            DataColumn("family"), DataColumn("actual", .fixed(4)),
            DataColumn("predicted", .fixed(4)), DataColumn("error", .fixed(4)),
            DataColumn("PI low", .fixed(4)), DataColumn("PI high", .fixed(4)),
            DataColumn("inside", .integer),
          ], rows: forecastRows, displayLimit: 0)))
    blocks.append(
      .plot(
        backtestChart(
          names.map { name in
            (name, entries.filter { $0.name == name }.flatMap(\.result.forecasts))
          }, percent: anyIntervals ? percent : "")))
    var notes: [String] = []
    for entry in skipped { notes.append("left out: \(entry.fold) (\(entry.reason))") }
    var reported: Set<String> = []
    for entry in entries {
      for failure in entry.result.failed
      where reported.insert("\(entry.name)|\(failure.fold)|\(failure.reason)").inserted {
        notes.append("\(entry.name), fold \(failure.fold): \(failure.reason)")
      }
    }
    if targets.count > 1, shared.isEmpty {
      notes.append(
        "these fits predict different targets (\(targets.joined(separator: ", "))): compare errors within a target only"
      )
    }
    for target in shared {
      let here = entries.filter { $0.target == target }
      if let best = here.min(by: { mae($0.result.forecasts) < mae($1.result.forecasts) }),
        targets.count == 1
      {
        notes.append("lowest MAE over the folds: \(best.name)")
      }
    }
    if anyIntervals {
      notes.append(
        "coverage: the share of held-out scores inside their \(percent) prediction interval; far below \(percent), the law or its intervals do not hold for this kind of forecast"
      )
    }
    blocks += notes.map { .text($0) }
    return Output(
      kind: .backtest, name: nil,
      title:
        "backtest of \(names.joined(separator: ", ")) on \(tableName): \(folds.count) fold\(folds.count == 1 ? "" : "s")",
      blocks: blocks)
  }

  /// Predicted against actual, one colour per subject, each forecast's interval as a bar,
  /// and the line where they agree.
  private func backtestChart(_ subjects: [(String, [Backtest.Forecast])], percent: String)
    -> Plot
  {
    var series: [PlotSeries] = []
    var low = Double.infinity
    var high = -Double.infinity
    for (name, forecasts) in subjects {
      series.append(
        PlotSeries(
          name: "\(name) intervals", style: .errorBars, group: name,
          points: forecasts.flatMap { forecast -> [PlotPoint] in
            guard let band = forecast.interval else { return [] }
            return [
              PlotPoint(x: forecast.actual, y: band.low),
              PlotPoint(x: forecast.actual, y: band.high),
            ]
          }))
      series.append(
        PlotSeries(
          name: name, style: .points, group: name,
          points: forecasts.map {
            PlotPoint(x: $0.actual, y: $0.predicted, label: "\($0.model) (\($0.fold))")
          }))
      for forecast in forecasts {
        low = min(low, forecast.actual, forecast.predicted)
        high = max(high, forecast.actual, forecast.predicted)
      }
    }
    if low < high {
      series.append(
        PlotSeries(
          name: "predicted = actual", style: .line, group: "law",
          points: [PlotPoint(x: low, y: low), PlotPoint(x: high, y: high)]))
    }
    return Plot(
      title: "forecasts against actual scores", x: Axis(label: "actual"),
      y: Axis(label: "predicted"), series: series,
      caption: [
        "each point a held-out model in one fold"
          + (percent.isEmpty ? "" : "; bars: its \(percent) prediction interval")
      ])
  }
}
