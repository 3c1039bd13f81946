import Testing

@testable import ScalingLaws

/// Every law, one at a time: its derivatives against central differences, its inverse
/// against its score, its shape parameters against its height and floor.
struct LawTests {
  /// A height and floor each form accepts (a = 1 − b where the form ties them).
  static func shape(_ form: LawForm) -> (height: Double, floor: Double) {
    switch form {
    case .sigmoidParametric: return (0.85, 0.15)
    case .sigmoidParametricFreeHeight: return (0.7, 0.1)
    case .sigmoid, .exp, .linear: return (1, 0)
    }
  }

  @Test(arguments: LawForm.allCases)
  func derivativesMatchCentralDifferences(_ form: LawForm) {
    let law = form.law
    let (height, floor) = Self.shape(form)
    var shape = [Double](repeating: .nan, count: law.shapeNames.count)
    for p in [-3.0, -0.4, 0, 0.7, 2.5] {
      let slope = law.derivatives(capability: p, height: height, floor: floor, shape: &shape)
      let h = 1e-6
      let numeric =
        (law.score(capability: p + h, height: height, floor: floor)
          - law.score(capability: p - h, height: height, floor: floor)) / (2 * h)
      #expect(abs(slope - numeric) <= 1e-7 * max(1, abs(numeric)), "\(form) ∂y/∂P at \(p)")
      // Each shape parameter, moved through the law's own parameterization.
      let parameters = law.shape(height: height, floor: floor)
      for m in parameters.indices {
        var up = parameters
        var down = parameters
        up[m] += h
        down[m] -= h
        let (hu, fu) = law.heightAndFloor(up[...])
        let (hd, fd) = law.heightAndFloor(down[...])
        let numericShape =
          (law.score(capability: p, height: hu, floor: fu)
            - law.score(capability: p, height: hd, floor: fd))
          / (2 * h)
        #expect(abs(shape[m] - numericShape) <= 1e-7, "\(form) ∂y/∂\(law.shapeNames[m]) at \(p)")
      }
    }
  }

  @Test(arguments: LawForm.allCases)
  func inverseUndoesTheScore(_ form: LawForm) throws {
    let law = form.law
    let (height, floor) = Self.shape(form)
    for p in [-2.5, -0.3, 0, 1.1, 2.0] {
      let y = law.score(capability: p, height: height, floor: floor)
      let back = try #require(law.capability(score: y, height: height, floor: floor))
      #expect(abs(back - p) <= 1e-9 * max(1, abs(p)), "\(form) at \(p)")
    }
    if let range = law.range {
      // A score the law cannot reach has no capability.
      #expect(law.capability(score: range.upperBound + 0.5, height: height, floor: floor) == nil)
      #expect(law.capability(score: floor - 0.01, height: height, floor: floor) == nil)
    }
  }

  @Test(arguments: LawForm.allCases)
  func shapeParametersRoundTripAndNameThemselves(_ form: LawForm) {
    let law = form.law
    let (height, floor) = Self.shape(form)
    let parameters = law.shape(height: height, floor: floor)
    #expect(parameters.count == law.shapeNames.count)
    #expect(law.shapeStart.count == law.shapeNames.count)
    #expect(law.shapeBounds(LawBounds()).count == law.shapeNames.count)
    let back = law.heightAndFloor(parameters[...])
    #expect(abs(back.height - height) < 1e-15 && back.floor == floor)
    #expect(law.form == form)
    #expect(law.inconsistency(height: height, floor: floor, bounds: LawBounds()) == nil)
    #expect(form.parameterNames(predictors: 2) == ["c", "w1", "w2"] + law.shapeNames)
    #expect(form.parameterCount(predictors: 3) == 4 + law.shapeNames.count)
  }

  @Test func aFormulaNamesItsShape() {
    #expect(
      SigmoidParametricLaw().formulaText(linear: "P", height: 0.9, floor: 0.1)
        == "y = 0.9·σ(P) + 0.1")
    // A negative floor is subtracted with the formula's minus sign, never "+ -0.05".
    #expect(
      SigmoidParametricLaw().formulaText(linear: "P", height: 0.9, floor: -0.05)
        == "y = 0.9·σ(P) − 0.05")
    #expect(
      SigmoidFreeHeightLaw().formulaText(linear: "P", height: 0.9, floor: -0.05)
        == "y = 0.9·σ(P) − 0.05")
    #expect(
      SigmoidLaw().formulaText(linear: "1 + 2·PC-1", height: 1, floor: 0) == "y = σ(1 + 2·PC-1)")
    #expect(ExpLaw().formulaText(linear: "P", height: 1, floor: 0) == "y = exp(P)")
    #expect(LinearLaw().formulaText(linear: "P", height: 1, floor: 0) == "y = P")
  }
}
