public import ObscaleJSON

/// The seam between the language-neutral protocol core and a language: everything the core
/// needs a language to do. An interpreter never sees frames, sockets or signatures; it
/// publishes through the `ExecutionContext` it is handed.
///
/// The core calls `execute`, `complete`, `inspect`, `isComplete` and `evaluate` from one
/// thread, one at a time; `interrupt` may come from any thread while `execute` runs.
public protocol KernelInterpreter: Sendable {
  /// What the kernel says of itself in `kernel_info_reply`.
  var info: KernelInfo { get }

  /// Runs a cell, publishing its outputs through `context`; returns how it ended.
  func execute(_ code: String, context: ExecutionContext) -> ExecutionOutcome

  /// Completion candidates at `cursor` (a Unicode scalar offset into `code`).
  func complete(_ code: String, cursor: Int) -> CompletionResult

  /// What is known of the name at `cursor`, or nil when nothing is.
  func inspect(_ code: String, cursor: Int, detailLevel: Int) -> MimeBundle?

  /// Whether `code` is ready to run.
  func isComplete(_ code: String) -> Completeness

  /// Evaluates a user expression after an execution (`user_expressions`), without side
  /// effects: the result to show, or the error.
  func evaluate(_ expression: String) -> Result<MimeBundle, ExecutionError>

  /// Asks the running execution to stop as soon as it can.
  func interrupt()
}

/// How an execution ended.
public enum ExecutionOutcome: Sendable, Equatable {
  /// It ran; `payload` holds deprecated-but-used payloads such as `page`.
  case ok(payload: [JSON] = [])
  /// It failed; the core publishes the error and replies with it.
  case error(ExecutionError)
}

/// An error as the protocol shows it: a name, a value and the traceback lines.
public struct ExecutionError: Error, Sendable, Equatable {
  /// The error's kind, such as `SyntaxError`.
  public var name: String
  /// The message.
  public var value: String
  /// The lines to show, which may carry ANSI colours.
  public var traceback: [String]

  /// Creates an error.
  public init(name: String, value: String, traceback: [String]) {
    self.name = name
    self.value = value
    self.traceback = traceback
  }

  /// The fields as they appear in an `error` message and an error reply.
  var content: [(String, JSON)] {
    [
      ("ename", .string(name)), ("evalue", .string(value)),
      ("traceback", .array(traceback.map(JSON.string))),
    ]
  }
}

/// Output in several representations, keyed by MIME type.
public struct MimeBundle: Sendable, Equatable {
  /// The representations, such as `text/plain` → string, `application/json` → object.
  public var data: [(String, JSON)]
  /// Per-type metadata.
  public var metadata: [(String, JSON)]

  /// Creates a bundle.
  public init(data: [(String, JSON)], metadata: [(String, JSON)] = []) {
    self.data = data
    self.metadata = metadata
  }

  /// A bundle of plain text only.
  public static func text(_ text: String) -> MimeBundle {
    MimeBundle(data: [("text/plain", .string(text))])
  }

  /// Compares data and metadata in order.
  public static func == (lhs: MimeBundle, rhs: MimeBundle) -> Bool {
    JSON.object(lhs.data) == JSON.object(rhs.data)
      && JSON.object(lhs.metadata) == JSON.object(rhs.metadata)
  }
}

/// Completion candidates and the span they replace.
public struct CompletionResult: Sendable, Equatable {
  /// The candidates, best first.
  public var matches: [String]
  /// The span of `code` each candidate replaces, in Unicode scalars.
  public var cursorStart: Int
  /// The end of that span.
  public var cursorEnd: Int

  /// Creates a result.
  public init(matches: [String], cursorStart: Int, cursorEnd: Int) {
    self.matches = matches
    self.cursorStart = cursorStart
    self.cursorEnd = cursorEnd
  }
}

/// Whether code is ready to run (`is_complete_reply`).
public enum Completeness: Sendable, Equatable {
  /// Run it.
  case complete
  /// More lines are needed; continue with this indent.
  case incomplete(indent: String)
  /// It can never be valid.
  case invalid
  /// The interpreter cannot tell.
  case unknown
}

/// What `kernel_info_reply` says of the kernel and its language.
public struct KernelInfo: Sendable, Equatable {
  /// The implementation's name.
  public var implementation: String
  /// Its version.
  public var implementationVersion: String
  /// The language's name.
  public var languageName: String
  /// The language's version.
  public var languageVersion: String
  /// The MIME type of source files.
  public var mimetype: String
  /// The source file extension, with its dot.
  public var fileExtension: String
  /// The Pygments lexer for highlighting in exports.
  public var pygmentsLexer: String
  /// The CodeMirror mode for highlighting in the notebook.
  public var codemirrorMode: String
  /// The banner shown by consoles.
  public var banner: String
  /// Links for the help menu: text and URL.
  public var helpLinks: [(text: String, url: String)]

  /// Creates kernel information.
  public init(
    implementation: String, implementationVersion: String, languageName: String,
    languageVersion: String, mimetype: String,
    fileExtension: String, pygmentsLexer: String, codemirrorMode: String, banner: String,
    helpLinks: [(text: String, url: String)] = []
  ) {
    self.implementation = implementation
    self.implementationVersion = implementationVersion
    self.languageName = languageName
    self.languageVersion = languageVersion
    self.mimetype = mimetype
    self.fileExtension = fileExtension
    self.pygmentsLexer = pygmentsLexer
    self.codemirrorMode = codemirrorMode
    self.banner = banner
    self.helpLinks = helpLinks
  }

  /// Compares every field.
  public static func == (lhs: KernelInfo, rhs: KernelInfo) -> Bool {
    lhs.content == rhs.content
  }

  /// The `kernel_info_reply` content.
  var content: JSON {
    .object([
      ("status", "ok"), ("protocol_version", .string(ProtocolVersion.messaging)),
      ("implementation", .string(implementation)),
      ("implementation_version", .string(implementationVersion)),
      (
        "language_info",
        .object([
          ("name", .string(languageName)), ("version", .string(languageVersion)),
          ("mimetype", .string(mimetype)),
          ("file_extension", .string(fileExtension)), ("pygments_lexer", .string(pygmentsLexer)),
          ("codemirror_mode", .string(codemirrorMode)),
        ])
      ),
      ("banner", .string(banner)),
      (
        "help_links",
        .array(helpLinks.map { .object([("text", .string($0.text)), ("url", .string($0.url))]) })
      ),
      ("debugger", false),
    ])
  }
}
