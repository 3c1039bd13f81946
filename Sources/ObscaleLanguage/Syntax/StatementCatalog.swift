internal import ScalingLaws

/// What the language knows about each statement: syntax, options and examples.
///
/// The parser checks option names against it, `help` prints it, completion offers it, and a
/// test checks that docs/LANGUAGE.md covers every entry, so the four never drift apart.
public struct StatementInfo: Equatable, Sendable {
  /// The keyword.
  public var name: String
  /// One sentence on what the statement does.
  public var summary: String
  /// The syntax, in the notation of docs/LANGUAGE.md.
  public var syntax: String
  /// The options, in the order help lists them.
  public var options: [OptionInfo]
  /// Runnable examples on the demo data.
  public var examples: [String]
}

/// One option of a statement.
public struct OptionInfo: Equatable, Sendable {
  /// The option's name.
  public var name: String
  /// The values it takes.
  public var values: String
  /// The default, in words.
  public var defaultValue: String
  /// What it does.
  public var summary: String
  /// The words and session names its value may be, which completion offers after `name =`
  /// (empty for numbers, strings and lists of numbers).
  public var accepts: OptionValues = OptionValues()
}

/// The values an option takes, as completion needs them: fixed words, and names from the
/// session.
public struct OptionValues: Equatable, Sendable {
  /// Words taken as written; a call's head ends in `(`, as in `cutoff(`.
  public var words: [String] = []
  /// The session names it takes, if any.
  public var names: SessionNames?

  /// A fixed vocabulary.
  static func words(_ words: [String]) -> OptionValues { OptionValues(words: words) }

  /// Names from the session.
  static func names(_ names: SessionNames) -> OptionValues { OptionValues(names: names) }
}

/// A kind of name a session knows, offered by completion where a statement takes one.
public enum SessionNames: Equatable, Sendable {
  /// Columns of the tables (and bound lists of them).
  case columns
  /// Families of the tables.
  case families
  /// Models of the tables.
  case models
  /// Bound tables.
  case tables
}

