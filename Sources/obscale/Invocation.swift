import JupyterProtocol
internal import ObscaleJSON

/// What the user asked the `obscale` executable to do, parsed from argv.
enum Invocation: Equatable {
  /// Run the demo script on the embedded demo data and print it.
  case demo
  /// Run a script; `json` prints JSON Lines.
  case run(path: String, json: Bool)
  /// Start the interactive REPL.
  case repl
  /// Serve as a Jupyter kernel on a connection file.
  case kernel(connectionFile: String)
  /// Install (or remove) the kernelspec.
  case install(KernelSpecLocation, uninstall: Bool, interruptMode: String)
  /// Print usage, or (with a topic) the language's help on a statement.
  case help(topic: String?)
  /// Print the version.
  case version

  /// Parses the arguments after the program name.
  ///
  /// - Returns: the command (`help` when there are no arguments).
  /// - Throws: `UsageError` for an unknown command, a missing or extra argument.
  static func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
    guard let first = arguments.first else { return .help(topic: nil) }
    var rest = Array(arguments.dropFirst())
    let command: Invocation
    switch first {
    case "demo": command = .demo
    case "repl": command = .repl
    case "help", "--help", "-h":
      command = .help(topic: rest.first)
      if !rest.isEmpty { rest.removeFirst() }
    case "version", "--version": command = .version
    case "kernel":
      if rest.first == "-f" || rest.first == "--connection-file" { rest.removeFirst() }
      guard let path = rest.first else {
        throw UsageError.missingArgument("a connection file (kernel -f FILE)")
      }
      rest.removeFirst()
      command = .kernel(connectionFile: path)
    case "install":
      var location = KernelSpecLocation.user
      var chosen: String?
      var uninstall = false
      var interruptMode = "message"
      while let flag = rest.first {
        rest.removeFirst()
        switch flag {
        case "--user", "--sys-prefix", "--prefix":
          if let chosen { throw UsageError.conflictingArguments(chosen, flag) }
          chosen = flag
          if flag == "--sys-prefix" { location = .sysPrefix }
          if flag == "--prefix" {
            guard let folder = rest.first, !folder.hasPrefix("-") else {
              throw UsageError.missingArgument("a folder after --prefix")
            }
            rest.removeFirst()
            location = .prefix(folder)
          }
        case "--uninstall": uninstall = true
        case "--interrupt-mode":
          guard let mode = rest.first, ["signal", "message"].contains(mode) else {
            throw UsageError.missingArgument("'signal' or 'message' after --interrupt-mode")
          }
          rest.removeFirst()
          interruptMode = mode
        default: throw UsageError.unexpectedArgument(flag)
        }
      }
      command = .install(location, uninstall: uninstall, interruptMode: interruptMode)
    case "run":
      let json = rest.contains("--json")
      rest.removeAll { $0 == "--json" }
      if let flag = rest.first(where: { $0.hasPrefix("-") && $0 != "-" }) {
        throw UsageError.unexpectedArgument(flag)
      }
      guard let path = rest.first else {
        throw UsageError.missingArgument("a script file (FILE.obs)")
      }
      rest.removeFirst()
      command = .run(path: path, json: json)
    default: throw UsageError.unknownCommand(first)
    }
    if let extra = rest.first { throw UsageError.unexpectedArgument(extra) }
    return command
  }
}

/// A mistake in the command line.
enum UsageError: Error, Equatable, CustomStringConvertible {
  /// The first argument names no command.
  case unknownCommand(String)
  /// An argument the command does not take.
  case unexpectedArgument(String)
  /// A required argument is missing.
  case missingArgument(String)
  /// Two arguments that exclude each other.
  case conflictingArguments(String, String)

  /// The message shown before the usage text.
  var description: String {
    switch self {
    case .unknownCommand(let name): return "unknown command '\(name)'"
    case .unexpectedArgument(let argument): return "unexpected argument '\(argument)'"
    case .missingArgument(let what): return "missing \(what)"
    case .conflictingArguments(let first, let second):
      return "\(first) and \(second) cannot be used together"
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
  /// The script file could not be opened (EX_NOINPUT).
  case noInput = 66
  /// An internal failure (EX_SOFTWARE).
  case software = 70
  /// An output file could not be written (EX_CANTCREAT).
  case cantCreate = 73
  /// Standard output could not be written: a closed pipe, a full disk (EX_IOERR).
  case ioError = 74
}

/// The usage text, every line within 80 columns.
let usage = """
  obscale — observational scaling laws (Ruan, Maddison & Hashimoto, 2024)

  usage: obscale <command>

  commands:
    demo                  run the demo analysis on the embedded synthetic data
    run FILE.obs [--json] run a script; --json prints one JSON document per result
    repl                  the REPL: line editing, history, completion
    install [--user | --sys-prefix | --prefix DIR]
            [--interrupt-mode signal|message] [--uninstall]
                          install the Jupyter kernelspec 'obscale' (default
                          --user), or remove it
    kernel -f FILE        serve as a Jupyter kernel on the connection file FILE
                          (Jupyter starts this)
    help [STATEMENT]      show this text, or the language's help on a statement
                          (help fit); help language lists the statements
    version               print the version

  Files named in scripts are found next to the script, then in each folder of
  OBSCALE_PATH (colon-separated). Exit status: 0 success, 64 usage, 65 an error
  in the script or its data, 66 the script cannot be read, 70 an internal
  failure. `obscale help language`, or `help` inside the REPL or a script, shows
  the language.
  """

/// The version string.
let version = "obscale 0.1.0"
