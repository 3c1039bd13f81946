internal import Synchronization

/// What an interpreter publishes through while it executes a cell: streams, rich displays,
/// the cell's result, and requests to clear the output. The core turns each into an iopub
/// message whose parent is the request; when the request is `silent`, nothing is published.
public final class ExecutionContext: Sendable {
  /// The standard streams.
  public enum Stream: String, Sendable {
    /// Standard output.
    case stdout
    /// Standard error.
    case stderr
  }

  /// What an interpreter published.
  public enum Event: Sendable, Equatable {
    /// Text on a stream (`stream`).
    case stream(Stream, String)
    /// A rich output (`display_data`), with the id later updates name, if any.
    case display(MimeBundle, id: String?)
    /// New content for the output shown with `id` (`update_display_data`).
    case update(MimeBundle, id: String)
    /// The cell's result (`execute_result`).
    case result(MimeBundle)
    /// A request to clear the output (`clear_output`).
    case clear(wait: Bool)
  }

  /// The cell's execution count (`In [n]`).
  public let executionCount: Int
  /// Whether the client asked for no output.
  public let silent: Bool
  /// Where events go.
  private let sink: @Sendable (Event) -> Void
  /// The plain text of the result, kept for history's output.
  private let resultText = Mutex<String?>(nil)

  /// Creates a context that hands events to `sink` (the core's publisher, or a test's
  /// recorder).
  public init(executionCount: Int, silent: Bool, sink: @escaping @Sendable (Event) -> Void) {
    self.executionCount = executionCount
    self.silent = silent
    self.sink = sink
  }

  /// Writes `text` to a stream.
  public func stream(_ stream: Stream, _ text: String) {
    sink(.stream(stream, text))
  }

  /// Shows a rich output (`display_data`); with `id`, `update(_:id:)` can replace it later.
  public func display(_ bundle: MimeBundle, id: String? = nil) {
    sink(.display(bundle, id: id))
  }

  /// Replaces the content of the output shown with `id`, wherever the front end shows it
  /// (`update_display_data`).
  public func update(_ bundle: MimeBundle, id: String) {
    sink(.update(bundle, id: id))
  }

  /// Shows the cell's result (`execute_result`, numbered with the execution count).
  public func result(_ bundle: MimeBundle) {
    if case .string(let text)? = bundle.data.first(where: { $0.0 == "text/plain" })?.1 {
      resultText.withLock { $0 = text }
    }
    sink(.result(bundle))
  }

  /// Clears the cell's output, at once or (`wait`) when the next output arrives.
  public func clearOutput(wait: Bool) {
    sink(.clear(wait: wait))
  }

  /// The plain text of the last result, if any.
  var lastResultText: String? { resultText.withLock { $0 } }
}
