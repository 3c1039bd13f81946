import Foundation
import ScalingLaws
import Testing

/// The package's replacements for Foundation's `String(format:)` and `trimmingCharacters`,
/// checked against Foundation itself.
struct TextTests {
  @Test(arguments: [
    ("%.3f", 1.23456), ("%.0f", 2.5), ("%.4g", 0.000123456), ("%.2e", -12345.678),
    ("%.1f%%", 99.95),
    ("%.3f", Double.nan), ("%.2e", -Double.infinity), ("%.60f", 1.0 / 3.0), ("%.300f", 1e-300),
  ])
  func formatsAsFoundationDoes(_ format: String, _ value: Double) {
    #expect(formatted(format, value) == String(format: format, value))
  }

  @Test func formatsLongOutputWhole() {
    let text = formatted("%.200f", 0.5)
    #expect(text.count == 202 && text.hasPrefix("0.5000") && text.hasSuffix("0"))
  }

  @Test(arguments: ["", "   ", "  a b  ", "\n\tx\r\n", "x", " é ", "\u{00A0}y\u{2003}"])
  func trimsAsFoundationDoes(_ text: String) {
    #expect(text.trimmed() == text.trimmingCharacters(in: .whitespacesAndNewlines))
  }

  @Test func trimsOnlyWhatItIsAskedTo() {
    #expect("`fit`\n".trimmed(where: { $0 == "`" }) == "fit`\n")
    #expect("..a.b..".trimmed(where: { $0 == "." }) == "a.b")
    #expect("....".trimmed(where: { $0 == "." }) == "")
  }
}

/// Fixed-point numbers: a value that rounds to zero prints as zero, never "-0.000".
struct FixedNumberTests {
  @Test func negativeZeroPrintsAsZero() {
    #expect(NumberFormatting.fixed(-0.0001, 3) == "0.000")
    #expect(NumberFormatting.fixed(-0.00004, 4) == "0.0000")
    #expect(NumberFormatting.fixed(-0.0, 2) == "0.00")
    #expect(NumberFormatting.fixed(-0.0006, 3) == "-0.001")
    #expect(NumberFormatting.fixed(1.5, 1) == "1.5")
  }
}
