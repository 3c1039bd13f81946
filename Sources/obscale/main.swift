import Foundation
import ObscaleLanguage

/// Writes `text` and a newline to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes `text` and a newline to standard output, unbuffered, so results appear as made.
func printOutput(_ text: String) {
  FileHandle.standardOutput.write(Data((text + "\n").utf8))
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

let command: Command
do {
  command = try Command.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
  printError("obscale: \(error)\n\n\(usage)")
  exit(ExitCode.usage.rawValue)
}

let environment = ProcessInfo.processInfo.environment
let searchPath = Session.searchPath(from: environment["OBSCALE_PATH"])
let colorErrors = isatty(2) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"

switch command {
case .help:
  print(usage)
case .version:
  print(version)
case .demo:
  let runner = ScriptRunner(files: DemoFileSystem(script: DemoScript.source), searchPath: [], color: colorErrors)
  exit(exitCode(runner.run(path: "demo.obs", output: printOutput, errors: printError)))
case .run(let path, let json):
  let runner = ScriptRunner(searchPath: searchPath, json: json, color: colorErrors)
  exit(exitCode(runner.run(path: path, output: printOutput, errors: printError)))
case .install(let location, let uninstall, let interruptMode):
  exit(installKernel(location: location, uninstall: uninstall, interruptMode: interruptMode, environment: environment))
case .kernel(let path):
  exit(runKernel(connectionFile: path, searchPath: searchPath))
case .repl:
  let repl = REPL(searchPath: searchPath, environment: environment)
  exit(repl.run())
}
