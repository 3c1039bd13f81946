import Foundation
import ObscaleLanguage
import Testing

/// The real file system, in a fresh temporary folder.
struct LocalFileSystemTests {
  /// A new empty folder, removed by the caller.
  private static func scratch() throws -> String {
    let folder = NSTemporaryDirectory() + "obscale-fs-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    return folder
  }

  @Test func writesReadsAndReplacesAtomically() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let files = LocalFileSystem()
    let path = folder + "/fit.json"
    #expect(try files.read(path) == nil)
    let big = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    try files.write(big, to: path)
    #expect(try files.read(path) == big)
    try files.write(Array("short\n".utf8), to: path)
    #expect(try files.read(path) == Array("short\n".utf8))
    #expect(files.list(folder) == ["fit.json"], "no temporary file is left behind")
    // Created as 0666 less the umask, like any file a program writes.
    let mask = umask(0o022)
    umask(mask)
    let mode = try #require(
      FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    #expect(mode == 0o666 & ~Int(mask))
  }

  /// Devices and FIFOs could be endless (`/dev/zero`): refused before a byte is read, also
  /// behind a symbolic link.
  @Test func readsOnlyRegularFiles() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let files = LocalFileSystem()
    try FileManager.default.createSymbolicLink(
      atPath: folder + "/zero.csv", withDestinationPath: "/dev/zero")
    #expect(mkfifo(folder + "/pipe.csv", 0o600) == 0)
    for (path, kind) in [
      ("/dev/zero", "a character device"), (folder + "/zero.csv", "a character device"),
      (folder + "/pipe.csv", "a FIFO"),
    ] {
      do {
        _ = try files.read(path)
        Issue.record("read \(path)")
      } catch {
        #expect("\(error)" == "it is \(kind), not a regular file", "\(path)")
      }
    }
  }

  /// `save` over an existing file keeps its mode, writes through a symbolic link to its
  /// target (the link stays), and refuses a FIFO.
  @Test func replacingKeepsModeLinksAndRefusesWhatIsNotAFile() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let files = LocalFileSystem()
    let privatePath = folder + "/private.json"
    try files.write([1], to: privatePath)
    #expect(chmod(privatePath, 0o600) == 0)
    try files.write([2, 3], to: privatePath)
    let mode = try #require(
      FileManager.default.attributesOfItem(atPath: privatePath)[.posixPermissions] as? Int)
    #expect(mode == 0o600)
    try files.write([4], to: folder + "/target.json")
    try FileManager.default.createSymbolicLink(
      atPath: folder + "/link.json", withDestinationPath: "target.json")
    try files.write([5, 6], to: folder + "/link.json")
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/link.json")
        == "target.json")
    #expect(try files.read(folder + "/target.json") == [5, 6])
    #expect(mkfifo(folder + "/pipe.json", 0o600) == 0)
    #expect(throws: (any Error).self) { try files.write([7], to: folder + "/pipe.json") }
    var status = stat()
    #expect(
      lstat(folder + "/pipe.json", &status) == 0 && status.st_mode & S_IFMT == S_IFIFO,
      "the FIFO is still there")
    #expect(
      Set(files.list(folder)) == ["private.json", "target.json", "link.json", "pipe.json"],
      "no temporary file is left")
  }

  @Test func saysWhyAWriteOrReadCannotBeDone() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let files = LocalFileSystem()
    #expect(throws: (any Error).self) { try files.write([1], to: folder + "/missing/x.csv") }
    do {
      try files.write([1], to: folder + "/missing/x.csv")
    } catch {
      #expect("\(error)" == "the folder '\(folder)/missing' does not exist")
    }
    try FileManager.default.createDirectory(
      atPath: folder + "/sub", withIntermediateDirectories: false)
    #expect(files.isDirectory(folder + "/sub"))
    #expect(!files.isDirectory(folder + "/nothing"))
    #expect(throws: (any Error).self) { try files.write([1], to: folder + "/sub") }
    #expect(throws: (any Error).self) { try files.read(folder + "/sub") }
    #expect(Set(files.list(folder)) == ["sub"])
    #expect(files.list(folder + "/nothing") == [])
    #expect(try files.read(folder + "/sub/none/deeper") == nil)
  }
}
