/// The five sockets of a Jupyter kernel.
public enum Channel: String, Sendable, CaseIterable {
  /// Requests from clients (execute, complete, inspect, …), answered in order.
  case shell
  /// Urgent requests (interrupt, shutdown, kernel_info), served even while shell is busy.
  case control
  /// Requests from the kernel to the client for input.
  case stdin
  /// Broadcasts: status, streams, outputs, errors.
  case iopub
  /// The heartbeat echo.
  case heartbeat = "hb"
}
