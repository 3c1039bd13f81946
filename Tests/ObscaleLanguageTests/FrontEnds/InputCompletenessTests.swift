import ObscaleLanguage
import Testing

/// When the REPL and the kernel's is_complete ask for another line.
struct InputCompletenessTests {
  @Test(arguments: [
    ("d = load demo", InputCompleteness.complete),
    ("b = [MMLU,", .incomplete(indent: "  ")),
    ("f = fit d: y ~ pc(3) split = cutoff(84", .incomplete(indent: "  ")),
    ("compare f,", .incomplete(indent: "  ")),
    ("s = filter d where has MMLU and", .incomplete(indent: "  ")),
    ("x = \\", .incomplete(indent: "  ")),
    ("b = [MMLU,\nGSM8K]", .complete),
    ("d = load \"base.csv", .invalid),
    ("show `FLOPs", .invalid),
    ("x = ]", .invalid),
    ("d = load demo)", .invalid),
    ("x = [a] ]", .invalid),
    ("x = $", .invalid),
    ("fitt d: y ~ pc(3)", .complete),
    ("", .complete),
  ])
  func classifies(_ source: String, _ expected: InputCompleteness) {
    #expect(InputCompleteness.check(source) == expected, "\(source)")
  }
}
