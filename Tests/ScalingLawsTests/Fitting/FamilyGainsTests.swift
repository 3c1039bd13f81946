import ScalingLaws
import Testing

/// A technique's gain by family, on demo data with one family's gain raised by a known amount.
struct FamilyGainsTests {
  @Test func findsTheFamilyWhoseGainsWereRaised() throws {
    let demo = DemoData.generate()
    let joined = try demo.base.innerJoined(with: demo.tasks).table
    let families = try #require(joined.families)
    // Quartz gains 0.15 more from the technique than the truth says.
    let raised = try joined.numbers("gsm_cot").enumerated().map { row, value in
      families[row] == "Quartz" ? min(1, value + 0.15) : value
    }
    let table = try joined.setting(.numbers("gsm_cot", raised))
    let baseline = try ScalingLawFit.fit(
      table, FitSpecification(target: "gsm_fewshot", referenceFamily: "Atlas"))
    let other = try ScalingLawFit.fit(
      table, FitSpecification(target: "gsm_cot", referenceFamily: "Atlas"))
    let gains = try ScalingLawFit.familyGains(baseline: baseline, other: other, threshold: 0.1)
    let quartz = try #require(gains.families.first)
    #expect(quartz.name == "Quartz")
    #expect(quartz.flags.contains("earlier"))
    #expect(quartz.offset > 0.08 && quartz.offset < 0.2, "\(quartz.offset)")
    #expect(gains.families.dropFirst().allSatisfy { $0.offset < quartz.offset })
    // Each family's offset is the mean of its models' residuals, its error s/√n.
    for family in gains.families {
      let members = gains.models.filter { $0.family == family.name }
      #expect(members.count == family.models)
      let mean = members.map(\.residual).reduce(0, +) / Double(members.count)
      #expect(abs(mean - family.offset) < 1e-12)
      #expect(
        abs(family.standardError - gains.residualDeviation / Double(members.count).squareRoot())
          < 1e-12)
      // The start is where the gains first reach the threshold.
      if family.start.isFinite, !family.startCensored {
        let before = members.filter { $0.log10FLOPs < family.start }
        #expect(before.allSatisfy { $0.gain < 0.1 })
      }
    }
    // The trend is the two laws' gap at the model's compute, each law through its reference.
    let (b, o) = (try #require(baseline.equivalence), try #require(other.equivalence))
    for model in gains.models {
      let x = model.log10FLOPs
      let gap =
        other.law.score(capability: o.capability(log10FLOPs: x))
        - baseline.law.score(capability: b.capability(log10FLOPs: x))
      #expect(abs(model.trend - gap) < 1e-12)
    }
    #expect(gains.models.count == gains.families.reduce(0) { $0 + $1.models })
  }

  /// Without a family effect (the demo data's truth has none), no family is flagged.
  @Test func flagsNoFamilyWhenNoneDiffers() throws {
    let demo = DemoData.generate()
    let table = try demo.base.innerJoined(with: demo.tasks).table
    let baseline = try ScalingLawFit.fit(
      table, FitSpecification(target: "gsm_fewshot", referenceFamily: "Atlas"))
    let other = try ScalingLawFit.fit(
      table, FitSpecification(target: "gsm_cot", referenceFamily: "Atlas"))
    let gains = try ScalingLawFit.familyGains(baseline: baseline, other: other, threshold: 0.1)
    #expect(gains.families.count == 20)
    #expect(
      gains.families.allSatisfy { $0.flags.isEmpty },
      "\(gains.families.map { ($0.name, $0.flags) })")
  }
}
