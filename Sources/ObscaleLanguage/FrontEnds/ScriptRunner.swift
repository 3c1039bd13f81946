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
  /// The width text results are laid out for (a terminal's columns); nil for pipes and
  /// files, which get every line whole.
  public var width: Int?

  /// Creates a runner.
  public init(
    files: any FileSystem = LocalFileSystem(), searchPath: [String] = [], json: Bool = false,
    color: Bool = false, width: Int? = nil
  ) {
    self.files = files
    self.searchPath = searchPath
    self.json = json
    self.color = color
    self.width = width
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
    if let reason = ScriptRunner.notAScript(bytes, path: path) {
      errors("obscale: '\(path)' is not an obscale script: \(reason)")
      return .scriptError
    }
    guard let source = String(validating: bytes, as: UTF8.self) else {
      errors("obscale: script '\(path)' is not valid UTF-8 text")
      return .scriptError
    }
    let folder =
      path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
    var session = Session(
      files: files, directory: folder.isEmpty ? "/" : folder, searchPath: searchPath)
    var first = true
    let result = session.run(
      source,
      events: { event in
        switch event {
        case .clear:
          break
        case .warn(let text):
          if json {
            output(JSONRenderer.render(stream: "warn", text))
          } else {
            errors(text)
          }
        case .print(let text):
          output(json ? JSONRenderer.render(stream: "print", text) : text)
        case .output(let result, _):
          if json {
            output(JSONRenderer.render(result))
          } else {
            if !first { output("") }
            output(TextRenderer.render(result, width: width))
          }
          first = false
        case .progress(let report):
          errors(
            json
              ? JSON.object([("kind", .string("progress")), ("message", .string(report.message))])
                .serialized : "… " + report.message)
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

  /// Why `bytes` cannot be a script, when that shows at once: binary data (a NUL byte), or a
  /// table (a `.csv`/`.tsv` name, or a first line of comma-separated fields that is no
  /// statement). Running one would only report an error per line.
  static func notAScript(_ bytes: [UInt8], path: String) -> String? {
    if let nul = bytes.firstIndex(of: 0) {
      return "it holds binary data (a NUL byte at byte \(nul))"
    }
    let lower = path.lowercased()
    let firstLine = bytes.prefix(while: { $0 != UInt8(ascii: "\n") }).prefix(200)
    let text = String(decoding: firstLine, as: UTF8.self)
    let word = String(text.prefix(while: { Lexer.isWordCharacter($0) }))
    let commas = text.filter { $0 == "," }.count
    let table =
      lower.hasSuffix(".csv") || lower.hasSuffix(".tsv")
      || (commas >= 3 && !text.contains("=") && StatementCatalog.info(word) == nil
        && !text.hasPrefix("#"))
    guard table else { return nil }
    let shown = text.count > 60 ? String(text.prefix(60)) + "…" : text
    let visible = String(shown.map(DiagnosticRenderer.visible))
    return
      "it looks like a table (its first line is '\(visible)'); load it from a script or the REPL: data = load \"\(path.split(separator: "/").last.map(String.init) ?? path)\""
  }
}
