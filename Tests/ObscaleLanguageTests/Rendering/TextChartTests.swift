import Testing

@testable import ObscaleLanguage

/// The text chart's x axis: powers of ten where they fall on a log axis, as the SVG chart has.
struct TextChartTests {
  /// A chart of points whose x values (log10 of FLOPs) run from `low` to `high`.
  private func chart(from low: Double, to high: Double, log10: Bool) -> [String] {
    let points = stride(from: low, through: high, by: (high - low) / 10).map {
      PlotPoint(x: $0, y: $0 * 0.1)
    }
    let plot = Plot(
      title: "t", x: Axis(label: "FLOPs (1E21)", log10: log10), y: Axis(label: "y"),
      series: [PlotSeries(name: "models", style: .points, group: "", points: points)])
    return TextChart.render(plot, width: 64, height: 8)
  }

  @Test func superscriptPowers() {
    #expect(TextChart.powerOfTen(-1) == "10⁻¹")
    #expect(TextChart.powerOfTen(0) == "10⁰")
    #expect(TextChart.powerOfTen(23) == "10²³")
  }

  /// From 10^-1.3 to 10^5.4 the decades −1 … 5 are labelled, each centred under its ┬ mark,
  /// and the mark sits in the column where that x value is drawn: round((k − low)/span · 63).
  @Test func logAxisLabelsWholeDecades() throws {
    let (low, high) = (-1.3, 5.4)
    let lines = chart(from: low, to: high, log10: true)
    let axisIndex = try #require(lines.firstIndex { $0.contains("└") })
    let axis = Array(lines[axisIndex])
    let labels = Array(lines[axisIndex + 1])
    let origin = try #require(axis.firstIndex(of: "└")) + 1
    let markColumns = axis.indices.filter { axis[$0] == "┬" }.map { $0 - origin }
    let expected = (-1...5).map { k in Int(((Double(k) - low) / (high - low) * 63).rounded()) }
    #expect(markColumns == expected)
    for (k, column) in zip(-1...5, expected) {
      let text = Array(TextChart.powerOfTen(k))
      let start = origin + column - text.count / 2
      #expect(Array(labels[start..<start + text.count]) == text, "10^\(k) under column \(column)")
    }
    #expect(lines[axisIndex + 2].contains("log scale"))
  }

  /// Less than a decade: the low, middle and high values, with no marks.
  @Test func shortLogAxisLabelsItsEnds() throws {
    let lines = chart(from: 1.2, to: 1.8, log10: true)
    let axisIndex = try #require(lines.firstIndex { $0.contains("└") })
    #expect(!lines[axisIndex].contains("┬"))
    let words = lines[axisIndex + 1].split(separator: " ").map(String.init)
    #expect(words == ["16", "32", "63"])  // 10^1.2, 10^1.5, 10^1.8 to two digits
  }
}
