internal import Glibc

/// obscale's logo, drawn in code: a sigmoid law (orange) through scattered observations
/// (white) on a rounded navy square — the paper's picture in one glyph.
public enum KernelLogo {
  /// The sizes Jupyter looks for: `logo-32x32.png` and `logo-64x64.png`.
  public static let sizes = [32, 64]

  /// The logo files of a kernelspec: file name and PNG bytes.
  public static var files: [(String, [UInt8])] {
    sizes.map { ("logo-\($0)x\($0).png", png(size: $0)) }
  }

  /// The logo as a PNG of `size` × `size` pixels, anti-aliased by 4 × 4 supersampling.
  public static func png(size: Int) -> [UInt8] {
    let samples = 4
    var pixels = [UInt8](repeating: 0, count: size * size * 4)
    let curve = (0...120).map { k -> (Double, Double) in
      let x = Double(k) / 120
      return (0.14 + 0.72 * x, 0.84 - 0.68 / (1 + exp(-(x - 0.5) * 11)))
    }
    let dots: [(Double, Double)] = [
      (0.2, 0.74), (0.36, 0.73), (0.5, 0.44), (0.64, 0.25), (0.8, 0.2),
    ]
    for py in 0..<size {
      for px in 0..<size {
        var sum = (r: 0.0, g: 0.0, b: 0.0, a: 0.0)
        for sy in 0..<samples {
          for sx in 0..<samples {
            let x = (Double(px) + (Double(sx) + 0.5) / Double(samples)) / Double(size)
            let y = (Double(py) + (Double(sy) + 0.5) / Double(samples)) / Double(size)
            guard let color = color(x: x, y: y, curve: curve, dots: dots) else { continue }
            sum.r += color.0
            sum.g += color.1
            sum.b += color.2
            sum.a += 1
          }
        }
        let offset = (py * size + px) * 4
        if sum.a > 0 {
          pixels[offset] = UInt8((sum.r / sum.a * 255).rounded())
          pixels[offset + 1] = UInt8((sum.g / sum.a * 255).rounded())
          pixels[offset + 2] = UInt8((sum.b / sum.a * 255).rounded())
          pixels[offset + 3] = UInt8((sum.a / Double(samples * samples) * 255).rounded())
        }
      }
    }
    return PNGEncoder.encode(width: size, height: size, pixels: pixels)
  }

  /// The colour at (x, y) in the unit square, or nil outside the rounded square.
  private static func color(
    x: Double, y: Double, curve: [(Double, Double)], dots: [(Double, Double)]
  ) -> (Double, Double, Double)? {
    let radius = 0.2
    let cx = min(max(x, radius), 1 - radius)
    let cy = min(max(y, radius), 1 - radius)
    guard (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius else { return nil }
    for dot in dots where (x - dot.0) * (x - dot.0) + (y - dot.1) * (y - dot.1) <= 0.055 * 0.055 {
      return (1, 1, 1)
    }
    var nearest = Double.infinity
    for k in 1..<curve.count {
      nearest = min(nearest, segmentDistance(x, y, curve[k - 1], curve[k]))
    }
    if nearest <= 0.045 { return (0.949, 0.557, 0.169) }  // #F28E2B
    return (0.122, 0.227, 0.373)  // #1F3A5F
  }

  /// The distance from (x, y) to the segment from `a` to `b`.
  private static func segmentDistance(
    _ x: Double, _ y: Double, _ a: (Double, Double), _ b: (Double, Double)
  ) -> Double {
    let dx = b.0 - a.0
    let dy = b.1 - a.1
    let t = min(1, max(0, ((x - a.0) * dx + (y - a.1) * dy) / (dx * dx + dy * dy)))
    let ex = a.0 + t * dx - x
    let ey = a.1 + t * dy - y
    return (ex * ex + ey * ey).squareRoot()
  }
}
