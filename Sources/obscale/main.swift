import Foundation
import ObscaleLanguage
import ScalingLaws

/// Writes `text` and a newline to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

let command: Command
do {
  command = try Command.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
  printError("obscale: \(error)\n\n\(usage)")
  exit(ExitCode.usage.rawValue)
}

switch command {
case .help:
  print(usage)
case .version:
  print(version)
case .demo:
  do {
    print(try DemoReport().render())
  } catch let error as ScalingLawsError {
    printError("obscale: \(error)")
    exit(ExitCode.dataError.rawValue)
  } catch {
    printError("obscale: internal error: \(error)")
    exit(ExitCode.software.rawValue)
  }
}
