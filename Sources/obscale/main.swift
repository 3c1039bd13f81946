internal import Glibc
import ObscaleLanguage

/// Writes `text` and `terminator` (a newline unless told) to standard error.
func printError(_ text: String, terminator: String = "\n") {
  writeAll(2, text + terminator)
}

/// The first failure to write standard output (its `errno`), if any: results that could not
/// be written make the run fail, whatever the script did.
nonisolated(unsafe) var outputFailure: Int32?

/// Writes `text` and a newline to standard output, unbuffered, so results appear as made; a
/// failure is kept in `outputFailure`.
/// The columns of the terminal on `descriptor`, or nil when it is not a terminal (a pipe, a
/// file), whose readers get every line whole.
func terminalWidth(_ descriptor: Int32) -> Int? {
  guard isatty(descriptor) == 1 else { return nil }
  var size = winsize()
  guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
  return Int(size.ws_col)
}

func printOutput(_ text: String) {
  if let error = writeAll(1, text + "\n"), outputFailure == nil { outputFailure = error }
}

/// Writes all of `text` to the file descriptor `descriptor`; the `errno` of a failed write
/// (a closed pipe, a full disk), nil when all of it was written.
@discardableResult
func writeAll(_ descriptor: Int32, _ text: String) -> Int32? {
  var text = text
  return text.withUTF8 { bytes -> Int32? in
    var offset = 0
    while offset < bytes.count {
      let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { return count < 0 ? errno : EIO }
      offset += count
    }
    return nil
  }
}

/// The exit code of a script run, unless its results could not be written: then an error
/// naming standard output and EX_IOERR.
func finishing(_ status: ScriptRunner.Status) -> Int32 {
  guard let failure = outputFailure else { return exitCode(status) }
  printError(
    "obscale: the results could not be written to standard output: \(String(cString: strerror(failure)))"
  )
  return ExitCode.ioError.rawValue
}

/// The process environment, from the C library's `environ`.
func processEnvironment() -> [String: String] {
  var variables: [String: String] = [:]
  var entry = environ
  while let pointer = entry.pointee {
    let text = String(cString: pointer)
    if let equals = text.firstIndex(of: "=") {
      variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
    }
    entry += 1
  }
  return variables
}

/// The exit code for a script run's status.
func exitCode(_ status: ScriptRunner.Status) -> Int32 {
  switch status {
  case .success: return ExitCode.success.rawValue
  case .missingScript: return ExitCode.noInput.rawValue
  case .scriptError: return ExitCode.dataError.rawValue
  case .internalFailure: return ExitCode.software.rawValue
  }
}

// A closed pipe is an error to report, not a signal that ends the process unheard.
signal(SIGPIPE, SIG_IGN)

let command: Invocation
do {
  command = try Invocation.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
  printError("obscale: \(error)\n\n\(usage)")
  exit(ExitCode.usage.rawValue)
}

let environment = processEnvironment()
let searchPath = Session.searchPath(from: environment["OBSCALE_PATH"])
let colorErrors = isatty(2) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"

switch command {
case .help(nil):
  print(usage)
case .help(let topic?):
  let session = Session()
  guard let output = session.help(on: topic == "language" ? nil : topic) else {
    printError(
      "obscale: no help on '\(topic)': name a statement (\(StatementCatalog.keywords.joined(separator: ", "))) or 'language'"
    )
    exit(ExitCode.usage.rawValue)
  }
  print(TextRenderer.render(output, width: terminalWidth(1)))
case .version:
  print(version)
case .demo:
  let runner = ScriptRunner(
    files: DemoFileSystem(script: DemoScript.source), searchPath: [], color: colorErrors,
    width: terminalWidth(1))
  exit(finishing(runner.run(path: "demo.obs", output: printOutput, errors: { printError($0) })))
case .run(let path, let json):
  let runner = ScriptRunner(
    searchPath: searchPath, json: json, color: colorErrors, width: terminalWidth(1))
  exit(finishing(runner.run(path: path, output: printOutput, errors: { printError($0) })))
case .install(let location, let uninstall, let interruptMode):
  exit(
    installKernel(
      location: location, uninstall: uninstall, interruptMode: interruptMode,
      environment: environment))
case .kernel(let path):
  exit(runKernel(connectionFile: path, searchPath: searchPath))
case .repl:
  let repl = REPL(searchPath: searchPath, environment: environment)
  exit(repl.run())
}
