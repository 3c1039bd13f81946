internal import CZeroMQ

/// Facts about the linked libzmq; this module is the only caller of `zmq_*`.
public enum ZeroMQLibrary {
  /// The linked libzmq's version as "major.minor.patch".
  public static var version: String {
    var major: Int32 = 0
    var minor: Int32 = 0
    var patch: Int32 = 0
    zmq_version(&major, &minor, &patch)
    return "\(major).\(minor).\(patch)"
  }
}
