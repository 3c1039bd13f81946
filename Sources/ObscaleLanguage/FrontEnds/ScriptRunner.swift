internal import ObscaleJSON

/// Runs an obscale script file: what `obscale run FILE.obs [--json]` does.
public struct ScriptRunner: Sendable {
  /// How a run ended.
  public enum Status: Equatable, Sendable {
    /// Every statement ran.
    case success
    /// The script could not be read.
    case missingScript
    /// The script or its data has an error.
    case scriptError
    /// obscale itself failed.
    case internalFailure
  }

  /// The file system scripts and their data are read through.
  public var files: any FileSystem
  /// The folders of `OBSCALE_PATH`.
  public var searchPath: [String]
  /// Whether results are JSON Lines instead of text.
  public var json: Bool
  /// Whether diagnostics use ANSI colours.
  public var color: Bool

  /// Creates a runner.
  public init(files: any FileSystem = LocalFileSystem(), searchPath: [String] = [], json: Bool = false, color: Bool = false) {
    self.files = files
    self.searchPath = searchPath
    self.json = json
    self.color = color
  }

  /// Runs the script at `path`, writing results to `output` and errors and progress to
  /// `errors` as they happen.
  public func run(path: String, output: (String) -> Void, errors: (String) -> Void) -> Status {
    let bytes: [UInt8]
    do {
      guard let read = try files.read(path) else {
        errors("obscale: cannot read script '\(path)': no such file")
        return .missingScript
      }
      bytes = read
    } catch {
      errors("obscale: cannot read script '\(path)': \(error)")
      return .missingScript
    }
    guard let source = String(validating: bytes, as: UTF8.self) else {
      errors("obscale: script '\(path)' is not valid UTF-8 text")
      return .scriptError
    }
    let folder = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
    var session = Session(files: files, directory: folder.isEmpty ? "/" : folder, searchPath: searchPath)
    var first = true
    let result = session.run(source, events: { event in
      switch event {
      case .clear:
        break
      case .warn(let text):
        if json { output(JSONRenderer.render(Output(kind: .warn, title: text, blocks: []))) } else { errors(text) }
      case .print(let text):
        output(json ? JSONRenderer.render(Output(kind: .print, title: text, blocks: [])) : text)
      case .output(let result, _):
        if json {
          output(JSONRenderer.render(result))
        } else {
          if !first { output("") }
          output(TextRenderer.render(result))
        }
        first = false
      case .progress(let report):
        errors(json ? JSON.object([("kind", .string("progress")), ("message", .string(report.message))]).serialized : "… " + report.message)
      }
    })
    for diagnostic in result.diagnostics {
      if json {
        output(JSONRenderer.render(diagnostic, file: path))
      }
      errors(DiagnosticRenderer.render(diagnostic, source: source, file: path, color: color))
    }
    if result.diagnostics.contains(where: { $0.id == "internal" }) { return .internalFailure }
    return result.succeeded ? .success : .scriptError
  }
}
