internal import ScalingLaws

/// Draws a plot as a character chart: `●` train points, `○` test points, `·` lines.
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
    let labels = [yHigh, (yHigh + yLow) / 2, yLow].map { NumberFormatting.significant($0, 3) }
    let gutter = labels.map(\.count).max() ?? 0
    let hollow = plot.series.contains { $0.style == .hollowPoints }
    var legend = hollow ? ["● " + plot.markers.filled, "○ " + plot.markers.hollow] : ["● model"]
    if !lineSeries.isEmpty, lineSeries.count <= 3 { legend.append("· fitted") }
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
    lines.append(
      String(repeating: " ", count: gutter + 1) + "└" + String(repeating: "─", count: width))
    let xLabels = [xLow, (xLow + xHigh) / 2, xHigh].map {
      plot.x.log10
        ? NumberFormatting.significant(Elementary.pow10($0), 2)
        : NumberFormatting.significant($0, 3)
    }
    var axis = [Character](repeating: " ", count: gutter + 2 + width + 8)
    for (k, label) in xLabels.enumerated() {
      let at = gutter + 2 + [0, width / 2 - label.count / 2, width - label.count][k]
      for (offset, character) in label.enumerated() where at + offset < axis.count {
        axis[at + offset] = character
      }
    }
    lines.append(String(axis).trimmingTrailingSpaces())
    lines.append(
      String(repeating: " ", count: gutter + 2) + plot.x.label + (plot.x.log10 ? ", log scale" : "")
    )
    lines += plot.caption
    return lines
  }
}
