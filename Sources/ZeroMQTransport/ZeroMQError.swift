/// A ZeroMQ call that failed, with libzmq's own message.
public struct ZeroMQError: Error, Equatable, CustomStringConvertible {
  /// What was being done, such as `bind shell to tcp://127.0.0.1:5555`.
  public var operation: String
  /// `zmq_strerror` of the error number.
  public var reason: String

  /// `cannot <operation>: <reason>`.
  public var description: String { "cannot \(operation): \(reason)" }
}
