import ObscaleLanguage
import ScalingLaws
import Testing

/// Results as values, computed columns, `sort` and `describe` of a column. Expected values are
/// worked out by hand from a small table in the test, not read back from obscale.
struct ResultValueTests {
  /// A table of five models, one score missing and two tied.
  static let csv = """
    Model,Model Family,a,b,size
    m1,F,1,10,2
    m2,F,2,,4
    m3,G,2,30,0
    m4,G,4,40,8
    m5,H,-1,50,16
    """

  static func session() -> Session {
    var session = Session(files: MemoryFileSystem(["t.csv": csv]))
    runOK(&session, "t = load \"t.csv\"")
    return session
  }

  static func numbers(_ session: Session, _ table: String, _ column: String) -> [Double] {
    (try? session.values[table]?.rows?.numbers(column)) ?? []
  }

  /// NaN-aware equality of two columns.
  static func same(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.isNaN ? $1.isNaN : abs($0 - $1) < 1e-12 }
  }

  @Test func arithmeticIsRowByRowAndMissingInGivesMissingOut() {
    var session = Self.session()
    runOK(&session, "u = compute t: d = b - a * 2, q = b / size, c = a >= 2, n = -a + 1")
    #expect(Self.same(Self.numbers(session, "u", "d"), [8, .nan, 26, 32, 52]))
    // 30 / 0 has no value, and is named in the output; the missing b stays missing.
    #expect(Self.same(Self.numbers(session, "u", "q"), [5, .nan, .nan, 5, 3.125]))
    #expect(Self.same(Self.numbers(session, "u", "c"), [0, 1, 1, 1, 0]))
    #expect(Self.same(Self.numbers(session, "u", "n"), [0, -1, -1, -3, 2]))
  }

  @Test func functionsHaveTheirDomains() {
    var session = Self.session()
    let outputs = runOK(
      &session,
      "u = compute t: l = log10(size), e = log(a), m = max(a, b, 3), r = rank(a), x = abs(a)")
    #expect(
      Self.same(
        Self.numbers(session, "u", "l"),
        [0.30102999566398120, 0.6020599913279624, .nan, 0.9030899869919435, 1.2041199826559248]))
    #expect(
      Self.same(
        Self.numbers(session, "u", "e"),
        [0, 0.6931471805599453, 0.6931471805599453, 1.3862943611198906, .nan]))
    #expect(Self.same(Self.numbers(session, "u", "m"), [10, .nan, 30, 40, 50]))
    // -1 < 1 < 2 = 2 < 4: the tied 2s share ranks 3 and 4.
    #expect(Self.same(Self.numbers(session, "u", "r"), [2, 3.5, 3.5, 5, 1]))
    #expect(Self.same(Self.numbers(session, "u", "x"), [1, 2, 2, 4, 1]))
    let notes =
      outputs.last?.blocks.compactMap { block -> String? in
        if case .text(let text) = block { return text } else { return nil }
      } ?? []
    #expect(
      notes.contains {
        $0.hasPrefix("l: 4 of 5") && $0.contains("log10 of a value ≤ 0 in 1 row gives none: m3")
      })
    #expect(notes.contains { $0.contains("log of a value ≤ 0 in 1 row gives none: m5") })
  }

  @Test func errorsPointAtTheOperand() {
    var session = Self.session()
    let text = MarkedSource("u = compute t: x = a + ⟪`Model Family`⟫")
    let diagnostic = runFailing(&session, text.text)
    #expect(diagnostic?.range.start.column == text.column)
    #expect(diagnostic?.message.contains("holds text") == true)
    let unknown = MarkedSource("u = compute t: x = ⟪a-b⟫")
    let second = runFailing(&session, unknown.text)
    #expect(second?.range.start.column == unknown.column)
    #expect(second?.notes.first?.contains("write spaces around - and /") == true)
    #expect(session.values["u"] == nil)
  }

  @Test func sortIsStableAndPutsMissingLast() {
    var session = Self.session()
    runOK(&session, "s = sort t by b desc\nr = sort t by a")
    #expect(session.values["s"]?.rows?.models == ["m5", "m4", "m3", "m1", "m2"])
    // The tied m2 and m3 keep the table's order.
    #expect(session.values["r"]?.rows?.models == ["m5", "m1", "m2", "m3", "m4"])
  }

  @Test func describeOfAColumnGivesItsQuartiles() {
    var session = Self.session()
    let output = runOK(&session, "describe t b").first
    guard case .fields(let fields)? = output?.blocks.first else {
      Issue.record("no fields")
      return
    }
    func value(_ name: String) -> Double? {
      guard case .number(let x)? = fields.first(where: { $0.name == name })?.value else {
        return nil
      }
      return x
    }
    // b = 10, 30, 40, 50: mean 32.5, sample sd √(875/3), type-7 quartiles 25 and 42.5.
    #expect(value("missing") == 1)
    #expect(value("mean") == 32.5)
    #expect(abs((value("sd") ?? 0) - (875.0 / 3).squareRoot()) < 1e-12)
    #expect(value("25%") == 25)
    #expect(value("median") == 35)
    #expect(value("75%") == 42.5)
  }

  @Test func aResultReadsAsATableAndSavesWhole() throws {
    let files = MemoryFileSystem()
    var session = Session(files: files)
    runOK(
      &session,
      """
      d = load demo
      caps = pca d
      e = efficiency caps
      j = join d, e
      save e to "e.csv"
      save e to "e.json"
      """)
    let efficiency = try #require(session.values["e"]?.rows)
    #expect(efficiency.key == ScoreTable.familyColumn)
    // Each model takes its family's offset.
    let joined = try #require(session.values["j"]?.rows)
    let offsets = try joined.numbers("offset")
    let byFamily = Dictionary(
      uniqueKeysWithValues: zip(efficiency.models, try efficiency.numbers("offset")))
    for (row, family) in (joined.families ?? []).enumerated() {
      #expect(offsets[row] == byFamily[family])
    }
    let csv = String(decoding: files.files["e.csv"] ?? [], as: UTF8.self)
    #expect(csv.hasPrefix("Model Family,models,offset,compute factor\n"))
    let json = String(decoding: files.files["e.json"] ?? [], as: UTF8.self)
    #expect(json.contains("\"kind\":\"efficiency\"") && json.contains("\"name\":\"e\""))
    let refused = runFailing(&session, "save e to \"e.txt\"")
    #expect(refused?.message.contains(".csv (its rows) or .json (the whole result)") == true)
  }
}
