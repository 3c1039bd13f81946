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

  @Test func aPlotCarriesSVGAndEveryOutputTextHTMLAndVendorJSON() {
    let results = outputs("d = load demo\np = pca d\nplot p")
    let table = MimeBundle(results[0])
    #expect(table.data.map(\.0) == ["text/plain", "text/html", "application/vnd.obscale.v1+json"])
    let plot = MimeBundle(results[2])
    #expect(
      plot.data.map(\.0) == [
        "text/plain", "image/svg+xml", "text/html", "application/vnd.obscale.v1+json",
      ])
    let svg = plot.data[1].1.stringValue ?? ""
    #expect(svg.hasPrefix("<svg"))
    let html = plot.data[2].1.stringValue ?? ""
    #expect(!html.contains("<svg"), "no inline SVG: untrusted notebooks strip it")
    #expect(html.contains("<img class=\"chart\""), "the HTML carries the chart as an image")
  }

  @Test func noBundleCarriesPlainJSON() {
    for output in outputs("d = load demo\ndescribe d\np = pca d\nplot p\nhelp fit") {
      #expect(!MimeBundle(output).data.contains { $0.0 == "application/json" }, "\(output.kind)")
    }
  }

  @Test func theJSONIsTheDocumentedOneWithIntegersAsIntegers() {
    let bundle = MimeBundle(outputs("d = load demo\ndescribe d")[1])
    let json = bundle.data.first { $0.0 == MimeBundle.obscaleJSON }?.1
    #expect(json?["kind"] == "describe")
    #expect(json?["name"] == "d")
    let fields = json?["blocks"]?.arrayValue?.first?["fields"]
    #expect(fields?["models"] == .integer(95))
  }
}
