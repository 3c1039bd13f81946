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

  /// The most bytes one file may hold: scripts, tables and saved fits alike (a table of a
  /// million models × 32 benchmarks is about 200 MB).
  public static let readLimit = 1 << 30

  /// Reads a regular file (following symbolic links); nil when it does not exist.
  ///
  /// - Throws: for a folder, a device, a FIFO or a socket (which could be endless, like
  ///   /dev/zero), for a file larger than `readLimit`, or when it cannot be read.
  public func read(_ path: String) throws -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else {
      if errno == ENOENT || errno == ENOTDIR { return nil }
      if errno == EISDIR { throw FileSystemError.isDirectory }
      throw FileSystemError.unreadable
    }
    defer { close(descriptor) }
    // The kind of what was opened (not of what the path named a moment before).
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw FileSystemError.unreadable }
    switch status.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: throw FileSystemError.isDirectory
    default: throw FileSystemError.notRegular(LocalFileSystem.kind(status.st_mode))
    }
    guard Int(status.st_size) <= LocalFileSystem.readLimit else {
      throw FileSystemError.tooLarge(bytes: Int(status.st_size), limit: LocalFileSystem.readLimit)
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(status.st_size))
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count >= 0 else { throw FileSystemError.unreadable }
      if count == 0 { return bytes }
      // A file that grows while it is read still stops at the limit.
      guard bytes.count + count <= LocalFileSystem.readLimit else {
        throw FileSystemError.tooLarge(bytes: bytes.count + count, limit: LocalFileSystem.readLimit)
      }
      bytes += chunk[0..<count]
    }
  }

  /// Writes a file atomically: into a new file beside it, which then replaces it by `rename`.
  ///
  /// An existing file keeps its permissions; a symbolic link is written through (its target
  /// is replaced, beside the target, and the link stays a link); anything but a regular file
  /// (a FIFO, a device, a socket) is refused.
  public func write(_ bytes: [UInt8], to path: String) throws {
    var target = path
    var status = stat()
    if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
      guard let resolved = LocalFileSystem.linkTarget(path) else {
        throw FileSystemError.unwritable
      }
      target = resolved
    }
    var mode: mode_t?
    if stat(target, &status) == 0 {
      switch status.st_mode & S_IFMT {
      case S_IFREG: mode = status.st_mode & 0o7777
      case S_IFDIR: throw FileSystemError.isDirectory
      default: throw FileSystemError.notRegular(LocalFileSystem.kind(status.st_mode))
      }
    }
    let slash = target.lastIndex(of: "/")
    let folder = slash.map { $0 == target.startIndex ? "/" : String(target[..<$0]) } ?? "."
    guard isDirectory(folder) else { throw FileSystemError.noFolder(folder) }
    // The temporary file is created with mode 0666 less the umask, as a new file should be;
    // an existing file's own mode is then given to it.
    var temporary = ""
    var descriptor: Int32 = -1
    for attempt in 0..<100 where descriptor < 0 {
      temporary = "\(target).obscale-\(getpid())-\(attempt)-\(UInt32.random(in: 0...UInt32.max))"
      descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if descriptor < 0, errno != EEXIST { break }
    }
    guard descriptor >= 0 else { throw FileSystemError.unwritable }
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes {
        Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written)
      }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { break }
      written += count
    }
    let moded = mode.map { fchmod(descriptor, $0) == 0 } ?? true
    let closed = close(descriptor) == 0
    guard written == bytes.count, moded, closed, rename(temporary, target) == 0 else {
      unlink(temporary)
      throw FileSystemError.unwritable
    }
  }

  /// The path a symbolic link points to, resolved against the link's folder (one level;
  /// `realpath` when the target exists, so chains are followed).
  static func linkTarget(_ path: String) -> String? {
    if let resolved = realpath(path, nil) {
      defer { free(resolved) }
      return String(cString: resolved)
    }
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count > 0 else { return nil }
    let link = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if link.hasPrefix("/") { return link }
    let slash = path.lastIndex(of: "/")
    return slash.map { String(path[...$0]) + link } ?? link
  }

  /// What kind of file a mode names, for messages.
  static func kind(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    case S_IFIFO: return "a FIFO"
    case S_IFSOCK: return "a socket"
    case S_IFLNK: return "a symbolic link"
    default: return "not a regular file"
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
  /// The path names a device, FIFO or socket, not a file.
  case notRegular(String)
  /// The file holds more than the read limit.
  case tooLarge(bytes: Int, limit: Int)

  /// The reason, for messages.
  var description: String {
    switch self {
    case .isDirectory: return "it is a folder"
    case .unreadable: return "permission denied or an I/O error"
    case .noFolder(let folder): return "the folder '\(folder)' does not exist"
    case .unwritable: return "permission denied, or the disk is full"
    case .notRegular(let kind): return "it is \(kind), not a regular file"
    case .tooLarge(let bytes, let limit):
      return
        "it holds more than \(limit >> 20) MiB (at least \(bytes >> 20) MiB), the most obscale reads from one file"
    }
  }
}

/// Joins a folder and a relative path with one `/`.
func joinPath(_ folder: String, _ path: String) -> String {
  if folder.isEmpty { return path }
  return folder.hasSuffix("/") ? folder + path : folder + "/" + path
}
