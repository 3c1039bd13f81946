/// The message types of the Jupyter messaging protocol (5.3) that this kernel reads or writes,
/// by their `msg_type`. A message of another type still decodes (its `type` is any string);
/// it is answered as unknown.
public enum MessageType: String, CaseIterable, Sendable {
  // Requests and their replies, on shell and control.
  /// Run code.
  case executeRequest = "execute_request"
  /// The outcome of `execute_request`.
  case executeReply = "execute_reply"
  /// The kernel's identity and language.
  case kernelInfoRequest = "kernel_info_request"
  /// The answer to `kernel_info_request`.
  case kernelInfoReply = "kernel_info_reply"
  /// Completions at a cursor.
  case completeRequest = "complete_request"
  /// The answer to `complete_request`.
  case completeReply = "complete_reply"
  /// What is known of a word at a cursor.
  case inspectRequest = "inspect_request"
  /// The answer to `inspect_request`.
  case inspectReply = "inspect_reply"
  /// Whether code is complete enough to run.
  case isCompleteRequest = "is_complete_request"
  /// The answer to `is_complete_request`.
  case isCompleteReply = "is_complete_reply"
  /// The kernel's history.
  case historyRequest = "history_request"
  /// The answer to `history_request`.
  case historyReply = "history_reply"
  /// The open comms.
  case commInfoRequest = "comm_info_request"
  /// The answer to `comm_info_request`.
  case commInfoReply = "comm_info_reply"
  /// Interrupt the running cell (control).
  case interruptRequest = "interrupt_request"
  /// The answer to `interrupt_request`.
  case interruptReply = "interrupt_reply"
  /// Shut down or restart (control).
  case shutdownRequest = "shutdown_request"
  /// The answer to `shutdown_request`, also published on IOPub.
  case shutdownReply = "shutdown_reply"
  // Comms.
  /// A frontend opens a comm.
  case commOpen = "comm_open"
  /// A message on a comm.
  case commMessage = "comm_msg"
  /// A comm closes.
  case commClose = "comm_close"
  // IOPub.
  /// The kernel's state: busy, idle, starting.
  case status
  /// The code being run.
  case executeInput = "execute_input"
  /// Text on stdout or stderr.
  case stream
  /// A rich output.
  case displayData = "display_data"
  /// A rich output replacing one shown before under its display id.
  case updateDisplayData = "update_display_data"
  /// A cell's result.
  case executeResult = "execute_result"
  /// An error raised by the code.
  case error
  /// Clear the cell's output.
  case clearOutput = "clear_output"

  /// The reply type of a request type (`x_request` → `x_reply`), for requests of any type.
  public static func replyType(of request: String) -> String? {
    guard request.hasSuffix("_request") else { return nil }
    return String(request.dropLast("_request".count)) + "_reply"
  }
}