/// The statements of the language.
public enum StatementCatalog {
  /// Every statement, in the order `help` lists them.
  public static let statements: [StatementInfo] = [
    StatementInfo(
      name: "load",
      summary: "Reads a CSV table, the embedded demo data, or a fit saved as JSON.",
      syntax: "name = load \"file.csv\" | load demo | load \"fit.json\"",
      options: [],
      examples: [
        "base = load demo", "base = load \"base_llm_benchmark_eval.csv\"", "f = load \"fit.json\"",
      ]),
    StatementInfo(
      name: "join",
      summary: "Joins tables on their Model column, keeping the models every table has.",
      syntax: "name = join table, table, ...",
      options: [],
      examples: ["data = join base, tasks"]),
    StatementInfo(
      name: "filter",
      summary: "Keeps the rows of a table that satisfy a condition.",
      syntax: "name = filter table where condition",
      options: [],
      examples: [
        "small = filter base where `FLOPs (1E21)` <= 84",
        "some = filter base where family in [Atlas, Boreal] and not model in [Atlas-70B]",
        "known = filter base where has HumanEval or MMLU > 0.5",
        "atlas = filter base where `Model Family` == \"Atlas\"",
      ]),
    StatementInfo(
      name: "rename",
      summary: "Renames columns of a table (Model stays Model).",
      syntax: "name = rename table column to new, column to new, ...",
      options: [],
      examples: ["t = rename data `FLOPs (1E21)` to compute, MMLU to mmlu"]),
    StatementInfo(
      name: "drop",
      summary: "Leaves columns out of a table (not Model).",
      syntax: "name = drop table column, column, ...",
      options: [],
      examples: ["t = drop data emergent_task, agent_score"]),
    StatementInfo(
      name: "show",
      summary: "Shows any value: a table's rows, a fit's summary, a list.",
      syntax: "show name [rows = n] [columns = [...]]",
      options: [
        OptionInfo(
          name: "rows", values: "a count, or all", defaultValue: "20",
          summary: "how many rows of a table to show", accepts: .words(["all"])),
        OptionInfo(
          name: "columns", values: "a list of columns", defaultValue: "all",
          summary: "which columns of a table to show", accepts: .names(.columns)),
      ],
      examples: ["show base rows = 5 columns = [MMLU, GSM8K]"]),
    StatementInfo(
      name: "describe",
      summary: "Summarizes a table: rows, families, FLOPs range and missing cells per column.",
      syntax: "describe table",
      options: [],
      examples: ["describe base"]),
    StatementInfo(
      name: "impute",
      summary: "Fills missing benchmark cells by iterative PCA reconstruction (algorithm.md §5).",
      syntax: "name = impute table [options]",
      options: [
        OptionInfo(
          name: "benchmarks", values: "a list of columns", defaultValue: "the paper's eight",
          summary: "the benchmark columns to impute", accepts: .names(.columns)),
        OptionInfo(
          name: "components", values: "a count", defaultValue: "1",
          summary: "principal components in the reconstruction"),
        OptionInfo(
          name: "tolerance", values: "a number > 0", defaultValue: "1e-4",
          summary: "the convergence tolerance"),
        OptionInfo(
          name: "rounds", values: "a count", defaultValue: "1000", summary: "the most rounds"),
        OptionInfo(
          name: "clip", values: "[low, high], or none", defaultValue: "[0, 1]",
          summary: "the range imputed cells are clipped to", accepts: .words(["none"])),
        OptionInfo(
          name: "stopping", values: "cells or reference", defaultValue: "cells",
          summary: "change measured on the missing cells, or the reference's allclose test",
          accepts: .words(["cells", "reference"])),
      ],
      examples: ["full = impute base", "full = impute base components = 2 clip = none"]),
    StatementInfo(
      name: "pca",
      summary:
        "Extracts principal capabilities: explained variance, loadings and each model's scores.",
      syntax: "name = pca table [options]",
      options: [
        OptionInfo(
          name: "benchmarks", values: "a list of columns", defaultValue: "the paper's eight",
          summary: "the benchmark columns", accepts: .names(.columns)),
        OptionInfo(
          name: "components", values: "a count", defaultValue: "5", summary: "components to compute"
        ),
        OptionInfo(
          name: "impute", values: "yes, no, or a component count",
          defaultValue: "yes (1 component)",
          summary: "impute missing cells first; no drops incomplete rows",
          accepts: .words(["yes", "no"])),
      ],
      examples: ["caps = pca base", "plot caps"]),
    StatementInfo(
      name: "fit",
      summary:
        "Fits a scaling law from predictors to a target on the train split; the defaults are the paper's.",
      syntax: "name = fit table: target ~ predictors [options]",
      options: [
        OptionInfo(
          name: "split",
          values:
            "cutoff(84), cutoff(50%), rank(10), rank(20%), random(20%, seed = 1), holdout([models]), holdout(families = [...]), subset(s, 12), subset(s, 12, random = 3), none",
          defaultValue: "cutoff(84) on FLOPs (1E21)",
          summary:
            "which models train the law; the rest test it (column = … inside cutoff or rank; rank's default is the target)",
          accepts: .words(["cutoff(", "rank(", "random(", "holdout(", "subset(", "none"])),
        OptionInfo(
          name: "law",
          values: "sigmoid-parametric, sigmoid-parametric-free-height, sigmoid, exp, linear",
          defaultValue: "sigmoid-parametric", summary: "the law's form",
          accepts: .words(LawForm.allCases.map(\.rawValue))),
        OptionInfo(
          name: "loss", values: "squares, huber, huber(δ)", defaultValue: "squares",
          summary: "the loss; huber alone means δ = 1",
          accepts: .words(["squares", "huber", "huber("])),
        OptionInfo(
          name: "transform", values: "minmax(low, high), log, logit, or a list of them",
          defaultValue: "none", summary: "transforms of the target, applied in order",
          accepts: .words(["minmax(", "log", "logit", "none"])),
        OptionInfo(
          name: "reference", values: "a family, or none",
          defaultValue: "Llama-2 (Atlas on the demo data)",
          summary: "the family whose compute defines f-equivalent FLOPs",
          accepts: OptionValues(words: ["none"], names: .families)),
        OptionInfo(
          name: "benchmarks", values: "a list of columns", defaultValue: "the paper's eight",
          summary: "the benchmarks the components come from", accepts: .names(.columns)),
        OptionInfo(
          name: "components", values: "a count", defaultValue: "5",
          summary: "components computed (at least the K used)"),
        OptionInfo(
          name: "impute", values: "yes, no, or a component count",
          defaultValue: "yes (1 component)",
          summary: "impute missing benchmark cells; no drops incomplete rows",
          accepts: .words(["yes", "no"])),
        OptionInfo(
          name: "floor", values: "[low, high]", defaultValue: "[0, 0.2]",
          summary: "bounds of the floor b"),
        OptionInfo(
          name: "height", values: "[low, high]", defaultValue: "[0.6, 1]",
          summary: "bounds of the height a (free-height law)"),
        OptionInfo(
          name: "start", values: "a list of numbers", defaultValue: "c = 0, w = 0.03, a = 1, b = 0",
          summary: "the solver's start point (c, w…, a, b)"),
        OptionInfo(
          name: "restarts", values: "a count", defaultValue: "2",
          summary:
            "extra seeded random starts (the lowest cost wins; Huber also starts from the least-squares optimum)"
        ),
        OptionInfo(
          name: "seed", values: "a count", defaultValue: "0", summary: "the seed of the restarts"),
        OptionInfo(
          name: "evaluations", values: "a count", defaultValue: "10000",
          summary: "the solver's evaluation budget per start"),
      ],
      examples: [
        "f = fit data: emergent_task ~ pc(3) reference = Atlas",
        "g = fit data: emergent_task ~ log(flops) reference = Atlas",
        "h = fit data: agent_score ~ pc(2) transform = minmax(0, 10) split = rank(20%) loss = huber",
      ]),
    StatementInfo(
      name: "predict",
      summary: "Lists every model's actual and predicted score, residual and f-equivalent FLOPs.",
      syntax: "predict fit [for [models]] [on table] [side = train | test | all]",
      options: [
        OptionInfo(
          name: "models", values: "a list of models (or write for [...])", defaultValue: "all",
          summary: "only these models", accepts: .names(.models)),
        OptionInfo(
          name: "side", values: "train, test or all", defaultValue: "all",
          summary: "only one side of the split", accepts: .words(["train", "test", "all"])),
        OptionInfo(
          name: "table", values: "a table (or write on table)",
          defaultValue: "the fit's own models",
          summary: "predict another table's models with the fit as it is (pre-registration)",
          accepts: .names(.tables)),
      ],
      examples: [
        "predict f", "predict f for [Atlas-70B, Iris-405B]", "predict f side = test",
        "predict f on data",
      ]),
    StatementInfo(
      name: "equiv",
      summary: "Expresses every model's capability as f-equivalent FLOPs of a reference family.",
      syntax: "equiv fit [reference = family]",
      options: [
        OptionInfo(
          name: "reference", values: "a family", defaultValue: "the fit's reference",
          summary: "the family whose compute defines the axis", accepts: .names(.families))
      ],
      examples: ["equiv f", "equiv f reference = Boreal"]),
    StatementInfo(
      name: "plot",
      summary:
        "Plots a fit (points and the fitted curve) or a pca (PC-1 against log FLOPs by family).",
      syntax: "plot fit [x = equiv | capability | pc1 | flops] | plot fit, fit, ... | plot pca",
      options: [
        OptionInfo(
          name: "x", values: "equiv, capability, pc1, flops",
          defaultValue: "equiv when the fit has a reference, else capability",
          summary: "the horizontal axis", accepts: .words(["equiv", "capability", "pc1", "flops"])),
        OptionInfo(
          name: "samples", values: "a count", defaultValue: "25",
          summary: "points on the fitted curve"),
        OptionInfo(
          name: "save", values: "a file name ending in .svg", defaultValue: "none",
          summary: "also write the chart as an SVG file"),
      ],
      examples: [
        "plot f", "plot f x = capability", "plot fewshot, cot", "plot caps",
        "plot f save = \"law.svg\"",
      ]),
    StatementInfo(
      name: "weights",
      summary:
        "Shows a law's weight on each benchmark: w·γ over the components used (algorithm.md §10).",
      syntax: "weights fit, fit, ...",
      options: [],
      examples: ["weights f", "weights fewshot, cot"]),
    StatementInfo(
      name: "gap",
      summary:
        "The difference of two laws along f-equivalent FLOPs (algorithm.md §11): a table and a chart.",
      syntax: "gap baseline, other [samples = n]",
      options: [
        OptionInfo(
          name: "samples", values: "a count", defaultValue: "25", summary: "points along the axis")
      ],
      examples: ["gap fewshot, cot"]),
    StatementInfo(
      name: "compare",
      summary: "Compares fits' errors side by side, also on the test models they share.",
      syntax: "compare fit, fit, ...",
      options: [],
      examples: ["compare f, g"]),
    StatementInfo(
      name: "save",
      summary: "Writes a table as CSV or a fit as JSON (reload the fit with load).",
      syntax: "save name to \"file.csv\" | \"file.json\"",
      options: [],
      examples: ["save f to \"emergent-fit.json\"", "save small to \"small.csv\""]),
    StatementInfo(
      name: "bootstrap",
      summary:
        "Refits a law on resamples of its train models: percentile bands on its parameters, predictions and curve.",
      syntax: "name = bootstrap fit [options]",
      options: [
        OptionInfo(
          name: "samples", values: "a count", defaultValue: "200",
          summary: "resamples of the train models, drawn with replacement"),
        OptionInfo(
          name: "seed", values: "a whole number", defaultValue: "0",
          summary: "the seed of the resamples"),
        OptionInfo(
          name: "level", values: "a percentage or fraction", defaultValue: "90%",
          summary: "the coverage of the bands"),
      ],
      examples: ["fb = bootstrap f samples = 500", "predict fb side = test", "plot fb"]),
    StatementInfo(
      name: "select",
      summary:
        "Chooses which model families to evaluate under each budget: V-optimal subsets (algorithm.md §12).",
      syntax: "name = select table [options]",
      options: [
        OptionInfo(
          name: "budgets", values: "a count or a list of counts", defaultValue: "8 to 20",
          summary: "the most models a subset may have"),
        OptionInfo(
          name: "force", values: "a list of families, or none",
          defaultValue: "[Llama-2] when the table has it",
          summary: "families every subset contains",
          accepts: OptionValues(words: ["none"], names: .families)),
        OptionInfo(
          name: "families", values: "a count", defaultValue: "10",
          summary: "the most families in a subset, forced ones included"),
        OptionInfo(
          name: "search", values: "exhaustive or greedy", defaultValue: "exhaustive",
          summary: "every combination (on all cores), or the best family at a time",
          accepts: .words(["exhaustive", "greedy"])),
        OptionInfo(
          name: "random", values: "a count", defaultValue: "0",
          summary: "random family subsets per budget to compare with"),
        OptionInfo(
          name: "seed", values: "a whole number", defaultValue: "0",
          summary: "the seed of the random subsets"),
        OptionInfo(
          name: "benchmarks", values: "a list of columns", defaultValue: "the paper's eight",
          summary: "the benchmark columns", accepts: .names(.columns)),
        OptionInfo(
          name: "components", values: "a count", defaultValue: "3",
          summary: "principal capabilities in the criterion"),
        OptionInfo(
          name: "impute", values: "yes, no, or a component count",
          defaultValue: "yes (1 component)",
          summary: "impute missing cells first; no drops incomplete rows",
          accepts: .words(["yes", "no"])),
      ],
      examples: [
        "small = filter data where `FLOPs (1E21)` <= 84",
        "s = select small force = [Atlas] budgets = [8, 12, 16]",
        "f = fit data: gsm_cot ~ pc(3) split = subset(s, 12)",
      ]),
    StatementInfo(
      name: "print",
      summary:
        "Writes strings, numbers and names' summaries to standard output (a stream in notebooks).",
      syntax: "print value, value, ...",
      options: [],
      examples: ["print \"hello, world\"", "print \"models:\", 95"]),
    StatementInfo(
      name: "warn",
      summary: "Writes the same to standard error: a note for the reader that is not a result.",
      syntax: "warn value, value, ...",
      options: [],
      examples: ["warn \"the 2024 models are not in this table\""]),
    StatementInfo(
      name: "clear",
      summary:
        "Clears the output shown so far: the cell's output in a notebook, the screen in the REPL; nothing in scripts.",
      syntax: "clear",
      options: [],
      examples: ["clear"]),
    StatementInfo(
      name: "help",
      summary: "Lists the statements, or explains one.",
      syntax: "help [statement]",
      options: [],
      examples: ["help", "help fit"]),
  ]

  /// The statement named `name`, if any.
  public static func info(_ name: String) -> StatementInfo? {
    statements.first { $0.name == name }
  }

  /// The keywords of every statement.
  public static var keywords: [String] { statements.map(\.name) }
}
