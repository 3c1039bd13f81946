import Foundation
import ObscaleLanguage
import ScalingLaws
import Testing

/// A law's formula shows every term with its sign.
struct LawFormulaTests {
  @Test func formulaShowsEveryTerm() throws {
    let xs = (0..<8).map { Double($0) }
    let ys = xs.map { 0.8 / (1 + exp(4 - $0 * 0.9)) + 0.2 }
    let law = try FittedLaw.fit(predictors: Matrix(columns: [xs]), names: ["PC-1"], targets: ys)
    let formula = LawFormula.text(law)
    #expect(formula.hasPrefix("y = 0.8·σ(−4 + 0.9·PC-1) + 0.2"), "\(formula)")
    // One minus sign throughout: the only ASCII hyphen left is the one in the name "PC-1".
    #expect(formula.replacingOccurrences(of: "PC-1", with: "").contains("-") == false, "\(formula)")
  }
}
