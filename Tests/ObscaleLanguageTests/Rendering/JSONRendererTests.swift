import ObscaleJSON
import ObscaleLanguage
import ScalingLaws
import Testing

/// The JSON of an output carries what reproducing it needs, beyond what text and HTML show.
struct JSONRendererTests {
  @Test func aFitsJSONCarriesItsPCAAndImputerInTheSavedFitsForm() throws {
    var session = Session()
    let outputs = session.run("data = load demo\nf = fit data: emergent_task ~ pc(3)").outputs
    let output = try #require(outputs.last)
    guard case .fit(let fit)? = session.values["f"] else { throw Missing() }
    let json = JSONRenderer.value(output)
    let blocks = try #require(json["blocks"]?.arrayValue)
    func data(_ name: String) throws -> JSON {
      let block = try #require(blocks.first { $0["type"] == "data" && $0["name"] == .string(name) })
      return try #require(block["value"])
    }
    let decoder = JSONTreeDecoder()
    #expect(try decoder.decode(PrincipalComponents.self, from: data("pca")) == fit.components)
    let imputer = try decoder.decode(PCAImputer.self, from: data("imputer"))
    #expect(imputer == fit.imputation?.imputer)
    #expect(imputer.settings == ImputationSettings())
    // Text and HTML leave the detail out.
    #expect(!TextRenderer.render(output).contains("singularValues"))
    #expect(!HTMLRenderer.render(output).contains("singularValues"))
  }

  @Test func aFitOnComputeHasNoPCA() throws {
    var session = Session()
    let outputs = session.run("data = load demo\ng = fit data: emergent_task ~ log(flops)").outputs
    let output = try #require(outputs.last)
    let blocks = try #require(JSONRenderer.value(output)["blocks"]?.arrayValue)
    #expect(!blocks.contains { $0["type"] == "data" })
  }

  /// A statement did not bind what it should have.
  struct Missing: Error {}
}
