/// How the obscale kernel names itself to Jupyter clients.
///
/// The adapter from a language `Session` to the protocol's `KernelInterpreter` seam will live
/// in this module; these names are fixed now so the kernelspec and the language agree.
public enum KernelIdentity {
  /// The kernel implementation's name.
  public static let implementation: String = "obscale"
  /// The language name in `language_info`.
  public static let language: String = "obscale"
  /// The file extension of obscale scripts.
  public static let fileExtension: String = ".obs"
}
