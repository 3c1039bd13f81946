internal import Glibc

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

/// The real file system, through the C library.
public struct LocalFileSystem: FileSystem {
  /// Creates the real file system.
  public init() {}

  /// Reads a file; nil when it does not exist.
  public func read(_ path: String) throws -> [UInt8]? {
    var status = stat()
    guard stat(path, &status) == 0 else {
      if errno == ENOENT || errno == ENOTDIR { return nil }
      throw FileSystemError.unreadable
    }
    if status.st_mode & S_IFMT == S_IFDIR { throw FileSystemError.isDirectory }
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw FileSystemError.unreadable }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(status.st_size))
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count >= 0 else { throw FileSystemError.unreadable }
      if count == 0 { return bytes }
      bytes += chunk[0..<count]
    }
  }

  /// Writes a file atomically: into a new file beside it, which then replaces it by `rename`.
  public func write(_ bytes: [UInt8], to path: String) throws {
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
    guard isDirectory(folder) else { throw FileSystemError.noFolder(folder) }
    if isDirectory(path) { throw FileSystemError.isDirectory }
    // The temporary file is created with mode 0666 less the umask, as the final file should be.
    var temporary = ""
    var descriptor: Int32 = -1
    for attempt in 0..<100 where descriptor < 0 {
      temporary = "\(path).obscale-\(getpid())-\(attempt)-\(UInt32.random(in: 0...UInt32.max))"
      descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if descriptor < 0, errno != EEXIST { break }
    }
    guard descriptor >= 0 else { throw FileSystemError.unwritable }
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { break }
      written += count
    }
    let closed = close(descriptor) == 0
    guard written == bytes.count, closed, rename(temporary, path) == 0 else {
      unlink(temporary)
      throw FileSystemError.unwritable
    }
  }

  /// Lists a folder.
  public func list(_ path: String) -> [String] {
    guard let folder = opendir(path) else { return [] }
    defer { closedir(folder) }
    var names: [String] = []
    while let entry = readdir(folder) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != ".", name != ".." { names.append(name) }
    }
    return names
  }

  /// Whether a path is a folder (following symbolic links).
  public func isDirectory(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
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
