import Foundation
import JupyterProtocol
import Testing

/// The broken connection files of Tests/Corpus/connection, with the error each must give
/// (Tests/Corpus/expected.txt).
struct ConnectionCorpusTests {
  /// Tests/Corpus.
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Corpus")

  /// File name and expected message text of each connection case.
  static let cases: [(String, String)] = {
    let manifest =
      (try? String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8))
      ?? ""
    return manifest.split(separator: "\n").compactMap { line in
      guard line.hasPrefix("connection/") else { return nil }
      let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
      guard parts.count == 2, parts[1].hasPrefix("error: ") else { return nil }
      return (String(parts[0].dropFirst("connection/".count)), String(parts[1].dropFirst(7)))
    }
  }()

  @Test(arguments: cases.map(\.0))
  func explainsEachBrokenFile(_ file: String) throws {
    let expected = try #require(Self.cases.first { $0.0 == file }?.1)
    let bytes = Array(
      try Data(contentsOf: Self.folder.appendingPathComponent("connection/\(file)")))
    #expect {
      try ConnectionInfo.parse(bytes)
    } throws: { error in
      "\(error)".contains(expected)
    }
  }

  @Test func refusesDeepNestingWithoutCrashing() {
    let deep = Array(
      (String(repeating: "{\"a\":", count: 200_000) + "1" + String(repeating: "}", count: 200_000))
        .utf8)
    #expect {
      try ConnectionInfo.parse(deep)
    } throws: { error in
      "\(error)".contains("nesting deeper than 512")
    }
  }
}
