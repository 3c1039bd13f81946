internal import Foundation

/// The files a session reads and writes: the seam that tests replace with an in-memory one.
public protocol FileSystem: Sendable {
  /// Returns the bytes of the file at `path`, or nil when there is no such file.
  ///
  /// - Throws: when the file exists but cannot be read; the error's description says why.
  func read(_ path: String) throws -> [UInt8]?
  /// Writes `bytes` to `path`, replacing it atomically (a temporary file, then a rename).
  func write(_ bytes: [UInt8], to path: String) throws
  /// Returns the names in the folder at `path` (for completion), or [] when there is none.
  func list(_ path: String) -> [String]
  /// Whether `path` is a folder.
  func isDirectory(_ path: String) -> Bool
}

/// The real file system.
public struct LocalFileSystem: FileSystem {
  /// Creates the real file system.
  public init() {}

  /// Reads a file; nil when it does not exist.
  public func read(_ path: String) throws -> [UInt8]? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
    if isDirectory.boolValue { throw FileSystemError.isDirectory }
    guard let data = FileManager.default.contents(atPath: path) else { throw FileSystemError.unreadable }
    return [UInt8](data)
  }

  /// Writes a file atomically.
  public func write(_ bytes: [UInt8], to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    guard isDirectory(folder) else { throw FileSystemError.noFolder(folder) }
    if isDirectory(path) { throw FileSystemError.isDirectory }
    do {
      try Data(bytes).write(to: url, options: .atomic)
    } catch {
      throw FileSystemError.unwritable
    }
  }

  /// Lists a folder.
  public func list(_ path: String) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
  }

  /// Whether a path is a folder.
  public func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}

/// Why the real file system could not read a file.
enum FileSystemError: Error, CustomStringConvertible {
  /// The path is a folder.
  case isDirectory
  /// The file exists but its contents could not be read (permissions).
  case unreadable
  /// The folder to write into does not exist.
  case noFolder(String)
  /// The file could not be written (permissions, a full disk).
  case unwritable

  /// The reason, for messages.
  var description: String {
    switch self {
    case .isDirectory: return "it is a folder"
    case .unreadable: return "permission denied or an I/O error"
    case .noFolder(let folder): return "the folder '\(folder)' does not exist"
    case .unwritable: return "permission denied, or the disk is full"
    }
  }
}

/// Joins a folder and a relative path with one `/`.
func joinPath(_ folder: String, _ path: String) -> String {
  if folder.isEmpty { return path }
  return folder.hasSuffix("/") ? folder + path : folder + "/" + path
}
