internal import ScalingLaws

/// Renders a plot as a standalone SVG image: points by group (filled train, hollow test),
/// lines, axes with readable ticks (powers of ten on log axes), axis labels, a legend by
/// group and the caption. The image has its own white background, so it reads the same in
/// light and dark notebook themes.
public enum SVGRenderer {
  /// The colours of groups, in order (Tableau 10, which stays distinguishable for common
  /// colour-vision deficiencies better than a rainbow).
  static let palette = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac",
  ]

  /// Returns the SVG document of `plot`.
  public static func render(_ plot: Plot, width: Int = 720, height: Int = 440) -> String {
    let legendWidth = 170
    let left = 70.0
    let right = Double(width - legendWidth)
    let top = 36.0
    let captionHeight = Double(plot.caption.count) * 16 + 8
    // The legend lists every group: a taller image when it needs more rows than fit beside
    // the plot area (28 families in the paper's data).
    let legendRows = Double(legendGroups(plot).count + 5)
    let height = max(height, Int((top + 6 + legendRows * 16 + 52 + captionHeight).rounded(.up)))
    let bottom = Double(height) - 52 - captionHeight
    let all = plot.series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">"
    svg += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
    svg +=
      "<text x=\"\(left)\" y=\"22\" font-size=\"14\" font-weight=\"bold\" fill=\"#1f2328\">\(HTMLRenderer.escape(plot.title))</text>"
    guard let xLow = all.map(\.x).min(), let xHigh = all.map(\.x).max(),
      let yLow = all.map(\.y).min(), let yHigh = all.map(\.y).max()
    else {
      return svg
        + "<text x=\"\(left)\" y=\"\(top + 40)\" fill=\"#57606a\">no points to draw</text></svg>"
    }
    let (x0, x1) = padded(xLow, xHigh)
    let (y0, y1) = padded(yLow, yHigh)
    func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * (right - left) }
    func py(_ y: Double) -> Double { bottom - (y - y0) / (y1 - y0) * (bottom - top) }
    // Grid, ticks and labels.
    svg += "<g stroke=\"#d0d7de\" stroke-width=\"1\">"
    let xTicks = ticks(x0, x1, log10: plot.x.log10)
    let yTicks = ticks(y0, y1, log10: plot.y.log10)
    for tick in xTicks {
      svg +=
        "<line x1=\"\(f(px(tick)))\" y1=\"\(f(top))\" x2=\"\(f(px(tick)))\" y2=\"\(f(bottom))\"/>"
    }
    for tick in yTicks {
      svg +=
        "<line x1=\"\(f(left))\" y1=\"\(f(py(tick)))\" x2=\"\(f(right))\" y2=\"\(f(py(tick)))\"/>"
    }
    svg +=
      "</g><g stroke=\"#57606a\" stroke-width=\"1\" fill=\"none\"><rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(right - left))\" height=\"\(f(bottom - top))\"/></g>"
    svg += "<g fill=\"#1f2328\">"
    for tick in xTicks {
      svg +=
        "<text x=\"\(f(px(tick)))\" y=\"\(f(bottom + 16))\" text-anchor=\"middle\">\(tickLabel(tick, log10: plot.x.log10))</text>"
    }
    for tick in yTicks {
      svg +=
        "<text x=\"\(f(left - 6))\" y=\"\(f(py(tick) + 4))\" text-anchor=\"end\">\(tickLabel(tick, log10: plot.y.log10))</text>"
    }
    svg +=
      "<text x=\"\(f((left + right) / 2))\" y=\"\(f(bottom + 36))\" text-anchor=\"middle\">\(HTMLRenderer.escape(plot.x.label + (plot.x.log10 ? " (log scale)" : "")))</text>"
    svg +=
      "<text transform=\"translate(16 \(f((top + bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(HTMLRenderer.escape(plot.y.label))</text>"
    svg += "</g>"
    // Series: lines first, then points on top.
    let groups = legendGroups(plot)
    func color(_ group: String) -> String {
      guard let index = groups.firstIndex(of: group) else { return "#1f2328" }
      return palette[index % palette.count]
    }
    for series in plot.series where series.style == .band || series.style == .lightBand {
      let points = series.points.filter { $0.x.isFinite && $0.y.isFinite }.map {
        "\(f(px($0.x))),\(f(py($0.y)))"
      }
      let opacity = series.style == .band ? "0.2" : "0.08"
      svg +=
        "<polygon fill=\"\(color(series.group))\" fill-opacity=\"\(opacity)\" stroke=\"none\" points=\"\(points.joined(separator: " "))\"><title>\(HTMLRenderer.escape(series.name))</title></polygon>"
    }
    svg += "<g fill=\"none\" stroke-width=\"2\" stroke-linejoin=\"round\">"
    for series in plot.series where series.style == .line {
      let points = series.points.filter { $0.x.isFinite && $0.y.isFinite }.map {
        "\(f(px($0.x))),\(f(py($0.y)))"
      }
      let width = series.group == "law" ? "2.5" : "1.5"
      svg +=
        "<polyline stroke=\"\(color(series.group))\" stroke-width=\"\(width)\" points=\"\(points.joined(separator: " "))\"><title>\(HTMLRenderer.escape(series.name))</title></polyline>"
    }
    svg += "</g><g stroke-width=\"1\" stroke-opacity=\"0.5\">"
    for series in plot.series where series.style == .errorBars {
      let points = series.points
      for k in stride(from: 0, to: points.count - 1, by: 2)
      where points[k].x.isFinite && points[k].y.isFinite && points[k + 1].y.isFinite {
        svg +=
          "<line x1=\"\(f(px(points[k].x)))\" y1=\"\(f(py(points[k].y)))\" x2=\"\(f(px(points[k + 1].x)))\" y2=\"\(f(py(points[k + 1].y)))\" stroke=\"\(color(series.group))\"/>"
      }
    }
    svg += "</g><g stroke-width=\"1.5\">"
    for series in plot.series where series.style == .points || series.style == .hollowPoints {
      let c = color(series.group)
      let paint =
        series.style == .points
        ? "fill=\"\(c)\" stroke=\"\(c)\"" : "fill=\"#ffffff\" stroke=\"\(c)\""
      let shape = self.shape(groups.firstIndex(of: series.group) ?? 0)
      for point in series.points where point.x.isFinite && point.y.isFinite {
        let title =
          (point.label.map { $0 + ": " } ?? "") + "\(NumberFormatting.significant(point.y, 4))"
        svg += marker(
          shape, px(point.x), py(point.y), paint: paint, title: HTMLRenderer.escape(title))
      }
    }
    svg += "</g>"
    // Overlaid models last, on top: a large diamond outlined in black, named beside it (the
    // first 12 of a series; the tooltip names every one).
    for series in plot.series where series.isOverlay {
      let c = color(series.group)
      let fill = series.style == .overlay ? c : "#ffffff"
      svg += "<g stroke=\"#1f2328\" stroke-width=\"1.5\">"
      for (k, point) in series.points.enumerated() where point.x.isFinite && point.y.isFinite {
        let (x, y) = (px(point.x), py(point.y))
        let title =
          (point.label.map { $0 + ": " } ?? "") + "\(NumberFormatting.significant(point.y, 4))"
        svg +=
          "<polygon points=\"\(f(x)),\(f(y - 7)) \(f(x + 7)),\(f(y)) \(f(x)),\(f(y + 7)) \(f(x - 7)),\(f(y))\" fill=\"\(fill)\"><title>\(HTMLRenderer.escape(series.name + " — " + title))</title></polygon>"
        if k < 12, let label = point.label {
          svg +=
            "<text x=\"\(f(x + 10))\" y=\"\(f(y - 8))\" font-size=\"11\" stroke=\"none\" fill=\"#1f2328\">\(HTMLRenderer.escape(label))</text>"
        }
      }
      svg += "</g>"
    }
    // Legend: groups, then the marker meanings.
    var y = top + 6
    let x = right + 16
    svg += "<g font-size=\"11\" fill=\"#1f2328\">"
    for group in groups {
      svg += marker(
        shape(groups.firstIndex(of: group) ?? 0), x + 5, y,
        paint: "fill=\"\(color(group))\" stroke=\"\(color(group))\"", title: nil)
      svg += "<text x=\"\(f(x + 16))\" y=\"\(f(y + 4))\">\(HTMLRenderer.escape(group))</text>"
      y += 16
    }
    y += 6
    if plot.series.contains(where: { $0.style == .hollowPoints }) {
      svg +=
        "<circle cx=\"\(f(x + 5))\" cy=\"\(f(y))\" r=\"3.5\" fill=\"#57606a\"/><text x=\"\(f(x + 16))\" y=\"\(f(y + 4))\">\(HTMLRenderer.escape(plot.markers.filled))</text>"
      y += 16
      svg +=
        "<circle cx=\"\(f(x + 5))\" cy=\"\(f(y))\" r=\"3.5\" fill=\"#ffffff\" stroke=\"#57606a\" stroke-width=\"1.5\"/><text x=\"\(f(x + 16))\" y=\"\(f(y + 4))\">\(HTMLRenderer.escape(plot.markers.hollow))</text>"
      y += 16
    }
    if let law = plot.series.first(where: { $0.group == "law" && $0.style == .line }) {
      svg +=
        "<line x1=\"\(f(x))\" y1=\"\(f(y))\" x2=\"\(f(x + 11))\" y2=\"\(f(y))\" stroke=\"#1f2328\" stroke-width=\"2.5\"/><text x=\"\(f(x + 16))\" y=\"\(f(y + 4))\">\(HTMLRenderer.escape(law.name))</text>"
      y += 16
    }
    for series in plot.series where series.isOverlay {
      let fill = series.style == .overlay ? color(series.group) : "#ffffff"
      svg +=
        "<polygon points=\"\(f(x + 5)),\(f(y - 6)) \(f(x + 11)),\(f(y)) \(f(x + 5)),\(f(y + 6)) \(f(x - 1)),\(f(y))\" fill=\"\(fill)\" stroke=\"#1f2328\" stroke-width=\"1.5\"/><text x=\"\(f(x + 16))\" y=\"\(f(y + 4))\">\(HTMLRenderer.escape(series.name))</text>"
      y += 16
    }
    for band in plot.series where band.style == .band || band.style == .lightBand {
      let opacity = band.style == .band ? "0.2" : "0.08"
      svg +=
        "<rect x=\"\(f(x))\" y=\"\(f(y - 5))\" width=\"11\" height=\"10\" fill=\"\(color(band.group))\" fill-opacity=\"\(opacity)\"/><text x=\"\(f(x + 16))\" y=\"\(f(y + 4))\">\(HTMLRenderer.escape(band.name))</text>"
      y += 16
    }
    svg += "</g><g fill=\"#1f2328\">"
    for (k, line) in plot.caption.enumerated() {
      svg +=
        "<text x=\"\(f(left))\" y=\"\(f(bottom + 58 + Double(k) * 16))\">\(HTMLRenderer.escape(line))</text>"
    }
    return svg + "</g></svg>"
  }

  /// The groups the legend lists, in the order they first appear; the law's line is listed
  /// apart, under its own name.
  static func legendGroups(_ plot: Plot) -> [String] {
    var groups: [String] = []
    var seen: Set<String> = []
    for series in plot.series
    where series.group != "law" && !series.style.isOverlay && seen.insert(series.group).inserted {
      groups.append(series.group)
    }
    return groups
  }

  /// The marker shape of group `index`: colours repeat every 10 groups, so the shape changes
  /// with each round of the palette (circle, square, diamond).
  static func shape(_ index: Int) -> Int { (index / palette.count) % 3 }

  /// Returns a marker of `shape` centred at (x, y).
  static func marker(_ shape: Int, _ x: Double, _ y: Double, paint: String, title: String?)
    -> String
  {
    let tooltip = title.map { "<title>\($0)</title>" } ?? ""
    switch shape {
    case 1:
      return
        "<rect x=\"\(f(x - 3.2))\" y=\"\(f(y - 3.2))\" width=\"6.4\" height=\"6.4\" \(paint)>\(tooltip)</rect>"
    case 2:
      return
        "<polygon points=\"\(f(x)),\(f(y - 4.2)) \(f(x + 4.2)),\(f(y)) \(f(x)),\(f(y + 4.2)) \(f(x - 4.2)),\(f(y))\" \(paint)>\(tooltip)</polygon>"
    default:
      return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3.5\" \(paint)>\(tooltip)</circle>"
    }
  }

  /// Widens a range by 5% on each side (or by 0.5 when it is a single value).
  static func padded(_ low: Double, _ high: Double) -> (Double, Double) {
    guard high > low else { return (low - 0.5, high + 0.5) }
    let pad = (high - low) * 0.05
    return (low - pad, high + pad)
  }

  /// Returns tick positions: integer powers of ten on log axes spanning a decade or more,
  /// else "nice" steps of 1, 2 or 5 × 10ⁿ giving four to eight ticks.
  static func ticks(_ low: Double, _ high: Double, log10: Bool) -> [Double] {
    if log10, high - low >= 1 {
      let first = low.rounded(.up)
      let last = high.rounded(.down)
      let every = max(1, ((last - first) / 8).rounded(.up))
      return stride(from: first, through: last, by: every).map { $0 }
    }
    let span = high - low
    let raw = span / 6
    let magnitude = Elementary.pow10(Elementary.log10(raw).rounded(.down))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { span / $0 <= 8 } ?? magnitude * 10
    let first = (low / step).rounded(.up) * step
    return stride(from: first, through: high + step * 1e-9, by: step).map {
      abs($0) < step * 1e-9 ? 0 : $0
    }
  }

  /// A tick's label: `10<sup>k</sup>` on log axes at whole powers, else the value.
  static func tickLabel(_ value: Double, log10: Bool) -> String {
    guard log10 else { return NumberFormatting.significant(value, 4) }
    if value == value.rounded() {
      return "10<tspan dy=\"-6\" font-size=\"9\">\(Int(value))</tspan>"
    }
    return NumberFormatting.significant(Elementary.pow10(value), 3)
  }

  /// Formats a coordinate with one decimal.
  private static func f(_ value: Double) -> String {
    formatted("%.1f", value)
  }
}
