/// A chart as data: axes, series of points or lines, and a caption.
///
/// x values on a `log10` axis are already log10 of the quantity; renderers label the ticks
/// as powers of ten.
public struct Plot: Equatable, Sendable {
  /// The chart's title.
  public var title: String
  /// The horizontal axis.
  public var x: Axis
  /// The vertical axis.
  public var y: Axis
  /// The series, drawn in order.
  public var series: [PlotSeries]
  /// Lines under the chart: the formula, the errors.
  public var caption: [String]
  /// What filled and hollow markers mean, for the legend: train and test models by default.
  public var markers: (filled: String, hollow: String) = ("train", "test")

  /// Creates a plot.
  public init(
    title: String, x: Axis, y: Axis, series: [PlotSeries], caption: [String] = [],
    markers: (filled: String, hollow: String) = ("train", "test")
  ) {
    self.title = title
    self.x = x
    self.y = y
    self.series = series
    self.caption = caption
    self.markers = markers
  }

  /// Compares two plots.
  public static func == (lhs: Plot, rhs: Plot) -> Bool {
    lhs.title == rhs.title && lhs.x == rhs.x && lhs.y == rhs.y && lhs.series == rhs.series
      && lhs.caption == rhs.caption && lhs.markers == rhs.markers
  }
}

/// An axis: its label and scale.
public struct Axis: Equatable, Sendable {
  /// The label.
  public var label: String
  /// Whether the values are log10 of the labelled quantity.
  public var log10: Bool

  /// Creates an axis.
  public init(label: String, log10: Bool = false) {
    self.label = label
    self.log10 = log10
  }
}

/// A set of points drawn one way.
public struct PlotSeries: Equatable, Sendable {
  /// How a series is drawn.
  public enum Style: String, Equatable, Sendable {
    /// Filled markers (train models).
    case points
    /// Hollow markers (test models).
    case hollowPoints = "hollow-points"
    /// A line through the points in order (a fitted curve).
    case line
    /// A shaded area: the points go along the upper edge left to right, then back along the
    /// lower edge (an uncertainty band).
    case band
    /// A lighter shaded area drawn the same way, under a `band`: a prediction interval, wider
    /// than the band of the law it holds.
    case lightBand = "light-band"
    /// Vertical bars: the points go in pairs, each pair a bar's two ends at one x (an
    /// interval around a point of another series).
    case errorBars = "error-bars"
    /// Large labelled markers, drawn over everything: another table's models on a law's chart
    /// (`plot f with mine`), at their actual scores.
    case overlay
    /// Hollow large labelled markers: another table's models without the target, at their
    /// predicted scores.
    case overlayPredicted = "overlay-predicted"

    /// Whether it marks another table's models.
    public var isOverlay: Bool { self == .overlay || self == .overlayPredicted }
  }

  /// Whether the style marks another table's models (`overlay`, `overlayPredicted`).
  public var isOverlay: Bool { style.isOverlay }

  /// The legend entry.
  public var name: String
  /// How it is drawn.
  public var style: Style
  /// The colour group (a family); series of one group share a colour.
  public var group: String
  /// The points.
  public var points: [PlotPoint]

  /// Creates a series.
  public init(name: String, style: Style, group: String, points: [PlotPoint]) {
    self.name = name
    self.style = style
    self.group = group
    self.points = points
  }
}

/// A point, with an optional label (a model).
public struct PlotPoint: Equatable, Sendable {
  /// The horizontal value.
  public var x: Double
  /// The vertical value.
  public var y: Double
  /// What the point is, for tooltips and JSON.
  public var label: String?

  /// Creates a point.
  public init(x: Double, y: Double, label: String? = nil) {
    self.x = x
    self.y = y
    self.label = label
  }
}
