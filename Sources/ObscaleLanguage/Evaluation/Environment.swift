internal import ScalingLaws

/// What a statement sees while it runs: the session's names and files, read only, where its
/// value will be bound, and where it reports progress.
///
/// A statement evaluates itself (`EvaluatedStatement.evaluate(in:)`) and gives back its value
/// and output; the session binds the value only when the statement succeeds. Nothing a
/// statement does changes the session otherwise, so the environment is a value it reads.
struct Environment {
  /// The named values.
  let values: [String: Value]
  /// The folder of the script or notebook (nil: the working folder).
  let directory: String?
  /// Further folders to look in (`OBSCALE_PATH`).
  let searchPath: [String]
  /// How files are read and written.
  let files: any FileSystem
  /// How many rows of a table an output lists before folding the rest.
  let displayRows: Int
  /// The statement being run.
  let statement: Statement
  /// The name its value is bound to, if any (`name = …`).
  var binding: String? { statement.binding?.value }
  /// Where a note on long work goes (the engine reports its own progress).
  let progress: (String) -> Void

  /// The environment of `statement` in `session`.
  init(_ session: Session, statement: Statement, progress: @escaping (String) -> Void) {
    values = session.values
    directory = session.directory
    searchPath = session.searchPath
    files = session.files
    displayRows = session.displayRows
    self.statement = statement
    self.progress = progress
  }

  /// The presenter for the session's display settings.
  var presenter: Presenter { Presenter(displayRows: displayRows) }
}

/// A statement that runs: the evaluation half of a `StatementNode`, added where the
/// statement's work lives (its file in `Statements/`), so that the syntax tree does not depend
/// on evaluation.
protocol EvaluatedStatement: StatementNode {
  /// Runs the statement: its value (nil for one that makes none) and what it shows.
  func evaluate(in environment: Environment) throws -> Evaluation
}
