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
    let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    #expect(mode == 0o666 & ~Int(mask))
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
    try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: false)
    #expect(files.isDirectory(folder + "/sub"))
    #expect(!files.isDirectory(folder + "/nothing"))
    #expect(throws: (any Error).self) { try files.write([1], to: folder + "/sub") }
    #expect(throws: (any Error).self) { try files.read(folder + "/sub") }
    #expect(Set(files.list(folder)) == ["sub"])
    #expect(files.list(folder + "/nothing") == [])
    #expect(try files.read(folder + "/sub/none/deeper") == nil)
  }
}
