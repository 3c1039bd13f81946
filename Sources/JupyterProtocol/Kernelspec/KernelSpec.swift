public import ObscaleJSON

/// A kernelspec: the `kernel.json` that tells Jupyter how to start a kernel
/// (jupyter_client documentation, "Kernel specs").
public struct KernelSpec: Sendable, Equatable {
  /// The command line; `{connection_file}` is replaced by the client.
  public var argv: [String]
  /// The name shown in launchers and menus.
  public var displayName: String
  /// The language, as in `language_info.name`.
  public var language: String
  /// How the client interrupts the kernel: `signal` (SIGINT) or `message` (`interrupt_request`).
  public var interruptMode: String

  /// Creates a kernelspec.
  public init(
    argv: [String], displayName: String, language: String, interruptMode: String = "message"
  ) {
    self.argv = argv
    self.displayName = displayName
    self.language = language
    self.interruptMode = interruptMode
  }

  /// The `kernel.json` content.
  public var json: JSON {
    .object([
      ("argv", .array(argv.map(JSON.string))), ("display_name", .string(displayName)),
      ("language", .string(language)),
      ("interrupt_mode", .string(interruptMode)),
      ("metadata", .object([("debugger", false), ("supported_encryption", ["curve"])])),
    ])
  }

  /// `kernel.json` as text: indented, one key per line, with a final newline.
  public var fileText: String {
    var lines = ["{"]
    let pairs = json.objectValue ?? []
    for (k, pair) in pairs.enumerated() {
      lines.append(
        "  \(JSON.string(pair.0).serialized): \(pair.1.serialized)\(k == pairs.count - 1 ? "" : ",")"
      )
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }
}
