import Foundation
import JupyterProtocol
import ObscaleJSON
import ObscaleLanguage
import Testing

@testable import ObscaleKernel

/// The JupyterLab extension `obscale install` writes: a package JupyterLab can find and a
/// module that knows the language's words.
struct LabExtensionTests {
  @Test func packageJSONNamesTheModuleItShips() throws {
    let package = try JSONParser.parse(LabExtension.packageJSON)
    #expect(package["name"] == .string(LabExtension.name))
    #expect(package["jupyterlab"]?["extension"] == true)
    let load = try #require(package["jupyterlab"]?["_build"]?["load"]?.stringValue)
    #expect(LabExtension.files.map(\.0).contains(load))
    #expect(package["jupyterlab"]?["_build"]?["extension"] == "./extension")
  }

  @Test func theModuleRegistersTheModeTheKernelNames() {
    let module = LabExtension.remoteEntry
    #expect(module.contains("_JUPYTERLAB[NAME] = {"))
    #expect(module.contains("__esModule: true"))
    #expect(module.contains("name: \"\(KernelIdentity.info.codemirrorMode)\""))
    #expect(module.contains("mime: \"\(KernelIdentity.info.mimetype)\""))
    #expect(KernelIdentity.info.codemirrorMode == "obscale")
    for keyword in Vocabulary.statements {
      #expect(module.contains("\"\(keyword)\""), "the editor mode misses the statement \(keyword)")
    }
  }

  @Test(arguments: [(["a", "b"], "[\"a\", \"b\"]"), (["q\"\\"], "[\"q\\\"\\\\\"]"), ([], "[]")])
  func wordListsAreJavaScriptLiterals(_ words: [String], _ expected: String) {
    #expect(LabExtension.array(words) == expected)
  }

  @Test func installsIntoSubfoldersReplacingAnOlderInstall() throws {
    let prefix = FileManager.default.temporaryDirectory.appendingPathComponent(
      "obscale-ext-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: prefix) }
    let relative = "labextensions/" + LabExtension.name
    let stale = prefix + "/share/jupyter/" + relative + "/static/old.js"
    try FileManager.default.createDirectory(
      atPath: prefix + "/share/jupyter/" + relative + "/static", withIntermediateDirectories: true)
    #expect(FileManager.default.createFile(atPath: stale, contents: Data()))
    let folder = try KernelSpecInstaller.installFolder(
      relative, files: LabExtension.files, location: .prefix(prefix), environment: [:])
    #expect(FileManager.default.fileExists(atPath: folder + "/static/remoteEntry.js"))
    #expect(
      !FileManager.default.fileExists(atPath: stale), "a file of an older install is left behind")
    #expect(
      try KernelSpecInstaller.removeFolder(
        relative, marker: "package.json", what: "it", location: .prefix(prefix), environment: [:])
        == folder)
    #expect(throws: KernelSpecInstaller.Failure.self) {
      try KernelSpecInstaller.removeFolder(
        relative, marker: "package.json", what: "it", location: .prefix(prefix), environment: [:])
    }
  }
}
