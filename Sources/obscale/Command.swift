/// What the user asked the `obscale` executable to do, parsed from argv.
enum Command: Equatable {
  /// Run the whole analysis on the embedded demo data and print it.
  case demo
  /// Print usage.
  case help
  /// Print the version.
  case version

  /// Parses the arguments after the program name.
  ///
  /// - Returns: the command, or nil with no arguments (which means `help`).
  /// - Throws: `UsageError` for an unknown command or extra arguments.
  static func parse(_ arguments: [String]) throws(UsageError) -> Command {
    guard let first = arguments.first else { return .help }
    let command: Command
    switch first {
    case "demo": command = .demo
    case "help", "--help", "-h": command = .help
    case "version", "--version": command = .version
    default: throw UsageError.unknownCommand(first)
    }
    if arguments.count > 1 { throw UsageError.unexpectedArgument(arguments[1]) }
    return command
  }
}

/// A mistake in the command line.
enum UsageError: Error, Equatable, CustomStringConvertible {
  /// The first argument names no command.
  case unknownCommand(String)
  /// An argument the command does not take.
  case unexpectedArgument(String)

  /// The message shown before the usage text.
  var description: String {
    switch self {
    case .unknownCommand(let name): return "unknown command '\(name)'"
    case .unexpectedArgument(let argument): return "unexpected argument '\(argument)'"
    }
  }
}

/// The exit statuses of `obscale`, from BSD's sysexits.
enum ExitCode: Int32 {
  /// Success.
  case success = 0
  /// The command line was wrong (EX_USAGE).
  case usage = 64
  /// The input data or script was wrong (EX_DATAERR).
  case dataError = 65
  /// An internal failure (EX_SOFTWARE).
  case software = 70
}

/// The usage text.
let usage = """
  obscale — observational scaling laws (Ruan, Maddison & Hashimoto, 2024)

  usage: obscale <command>

  commands:
    demo      run the whole analysis on the embedded synthetic demo data and print it
    help      show this text
    version   print the version
  """

/// The version string.
let version = "obscale 0.1.0"
