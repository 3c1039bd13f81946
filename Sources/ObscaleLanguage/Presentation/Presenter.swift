/// Builds what a value looks like — its `Output`, the same for every renderer — from the value
/// alone: presentation is pure, so the REPL, the kernel and scripts show a value the same way
/// whichever statement made it.
struct Presenter {
  /// How many rows of a table an output lists before folding the rest.
  var displayRows: Int
}
