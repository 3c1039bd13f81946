internal import ObscaleLanguage

/// The JupyterLab (and Notebook 7) extension that teaches the editor obscale: a prebuilt
/// federated extension written as plain JavaScript, so that installing it needs neither npm
/// nor a bundler.
///
/// JupyterLab loads `static/remoteEntry.js` (named by `package.json`'s `jupyterlab._build`)
/// as a script, which defines `window._JUPYTERLAB[name]` with `init(shareScope)` and
/// `get(module)`. `get("./extension")` resolves to a factory of an ES-module-shaped object
/// (`__esModule: true`) whose `default` is the list of plugins. The one plugin asks for
/// JupyterLab's editor-language registry and registers obscale as a CodeMirror 6
/// `StreamLanguage`, taking `@codemirror/language` and `@jupyterlab/codemirror` from the
/// host's share scope so that the registry token is the host's own instance. Notebooks find
/// the mode through `language_info.codemirror_mode` ("obscale") and `.obs` files through the
/// extension list. The word lists come from ``Vocabulary``, so the editor and the language
/// never disagree about a keyword.
public enum LabExtension {
  /// The extension's package name, also its folder under `share/jupyter/labextensions`.
  public static let name: String = "obscale-jupyterlab"

  /// The files to write into the extension's folder: path relative to it → bytes.
  public static var files: [(String, [UInt8])] {
    [("package.json", Array(packageJSON.utf8)), ("static/remoteEntry.js", Array(remoteEntry.utf8))]
  }

  /// The package description JupyterLab reads to find and load the extension.
  static var packageJSON: String {
    """
    {
      "name": "\(name)",
      "version": "\(KernelIdentity.version)",
      "description": "obscale syntax highlighting for JupyterLab and Notebook 7 (written by obscale install)",
      "license": "MIT",
      "keywords": ["jupyterlab-extension"],
      "jupyterlab": {
        "extension": true,
        "_build": {
          "load": "static/remoteEntry.js",
          "extension": "./extension"
        }
      }
    }

    """
  }

