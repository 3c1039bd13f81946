import Foundation
import ObscaleLanguage

/// The interactive session (being built): reads statements and prints results.
struct REPL {
  /// The folders of OBSCALE_PATH.
  var searchPath: [String]
  /// The process environment.
  var environment: [String: String]

  /// Runs until end of input; returns the exit code.
  func run() -> Int32 {
    0
  }
}
