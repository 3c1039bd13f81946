import Foundation
import ObscaleLanguage
import Testing

/// A saved fit that contradicts itself is refused at load with `invalid-saved-fit` naming
/// the field (it loaded, printed a formula that contradicted its predictions, and later died
/// with SIGILL).
struct SavedFitTests {
  /// The JSON of a fit saved by `save`, as a mutable dictionary.
  static func saved() throws -> [String: Any] {
    let files = MemoryFileSystem()
    var session = Session(files: files)
    runOK(
      &session,
      "d = load demo\nf = fit d: emergent_task ~ pc(3)\nb = bootstrap f samples = 20\nsave b to \"f.json\""
    )
    let bytes = try #require(files.files["f.json"])
    return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
  }

  /// Loads `json` as a saved fit; returns the diagnostic's message, or nil when it loads.
  static func load(_ json: [String: Any]) throws -> String? {
    let data = try JSONSerialization.data(withJSONObject: json)
    let files = MemoryFileSystem()
    files.files["g.json"] = Array(data)
    var session = Session(files: files)
    let result = session.run("g = load \"g.json\"")
    #expect(
      result.diagnostics.allSatisfy { $0.id == "invalid-saved-fit" },
      "\(result.diagnostics.map(\.id))")
    return result.diagnostics.first?.message
  }

  /// Applies `change` to the dictionary at `path` (keys, or array indices as Int).
  static func edit(_ json: inout [String: Any], _ path: [Any], _ change: (inout Any) -> Void) {
    func go(_ value: inout Any, _ rest: ArraySlice<Any>) {
      guard let key = rest.first else { return change(&value) }
      if let key = key as? String, var object = value as? [String: Any], var inner = object[key] {
        go(&inner, rest.dropFirst())
        object[key] = inner
        value = object
      } else if let index = key as? Int, var array = value as? [Any], array.indices.contains(index)
      {
        go(&array[index], rest.dropFirst())
        value = array
      }
    }
    var root: Any = json
    go(&root, path[...])
    json = root as? [String: Any] ?? json
  }

  @Test func anUneditedFitLoads() throws {
    #expect(try Self.load(try Self.saved()) == nil)
  }

  @Test func everyContradictionIsNamed() throws {
    let cases: [(String, [Any], (inout Any) -> Void, String)] = [
      (
        "shortened weights", ["fit", "law", "weights"],
        { $0 = Array(($0 as? [Any] ?? []).prefix(2)) }, "law.weights has 2 weights"
      ),
      (
        "component rows that do not match", ["fit", "components", "components", "storage"],
        { $0 = Array(($0 as? [Any] ?? []).dropLast()) }, "components.components holds"
      ),
      (
        "more PCs than computed", ["fit", "specification", "predictors"],
        { $0 = ["principalComponents": ["_0": 9]] }, "uses 9 principal components"
      ),
      ("an edited weight", ["fit", "law", "weights", 0], { $0 = 99.0 }, "but the law gives"),
      (
        "a falling reference", ["fit", "equivalence", "slope"], { $0 = -1.0 },
        "the slope must be finite and > 0"
      ),
      (
        "a floor out of bounds", ["fit", "law", "floor"], { $0 = 5.0 },
        "not a sigmoid-parametric law within its bounds"
      ),
      (
        "bands for other rows", ["fit", "uncertainty", "predictions"],
        { $0 = Array(($0 as? [Any] ?? []).prefix(3)) }, "uncertainty has 3 prediction bands"
      ),
    ]
    let original = try Self.saved()
    for (name, path, change, expected) in cases {
      var json = original
      Self.edit(&json, path, change)
      let message = try Self.load(json)
      #expect(message?.contains(expected) == true, "\(name): \(message ?? "loaded")")
    }
  }
}
