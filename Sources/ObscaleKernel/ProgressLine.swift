internal import JupyterProtocol

/// Progress of long work in a notebook: one output line that each report rewrites in place
/// (`display_data` with a display id, then `update_display_data`), replaced by the
/// statement's result when it finishes, or left saying where it stopped.
struct ProgressLine {
  /// Where the line is shown.
  let context: ExecutionContext
  /// The id of the line on show, if any.
  private var id: String?
  /// The last report on show.
  private var message = ""
  /// How many lines this cell has shown, for unique ids.
  private var shown = 0

  /// A line shown through `context`.
  init(context: ExecutionContext) {
    self.context = context
  }

  /// Shows `message`: a new line, or the one on show rewritten.
  mutating func show(_ message: String) {
    self.message = message
    let bundle = MimeBundle.text("… " + message)
    if let id {
      context.update(bundle, id: id)
    } else {
      shown += 1
      let id = "obscale-progress-\(context.executionCount)-\(shown)"
      self.id = id
      context.display(bundle, id: id)
    }
  }

  /// Puts `bundle` where the line is and returns true, or returns false when no line is on
  /// show.
  mutating func replace(with bundle: MimeBundle) -> Bool {
    guard let id else { return false }
    context.update(bundle, id: id)
    self.id = nil
    return true
  }

  /// Ends the line on show: `stopped` says the work did not finish, else it is blanked.
  mutating func end(stopped: Bool) {
    guard let id else { return }
    context.update(.text(stopped ? "stopped: " + message : ""), id: id)
    self.id = nil
  }
}
