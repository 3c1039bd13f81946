import Foundation
import Testing

@testable import ObscaleLanguage

/// Golden files of the HTML and SVG renderers on the demo analysis, plus structural checks
/// that hold whatever the golden files say.
struct RendererGoldenTests {
  /// The folder holding the golden files.
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Renderers")

  /// The outputs of a short demo analysis, by name, computed once for every case.
  static let outputs: [String: Output] = {
    var session = Session()
    let result = session.run(
      """
      data = load demo
      describe data
      caps = pca data components = 3
      plot caps
      f = fit data: emergent_task ~ pc(3)
      plot f
      compare f, f
      """)
    var byName: [String: Output] = [:]
    for output in result.outputs {
      byName[(output.name ?? "compare") + "-" + output.kind.rawValue] = output
    }
    return byName
  }()

  /// The plot of an output.
  static func plot(_ output: Output?) -> Plot? {
    for case .plot(let plot) in output?.blocks ?? [] { return plot }
    return nil
  }

  @Test(arguments: ["data-describe", "caps-pca", "f-fit", "compare-compare", "f-plot"])
  func html(_ name: String) throws {
    let output = try #require(Self.outputs[name])
    let html = HTMLRenderer.render(output)
    #expect(html.hasPrefix("<style>") && html.hasSuffix("</div>"))
    #expect(!html.contains("background"), "no background: the theme's shows through")
    #expect(html.contains("var(--jp-ui-font-color1"), "text colour follows the JupyterLab theme")
    #expect(
      !html.contains("<td>") && !html.contains("<th>"), "every cell says its alignment inline")
    #expect(!html.contains("<svg"), "charts are images: untrusted notebooks strip inline SVG")
    try compareGolden(html + "\n", Self.folder.appendingPathComponent(name + ".html"))
  }

  @Test(arguments: ["caps-plot", "f-plot"])
  func svg(_ name: String) throws {
    let plot = try #require(Self.plot(Self.outputs[name]))
    let svg = SVGRenderer.render(plot)
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.hasSuffix("</svg>"))
    let points = plot.series.filter { $0.style != .line }.reduce(0) { $0 + $1.points.count }
    let markers = ["<circle", "<rect x", "<polygon"].reduce(0) {
      $0 + svg.components(separatedBy: $1).count - 1
    }
    #expect(markers >= points, "every point is drawn")
    #expect(svg.contains(">10<tspan"), "log axes are labelled with powers of ten")
    try compareGolden(svg + "\n", Self.folder.appendingPathComponent(name + ".svg"))
  }

  @Test func svgEscapesLabels() {
    let plot = Plot(
      title: "a < b & \"c\"", x: Axis(label: "x"), y: Axis(label: "y"),
      series: [
        PlotSeries(
          name: "s", style: .points, group: "<g>",
          points: [PlotPoint(x: 0, y: 0, label: "m&m"), PlotPoint(x: 1, y: 1)])
      ])
    let svg = SVGRenderer.render(plot)
    #expect(svg.contains("a &lt; b &amp; &quot;c&quot;"))
    #expect(svg.contains("&lt;g&gt;") && svg.contains("m&amp;m"))
    #expect(!svg.contains("<g>") || svg.components(separatedBy: "<g>").count == 1)
  }

  @Test func emptyPlotSaysSo() {
    let svg = SVGRenderer.render(
      Plot(title: "t", x: Axis(label: "x"), y: Axis(label: "y"), series: []))
    #expect(svg.contains("no points to draw"))
  }

  /// Ticks: powers of ten over a log span, nice steps otherwise.
  @Test func ticksAreRound() {
    #expect(SVGRenderer.ticks(-1.2, 4.6, log10: true) == [-1, 0, 1, 2, 3, 4])
    #expect(SVGRenderer.ticks(0.05, 0.97, log10: false) == [0.2, 0.4, 0.6000000000000001, 0.8])
  }

}
