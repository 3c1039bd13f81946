internal import ScalingLaws

/// Draws a plot as a character chart: `●` train points, `○` test points, `·` lines, `▒` a
/// band and `░` a light band (the band of the law, a prediction interval), `◆` `◇` another
/// table's models (actual, predicted).
enum TextChart {
  /// Returns the chart's lines: the plot area with a y-axis gutter, the x axis and the caption.
  static func render(_ plot: Plot, width: Int = 64, height: Int = 16) -> [String] {
    let all = plot.series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
    guard let xLow = all.map(\.x).min(), let xHigh = all.map(\.x).max(),
      let yLow = all.map(\.y).min(), let yHigh = all.map(\.y).max()
    else {
      return ["(no points to draw)"]
    }
    let xSpan = xHigh > xLow ? xHigh - xLow : 1
    let ySpan = yHigh > yLow ? yHigh - yLow : 1
    var grid = [[Character]](repeating: [Character](repeating: " ", count: width), count: height)
    func column(_ x: Double) -> Int {
      min(width - 1, max(0, Int(((x - xLow) / xSpan * Double(width - 1)).rounded())))
    }
    func row(_ y: Double) -> Int {
      min(height - 1, max(0, height - 1 - Int(((y - yLow) / ySpan * Double(height - 1)).rounded())))
    }
    // Bands first, under everything: each column between its lower and upper edges, the light
    // band under the dark one.
    let bands =
      plot.series.filter { $0.style == .band } + plot.series.filter { $0.style == .lightBand }
    for series in bands {
      let shade: Character = series.style == .band ? "▒" : "░"
      let points = series.points.filter { $0.x.isFinite && $0.y.isFinite }
      let half = points.count / 2
      guard half >= 2 else { continue }
      // The upper edge left to right, then the lower edge right to left.
      let upper = Array(points[..<half])
      let lower = Array(points[half...].reversed())
      func edge(_ edge: [PlotPoint], at x: Double) -> Double? {
        guard let k = edge.indices.dropFirst().first(where: { edge[$0].x >= x }),
          edge[k - 1].x <= x
        else { return nil }
        let (a, b) = (edge[k - 1], edge[k])
        return b.x > a.x ? a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x) : a.y
      }
      for c in 0..<width {
        let x = xLow + xSpan * Double(c) / Double(width - 1)
        guard let high = edge(upper, at: x), let low = edge(lower, at: x) else { continue }
        let (top, bottom) = (min(row(high), row(low)), max(row(high), row(low)))
        for r in top...bottom where grid[r][c] == " " { grid[r][c] = shade }
      }
    }
    // Intervals as vertical bars, under the lines and points.
    for series in plot.series where series.style == .errorBars {
      let points = series.points
      for k in stride(from: 0, to: points.count - 1, by: 2)
      where points[k].x.isFinite && points[k].y.isFinite && points[k + 1].y.isFinite {
        let c = column(points[k].x)
        let (a, b) = (row(points[k].y), row(points[k + 1].y))
        for r in min(a, b)...max(a, b) where grid[r][c] == " " { grid[r][c] = "│" }
      }
    }
    // Many lines (one per family) would bury the points in a character grid: draw at most 3.
    let lineSeries = plot.series.filter { $0.style == .line }
    for series in lineSeries.count <= 3 ? lineSeries : [] {
      let points = series.points.filter { $0.x.isFinite && $0.y.isFinite }
      for (a, b) in zip(points, points.dropFirst()) {
        let steps = max(1, abs(column(b.x) - column(a.x)) * 2)
        for s in 0...steps {
          let t = Double(s) / Double(steps)
          grid[row(a.y + (b.y - a.y) * t)][column(a.x + (b.x - a.x) * t)] = "·"
        }
      }
    }
    for series in plot.series where series.style == .points || series.style == .hollowPoints {
      for point in series.points where point.x.isFinite && point.y.isFinite {
        let mark: Character = series.style == .points ? "●" : "○"
        let (r, c) = (row(point.y), column(point.x))
        if grid[r][c] != "●" { grid[r][c] = mark }
      }
    }
    for series in plot.series where series.isOverlay {
      for point in series.points where point.x.isFinite && point.y.isFinite {
        grid[row(point.y)][column(point.x)] = series.style == .overlay ? "◆" : "◇"
      }
    }
    let labels = [yHigh, (yHigh + yLow) / 2, yLow].map { NumberFormatting.significant($0, 3) }
    let gutter = labels.map(\.count).max() ?? 0
    let hollow = plot.series.contains { $0.style == .hollowPoints }
    var legend = hollow ? ["● " + plot.markers.filled, "○ " + plot.markers.hollow] : ["● model"]
    if !lineSeries.isEmpty, lineSeries.count <= 3 { legend.append("· fitted") }
    for band in bands { legend.append((band.style == .band ? "▒ " : "░ ") + band.name) }
    if plot.series.contains(where: { $0.style == .errorBars }) { legend.append("│ interval") }

    for series in plot.series where series.isOverlay {
      legend.append((series.style == .overlay ? "◆ " : "◇ ") + series.name)
    }
    var lines = ["\(plot.title)   (" + legend.joined(separator: "  ") + ")", "\(plot.y.label)"]
    for (r, cells) in grid.enumerated() {
      var label = ""
      if r == 0 {
        label = labels[0]
      } else if r == height / 2 {
        label = labels[1]
      } else if r == height - 1 {
        label = labels[2]
      }
      let tick = label.isEmpty ? "│" : "┤"
      lines.append(
        String(repeating: " ", count: gutter - label.count) + label + " " + tick
          + String(cells).trimmingTrailingSpaces())
    }
    // The x axis's labels: on a log axis spanning a decade or more, the whole powers of ten
    // where they fall (10⁰ 10¹ 10²), marked ┬ on the axis, as on the SVG chart; else the low,
    // middle and high values.
    var marks = [Character](repeating: "─", count: width)
    var xLabels: [(column: Int, text: String)]
    if plot.x.log10, xHigh - xLow >= 1 {
      xLabels = SVGRenderer.ticks(xLow, xHigh, log10: true).map {
        (column($0), powerOfTen(Int($0)))
      }
      for label in xLabels { marks[label.column] = "┬" }
    } else {
      xLabels = [xLow, (xLow + xHigh) / 2, xHigh].enumerated().map { k, value in
        let text =
          plot.x.log10
          ? NumberFormatting.significant(Elementary.pow10(value), 2)
          : NumberFormatting.significant(value, 3)
        return ([text.count / 2, width / 2, width - 1 - (text.count - 1) / 2][k], text)
      }
    }
    lines.append(String(repeating: " ", count: gutter + 1) + "└" + String(marks))
    var axis = [Character](repeating: " ", count: gutter + 2 + width + 8)
    var free = 0  // the first position a label may take: labels never touch or overlap
    for label in xLabels {
      let at = max(gutter + 2 + label.column - label.text.count / 2, free)
      guard at + label.text.count <= axis.count else { continue }
      for (offset, character) in label.text.enumerated() { axis[at + offset] = character }
      free = at + label.text.count + 1
    }
    lines.append(String(axis).trimmingTrailingSpaces())
    lines.append(
      String(repeating: " ", count: gutter + 2) + plot.x.label + (plot.x.log10 ? ", log scale" : "")
    )
    lines += plot.caption
    return lines
  }

  /// Writes 10ᵏ with superscript digits: `powerOfTen(-1)` is "10⁻¹".
  static func powerOfTen(_ exponent: Int) -> String { NumberFormatting.powerOfTen(exponent) }

}
