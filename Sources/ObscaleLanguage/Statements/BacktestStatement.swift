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
      BacktestStatement.Options.samples.info, BacktestStatement.Options.seed.info,
      BacktestStatement.Options.level.info,
    ],
    examples: [
      "bt = backtest f, g on data by = cutoffs",
      "backtest f, g on data by = families known = 2",
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
    static let samples = Option(
      "samples", CountValue(range: 0...100_000, defaultValue: 400), default: "400",
      summary: "bootstrap resamples per fold for the prediction intervals (0: none)")
    static let seed = Option(
      "seed", CountValue(range: 0...Int.max, defaultValue: 0, syntax: "a whole number"),
      default: "0", summary: "the seed of the resamples")
    static let level = Option(
      "level", FractionValue(defaultValue: 0.9), default: "90%",
      summary: "the prediction intervals' coverage")
  }
}

extension BacktestStatement: EvaluatedStatement {
  /// Runs `backtest`.
  func evaluate(in environment: Environment) throws -> Evaluation {
    let options = OptionSettings(options, .backtest)
    let fits = try self.fits.map { (name: $0.value, fit: try environment.fit($0)) }
    let table = try environment.table(self.table)
    let by = try environment.given(Options.by, of: options) ?? "cutoffs"
    let known = try environment.value(Options.known, of: options)
    if known > 0, by != "families", let setting = options[Options.known] {
      throw EvaluationFailure(
        .invalidValue(
          option: "known", value: "\(known)", expected: "no known models without by = families",
          suggestion: nil), at: setting.value.range)
    }
    let samples = try environment.value(Options.samples, of: options)
    let seed = UInt64(try environment.value(Options.seed, of: options))
    let level = try environment.value(Options.level, of: options)
    if samples > 0, samples < Int((2 / (1 - level) - 1e-9).rounded(.up)),
      let setting = options[Options.samples]
    {
      throw EvaluationFailure(
        .invalidValue(
          option: "samples", value: "\(samples)",
          expected: "0, or at least 2/(1 − level) for intervals at this level", suggestion: nil),
        at: setting.value.range)
    }
    let plan: Backtest.Plan
    let protocolText: String
    switch by {
    case "families":
      plan = .families(known: known)
      protocolText =
        "leave one family out"
        + (known > 0
          ? ", its \(known) smallest model\(known == 1 ? "" : "s") known (trained on with the rest)"
          : "")
    case "preregistered":
      plan = .models(PaperSelection.preregisteredModels)
      protocolText = "the paper's pre-registered models held out, the rest trained on"
    default:
      plan = .cutoffs
      protocolText =
        "rolling compute cutoffs: each decade of FLOPs forecast from the models below it"
    }
    let folds: (folds: [Backtest.Fold], skipped: [Backtest.Skipped])
    do {
      folds = try Backtest.folds(plan, of: table)
    } catch let error as ScalingLawsError {
      throw EvaluationFailure(.engine(error), at: self.table.range)
    }
    guard !folds.folds.isEmpty else {
      throw EvaluationFailure(
        .invalidValue(
          option: "by", value: by,
          expected:
            "a plan that makes at least one fold of '\(self.table.value)' (\(folds.skipped.map { "\($0.fold): \($0.reason)" }.joined(separator: "; ")))",
          suggestion: nil), at: self.table.range)
    }
    if samples >= 1000 || folds.folds.count * fits.count >= 20 {
      environment.progress(
        "backtesting: \(folds.folds.count) folds × \(fits.count) fit\(fits.count == 1 ? "" : "s")")
    }
    let results = try fits.map { entry in
      try Backtest.run(
        entry.fit.specification, folds: folds.folds, samples: samples, seed: seed, level: level)
    }
    let output = environment.presenter.backtestOutput(
      fits: fits.map { ($0.name, $0.fit) }, results: results, folds: folds.folds,
      skipped: folds.skipped, protocolText: protocolText, tableName: self.table.value,
      level: samples > 0 ? level : nil)
    return try Evaluation(
      result: output, rows: "forecasts",
      provenance: "backtest of \(fits.map(\.name).joined(separator: ", ")) on '\(self.table.value)'"
    )
  }
}

