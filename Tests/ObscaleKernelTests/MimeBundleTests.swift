import JupyterProtocol
import ObscaleKernel
import ObscaleLanguage
import Testing

/// Outputs as MIME bundles.
struct MimeBundleTests {
  /// The outputs of `code` on a fresh session.
  func outputs(_ code: String) -> [Output] {
    var session = Session()
    return session.run(code).outputs
  }

  @Test func aPlotCarriesSVGAndEveryOutputTextHTMLAndJSON() {
    let results = outputs("d = load demo\np = pca d\nplot p")
    let table = MimeBundle(results[0])
    #expect(table.data.map(\.0) == ["text/plain", "text/html", "application/json"])
    let plot = MimeBundle(results[2])
    #expect(plot.data.map(\.0) == ["text/plain", "image/svg+xml", "text/html", "application/json"])
    let svg = plot.data[1].1.stringValue ?? ""
    #expect(svg.hasPrefix("<svg"))
    #expect(plot.data[2].1.stringValue?.contains(svg) == true, "the HTML embeds the same SVG")
  }

  @Test func theJSONIsTheDocumentedOneWithIntegersAsIntegers() {
    let bundle = MimeBundle(outputs("d = load demo\ndescribe d")[1])
    let json = bundle.data.first { $0.0 == "application/json" }?.1
    #expect(json?["kind"] == "describe")
    #expect(json?["name"] == "d")
    let fields = json?["blocks"]?.arrayValue?.first?["fields"]
    #expect(fields?["models"] == .integer(95))
  }
}
