// libFuzzer target: the language front end. Any text must parse (or give diagnostics), be
// classified for continuation, completed, and run on a session over the demo data and an
// empty in-memory file system — never crash. Built by `make fuzz`.
import ObscaleLanguage

/// A file system with no files that refuses every write.
struct NoFiles: FileSystem {
  func read(_ path: String) throws -> [UInt8]? { nil }
  func write(_ bytes: [UInt8], to path: String) throws { throw NoWrites() }
  func list(_ path: String) -> [String] { [] }
  func isDirectory(_ path: String) -> Bool { false }
}

/// The error of a refused write.
struct NoWrites: Error {}

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLanguage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  // Output volume is a property: what is printed about an input stays within 100× its size
  // (plus a fixed allowance for a short input's one message), so no input floods a terminal.
  let diagnostics = Parser.parse(text).diagnostics
  let printed = diagnostics.reduce(0) {
    $0 + DiagnosticRenderer.render($1, source: text, file: "fuzz.obs").utf8.count
  }
  if printed > 100 * size + 4096 || diagnostics.count > Diagnostic.shownPerInput + 1 {
    fatalError(
      "\(size) bytes of input printed \(printed) bytes in \(diagnostics.count) diagnostics")
  }
  _ = InputCompleteness.check(text)
  var session = Session(files: NoFiles())
  _ = Completion.candidates(text, cursor: text.count, session: session)
  // Long statements are bounded: every fit stops after a few evaluations.
  _ = session.run("d = load demo\n" + text, interrupted: { false })
  return 0
}

#if FUZZING
  import CFuzzer

  /// The program's entry point in a fuzzing build (SwiftPM names it `LanguageFuzzer_main`): hands
  /// control to libFuzzer's driver with the target above.
  @_cdecl("LanguageFuzzer_main")
  public func fuzzingMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
    -> CInt
  {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
      guard let data else { return 0 }
      return { () -> CInt in fuzzLanguage(data, size) }()
    }
  }
#endif
