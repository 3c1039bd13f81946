/// A file system holding only the demo script, so that `obscale demo` reads nothing from disk.
public struct DemoFileSystem: FileSystem {
  /// The script's text.
  public var script: String

  /// Creates the file system with `script` at `demo.obs`.
  public init(script: String) {
    self.script = script
  }

  /// Returns the script for `demo.obs` (or `./demo.obs`), nil for anything else.
  public func read(_ path: String) throws -> [UInt8]? {
    path == "demo.obs" || path == "./demo.obs" ? Array(script.utf8) : nil
  }

  /// Refuses: the demo writes nothing.
  public func write(_ bytes: [UInt8], to path: String) throws {
    throw DemoFileSystemError.readOnly
  }

  /// Lists nothing.
  public func list(_ path: String) -> [String] { [] }

  /// There are no folders.
  public func isDirectory(_ path: String) -> Bool { false }
}

/// Why the demo file system refused a write.
enum DemoFileSystemError: Error, CustomStringConvertible {
  /// The demo writes no files.
  case readOnly

  /// The reason.
  var description: String { "the demo writes no files" }
}
