import Testing

@testable import ObscaleLanguage

/// Base64 against the test vectors of RFC 4648 §10, and a chart's `data:` URI against the SVG.
struct Base64Tests {
  @Test(arguments: [
    ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
    ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
  ])
  func rfc4648Vectors(_ text: String, _ expected: String) {
    #expect(Base64.encode(text.utf8) == expected)
  }

  @Test func everyByteValueRoundTrips() {
    let bytes = (0...255).map { UInt8($0) }
    let encoded = Base64.encode(bytes)
    #expect(encoded.count == 344)
    #expect(Self.decode(encoded) == bytes)
  }

  @Test func aChartInHTMLIsItsSVGAsAnImage() throws {
    let plot = Plot(
      title: "a < b", x: Axis(label: "x"), y: Axis(label: "y"),
      series: [
        PlotSeries(
          name: "s", style: .points, group: "g",
          points: [PlotPoint(x: 0, y: 0), PlotPoint(x: 1, y: 1)])
      ])
    let html = HTMLRenderer.chart(plot)
    #expect(html.contains("alt=\"a &lt; b\""))
    let prefix = "src=\"data:image/svg+xml;base64,"
    let start = try #require(html.range(of: prefix)).upperBound
    let end = try #require(html[start...].firstIndex(of: "\""))
    #expect(Self.decode(String(html[start..<end])) == Array(SVGRenderer.render(plot).utf8))
  }

  /// An independent decoder: each digit's value by its place in the alphabet.
  static func decode(_ text: String) -> [UInt8] {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    var bits: UInt32 = 0
    var count = 0
    var out: [UInt8] = []
    for character in text where character != "=" {
      guard let value = alphabet.firstIndex(of: character) else { return [] }
      bits = bits << 6 | UInt32(value)
      count += 6
      if count >= 8 {
        count -= 8
        out.append(UInt8(bits >> UInt32(count) & 0xFF))
      }
    }
    return out
  }
}
