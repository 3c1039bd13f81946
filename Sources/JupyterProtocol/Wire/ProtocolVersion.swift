/// The version of the Jupyter messaging protocol this module speaks.
///
/// The module will hold the message model, the wire codec, the HMAC signer (libcrypto), the
/// connection file and the protocol core behind the `KernelInterpreter` seam; it imports
/// nothing of ours and nothing of ZeroMQ (docs/ARCHITECTURE.md).
public enum ProtocolVersion {
  /// The messaging protocol version announced in every header and in `kernel_info_reply`.
  public static let messaging: String = "5.3"
}
