import Foundation
import JupyterProtocol
import ObscaleJSON
import Testing

@testable import ObscaleKernel

/// The kernelspec folder of the repository is what `obscale install` writes.
struct KernelSpecFilesTests {
  /// The repository's kernelspec folder.
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("kernelspec")

  @Test(arguments: KernelLogo.sizes)
  func theLogosAreTheOnesDrawnInCode(_ size: Int) throws {
    let committed = try Data(
      contentsOf: KernelSpecFilesTests.folder.appendingPathComponent("logo-\(size)x\(size).png"))
    let drawn = KernelLogo.png(size: size)
    #expect(Array(committed) == drawn)
    // IHDR: width and height, 8-bit RGBA.
    #expect(Array(drawn[16..<24]) == [0, 0, 0, UInt8(size), 0, 0, 0, UInt8(size)])
    #expect(drawn[24] == 8 && drawn[25] == 6)
  }

  @Test func kernelJSONIsTheSpecWithAPlainCommand() throws {
    let committed = try String(
      contentsOf: KernelSpecFilesTests.folder.appendingPathComponent("kernel.json"), encoding: .utf8
    )
    #expect(committed == KernelIdentity.spec(executable: "obscale").fileText)
    let parsed = try JSONParser.parse(committed)
    #expect(parsed["argv"] == ["obscale", "kernel", "-f", "{connection_file}"])
    #expect(parsed["language"] == "obscale")
    #expect(parsed["interrupt_mode"] == "message")
    #expect(
      parsed["metadata"]?["supported_encryption"] == ["curve"],
      "jupyter_client provisions CurveZMQ keys for kernels that say so")
  }

  /// CRC-32 and Adler-32 check values: "123456789" → CBF43926 (the CRC catalogue's check
  /// value for CRC-32/ISO-HDLC), "Wikipedia" → 11E60398 (Adler-32's worked example).
  @Test func checksumsMatchTheirPublishedCheckValues() {
    #expect(PNGEncoder.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(PNGEncoder.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
  }

  @Test func installsAndUninstallsIntoAPrefix() throws {
    let prefix = FileManager.default.temporaryDirectory.appendingPathComponent(
      "obscale-spec-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: prefix) }
    let folder = try KernelSpecInstaller.install(
      KernelIdentity.spec(executable: "/opt/obscale"), name: "obscale", files: KernelLogo.files,
      location: .prefix(prefix), environment: [:])
    #expect(folder == prefix + "/share/jupyter/kernels/obscale")
    #expect(FileManager.default.fileExists(atPath: folder + "/logo-64x64.png"))
    let written = try JSONParser.parse(
      Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/kernel.json"))))
    #expect(written["argv"]?.arrayValue?.first == "/opt/obscale")
    #expect(
      try KernelSpecInstaller.uninstall(
        name: "obscale", location: .prefix(prefix), environment: [:]) == folder)
    #expect(!FileManager.default.fileExists(atPath: folder))
    #expect(throws: KernelSpecInstaller.Failure.self) {
      try KernelSpecInstaller.uninstall(
        name: "obscale", location: .prefix(prefix), environment: [:])
    }
  }

  @Test(arguments: [
    (KernelSpecLocation.user, ["HOME": "/home/u"], "/home/u/.local/share/jupyter/kernels"),
    (.user, ["HOME": "/home/u", "XDG_DATA_HOME": "/x"], "/x/jupyter/kernels"),
    (.user, ["HOME": "/home/u", "JUPYTER_DATA_DIR": "/j"], "/j/kernels"),
    (.sysPrefix, ["VIRTUAL_ENV": "/venv"], "/venv/share/jupyter/kernels"),
    (.sysPrefix, ["CONDA_PREFIX": "/conda"], "/conda/share/jupyter/kernels"),
    (.prefix("/p"), [:], "/p/share/jupyter/kernels"),
  ])
  func findsTheKernelsFolderAsJupyterDoes(
    _ location: KernelSpecLocation, _ environment: [String: String], _ expected: String
  ) throws {
    #expect(try KernelSpecInstaller.kernelsFolder(location, environment: environment) == expected)
  }

  @Test func sysPrefixNeedsAnEnvironment() {
    #expect {
      try KernelSpecInstaller.kernelsFolder(.sysPrefix, environment: [:])
    } throws: { error in
      "\(error)".contains("needs an active virtual or conda environment")
    }
  }
}