extension Presenter {
  /// The output of `backtest`: the protocol, a summary per fit, the error per fold, every
  /// forecast, and a chart of predicted against actual with the intervals.
  func backtestOutput(
    fits: [(String, ScalingLawFit)], results: [Backtest.Result], folds: [Backtest.Fold],
    skipped: [Backtest.Skipped], protocolText: String, tableName: String, level: Double?
  ) -> Output {
    let percent = level.map { NumberFormatting.significant($0 * 100, 3) + "%" } ?? ""
    var fields = [
      Field("protocol", .text(protocolText)),
      Field(
        "folds", .number(Double(folds.count)),
        display:
          "\(folds.count) of '\(tableName)'\(skipped.isEmpty ? "" : "; \(skipped.count) left out (see below)")"
      ),
    ]
    if let level {
      fields.append(
        Field(
          "intervals", .number(level),
          display: "\(percent) prediction intervals from a bootstrap of each fold's fit"))
    }
    // One row per fit: its errors over every forecast, and how often its intervals held.
    var summary: [[Cell]] = []
    for ((name, fit), result) in zip(fits, results) {
      let errors = result.forecasts.map { $0.predicted - $0.actual }
      let n = Double(errors.count)
      let (inside, total) = result.coverage
      summary.append([
        .text(name), .text(fit.specification.target),
        .text(fit.specification.predictors.description),
        .number(Double(Set(result.forecasts.map(\.fold)).count)), .number(n),
        .of(n > 0 ? errors.map(abs).reduce(0, +) / n : .nan),
        .of(n > 0 ? (errors.map { $0 * $0 }.reduce(0, +) / n).squareRoot() : .nan),
        .of(n > 0 ? errors.reduce(0, +) / n : .nan),
        total > 0 ? .number(Double(inside) / Double(total)) : .missing,
      ])
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
            DataColumn(level == nil ? "coverage" : "\(percent) PI coverage", .percent),
          ], rows: summary)),
    ]
    // The error of each fit in each fold, side by side.
    var foldRows: [[Cell]] = []
    for fold in folds {
      var row: [Cell] = [.text(fold.name)]
      var count = 0
      for result in results {
        let here = result.forecasts.filter { $0.fold == fold.name }
        count = max(count, here.count)
        row.append(
          here.isEmpty
            ? .missing
            : .number(
              here.map { abs($0.predicted - $0.actual) }.reduce(0, +) / Double(here.count)))
        let scored = here.compactMap { forecast -> Bool? in
          forecast.interval.map { $0.low <= forecast.actual && forecast.actual <= $0.high }
        }
        if level != nil {
          row.append(
            scored.isEmpty
              ? .missing : .text("\(scored.filter { $0 }.count)/\(scored.count)"))
        }
      }
      row.insert(.number(Double(count)), at: 1)
      foldRows.append(row)
    }
    var foldColumns = [DataColumn("fold"), DataColumn("held out", .integer)]
    for (name, _) in fits {
      foldColumns.append(DataColumn("\(name) MAE", .significant(3)))
      if level != nil { foldColumns.append(DataColumn("\(name) inside")) }
    }
    blocks.append(.table(DataTable(name: "folds", columns: foldColumns, rows: foldRows)))
    // Every forecast: the rows a bound backtest is.
    var forecastRows: [[Cell]] = []
    for ((name, _), result) in zip(fits, results) {
      for forecast in result.forecasts {
        let inside = forecast.interval.map {
          $0.low <= forecast.actual && forecast.actual <= $0.high
        }
        forecastRows.append([
          .text(name), .text(forecast.fold), .text(forecast.model), .text(forecast.family),
          .number(forecast.actual), .number(forecast.predicted),
          .number(forecast.predicted - forecast.actual), .of(forecast.interval?.low),
          .of(forecast.interval?.high), inside.map { .number($0 ? 1 : 0) } ?? .missing,
        ])
      }
    }
    blocks.append(
      .table(
        DataTable(
          name: "forecasts",
          columns: [
            DataColumn("fit"), DataColumn("fold"), DataColumn("model"), DataColumn("family"),
            DataColumn("actual", .fixed(4)), DataColumn("predicted", .fixed(4)),
            DataColumn("error", .fixed(4)), DataColumn("PI low", .fixed(4)),
            DataColumn("PI high", .fixed(4)), DataColumn("inside", .integer),
          ], rows: forecastRows, displayLimit: 0)))
    blocks.append(.plot(backtestChart(fits: fits.map(\.0), results: results, percent: percent)))
    var notes: [String] = []
    for entry in skipped { notes.append("left out: \(entry.fold) (\(entry.reason))") }
    for ((name, _), result) in zip(fits, results) {
      for entry in result.failed { notes.append("\(name), fold \(entry.fold): \(entry.reason)") }
    }
    let targets = Set(fits.map(\.1.specification.target))
    if targets.count > 1 {
      notes.append(
        "these fits predict different targets (\(targets.sorted().joined(separator: ", "))): compare errors within a target only"
      )
    } else if fits.count > 1 {
      let best = zip(fits, results).min { $0.1.meanAbsoluteError < $1.1.meanAbsoluteError }
      if let best { notes.append("lowest MAE over the folds: \(best.0.0)") }
    }
    if level != nil {
      notes.append(
        "coverage: the share of held-out scores inside their \(percent) prediction interval; far below \(percent), the law or its intervals do not hold for this kind of forecast"
      )
    }
    blocks += notes.map { .text($0) }
    return Output(
      kind: .backtest, name: nil,
      title:
        "backtest of \(fits.map(\.0).joined(separator: ", ")) on \(tableName): \(folds.count) fold\(folds.count == 1 ? "" : "s")",
      blocks: blocks)
  }

  /// Predicted against actual, one colour per fit, each forecast's interval as a bar, and
  /// the line where they agree.
  private func backtestChart(fits: [String], results: [Backtest.Result], percent: String)
    -> Plot
  {
    var series: [PlotSeries] = []
    var low = Double.infinity
    var high = -Double.infinity
    for (name, result) in zip(fits, results) {
      series.append(
        PlotSeries(
          name: "\(name) intervals", style: .errorBars, group: name,
          points: result.forecasts.flatMap { forecast -> [PlotPoint] in
            guard let band = forecast.interval else { return [] }
            return [
              PlotPoint(x: forecast.actual, y: band.low),
              PlotPoint(x: forecast.actual, y: band.high),
            ]
          }))
      series.append(
        PlotSeries(
          name: name, style: .points, group: name,
          points: result.forecasts.map {
            PlotPoint(x: $0.actual, y: $0.predicted, label: "\($0.model) (\($0.fold))")
          }))
      for forecast in result.forecasts {
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