  /// A JavaScript array literal of `words` (they are ASCII words; quotes and backslashes are
  /// escaped all the same).
  static func array(_ words: [String]) -> String {
    let escaped = words.map { word in
      "\"" + word.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
    return "[" + escaped.joined(separator: ", ") + "]"
  }

  /// The federated module: the share-scope plumbing, the plugin and the stream tokenizer.
  static var remoteEntry: String {
    let head = """
      // obscale's editor mode for JupyterLab 4 and Notebook 7, written by `obscale install`.
      var _JUPYTERLAB;
      (function () {
        "use strict";
        var NAME = "\(name)";
        var STATEMENTS = \(array(Vocabulary.statements));
        var CONNECTIVES = \(array(Vocabulary.connectives));
        var CONSTANTS = \(array(Vocabulary.constants));
        var FUNCTIONS = \(array(Vocabulary.functions));

      """
    return head + remoteEntryBody
  }

  /// The part of the module that does not depend on the vocabulary.
  private static let remoteEntryBody: String = #"""
      // Tokens after which a line break continues the statement (as the language's lexer).
      var CONTINUING = [",", "=", "~", "+", ":", "(", "[", "<", "<=", ">", ">=", "==", "!=", "and", "or", "where"];

      function has(list, word) { return list.indexOf(word) >= 0; }

      // The stream tokenizer: statements at the start of a statement (or after `name =`),
      // option names before `=`, calls before `(`, strings, backticked names, numbers,
      // comments and operators. The state counts open brackets and remembers the last token,
      // so a statement continued on the next line is not read as a new one.
      var obscale = {
        name: "obscale",
        startState: function () { return { depth: 0, last: null, start: true, afterBinding: false }; },
        copyState: function (s) { return { depth: s.depth, last: s.last, start: s.start, afterBinding: s.afterBinding }; },
        token: function (stream, state) {
          if (stream.sol() && state.depth === 0 && !has(CONTINUING, state.last) && state.last !== "\\") {
            state.start = true;
            state.afterBinding = false;
          }
          if (stream.eatSpace()) return null;
          var style = scan(stream, state);
          var text = stream.current();
          if (style !== "comment") {
            // `name =` keeps the statement's start open for its keyword.
            if (style !== "variableName.definition" && !(state.afterBinding && text === "=")) state.start = false;
            state.last = style === "operatorKeyword" ? text.toLowerCase() : text;
          }
          if (text === ";" && state.depth === 0) { state.start = true; state.afterBinding = false; }
          return style;
        },
        languageData: { commentTokens: { line: "#" } }
      };

      function scan(stream, state) {
        var ch = stream.peek();
        if (ch === "#") { stream.skipToEnd(); return "comment"; }
        if (ch === "\"" || ch === "'") {
          stream.next();
          var escaped = false, c;
          while ((c = stream.next()) != null) {
            if (c === ch && !escaped) break;
            escaped = !escaped && c === "\\";
          }
          return "string";
        }
        if (ch === "`") {
          stream.next();
          stream.skipTo("`") ? stream.next() : stream.skipToEnd();
          return "variableName.special";
        }
        if (stream.match(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?%?/)) return "number";
        if (stream.match(/^[A-Za-z_][\w\-.@\/]*/)) {
          var word = stream.current();
          // A word does not end in '.', '-' or '/' (as the language's lexer).
          while (/[.\-\/]$/.test(word)) { stream.backUp(1); word = stream.current(); }
          var lower = word.toLowerCase();
          if (state.start && stream.match(/^\s*=(?!=)/, false) && !state.afterBinding) {
            state.afterBinding = true;
            return "variableName.definition";
          }
          if (state.start && has(STATEMENTS, lower)) { state.afterBinding = false; return "keyword"; }
          state.afterBinding = false;
          if (has(CONNECTIVES, lower)) return "operatorKeyword";
          if (stream.match(/^\s*=(?!=)/, false)) return "propertyName";
          if (stream.match(/^\s*\(/, false) && has(FUNCTIONS, lower)) return "variableName.standard";
          if (has(CONSTANTS, lower)) return "atom";
          return "variableName";
        }
        if (stream.match(/^(<=|>=|==|!=)/)) return "operator";
        stream.next();
        if (ch === "(" || ch === "[") { state.depth += 1; return "bracket"; }
        if (ch === ")" || ch === "]") { state.depth = Math.max(0, state.depth - 1); return "bracket"; }
        if ("=~+-*/:<>".indexOf(ch) >= 0) return "operator";
        if (ch === "," || ch === ";") return "punctuation";
        return null;
      }

      var scope = {};

      // The host's copy of a shared package: the loaded version if one is, else the highest.
      // rspack's share-scope entries carry `lib()` once loaded; webpack's only `get()`.
      function share(pkg) {
        var versions = scope[pkg] || {};
        var keys = Object.keys(versions);
        if (keys.length === 0) return Promise.reject(new Error(NAME + ": the host shares no " + pkg));
        var loaded = keys.filter(function (k) { return versions[k].loaded; });
        var pick = (loaded.length ? loaded : keys).sort(compareVersions).pop();
        var entry = versions[pick];
        if (typeof entry.lib === "function") return Promise.resolve(entry.lib());
        return Promise.resolve(entry.get()).then(function (factory) { return factory(); });
      }

      function compareVersions(a, b) {
        var x = a.split(/[.-]/), y = b.split(/[.-]/);
        for (var i = 0; i < Math.max(x.length, y.length); i++) {
          var p = parseInt(x[i] || "0", 10), q = parseInt(y[i] || "0", 10);
          if (p !== q) return (isNaN(p) ? -1 : p) - (isNaN(q) ? -1 : q);
        }
        return 0;
      }

      function extension() {
        return Promise.all([share("@jupyterlab/codemirror"), share("@codemirror/language")]).then(function (modules) {
          var codemirror = modules[0], language = modules[1];
          var plugin = {
            id: NAME + ":language",
            description: "Registers obscale with the editor's languages.",
            autoStart: true,
            requires: [codemirror.IEditorLanguageRegistry],
            activate: function (app, registry) {
              registry.addLanguage({
                name: "obscale",
                displayName: "obscale",
                mime: "text/x-obscale",
                extensions: ["obs"],
                load: function () { return Promise.resolve(language.StreamLanguage.define(obscale)); }
              });
            }
          };
          return function () { return { __esModule: true, default: [plugin] }; };
        });
      }

      _JUPYTERLAB = window._JUPYTERLAB = window._JUPYTERLAB || {};
      _JUPYTERLAB[NAME] = {
        init: function (shareScope) { scope = shareScope || {}; },
        get: function (module) {
          if (module === "./extension") return extension();
          return Promise.reject(new Error(NAME + ": no module " + module));
        }
      };
    })();

    """#
}
