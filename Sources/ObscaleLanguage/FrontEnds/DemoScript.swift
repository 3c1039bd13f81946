/// The demo analysis that `obscale demo` runs: every main statement once on the demo data.
public enum DemoScript {
  /// The script's text.
  public static let source = """
    # obscale demo: observational scaling laws on the embedded synthetic demo data.
    # 95 models in 20 families; Atlas plays the role of the paper's Llama-2 reference.
    data = load demo
    describe data

    # Principal capabilities of the eight standard benchmarks (missing cells imputed).
    caps = pca data
    plot caps

    # The paper's law: a sigmoid in three PCs, fitted on models up to 84e21 FLOPs.
    f = fit data: emergent_task ~ pc(3)
    predict f side = test
    plot f

    # The compute baseline on the same split, and the two side by side.
    g = fit data: emergent_task ~ log(flops)
    compare f, g
    weights f

    # Post-training: few-shot against chain-of-thought on one f-equivalent FLOPs axis.
    no_gsm = [MMLU, ARC-C, HellaSwag, Winograd, TruthfulQA, XWinograd, HumanEval]
    fewshot = fit data: gsm_fewshot ~ pc(3) benchmarks = no_gsm loss = huber
    cot = fit data: gsm_cot ~ pc(3) benchmarks = no_gsm loss = huber
    compare fewshot, cot
    gap fewshot, cot samples = 9

    # How sure is the law? Prediction intervals from a bootstrap over its train models.
    fb = bootstrap f
    predict fb for [Atlas-70B, Iris-405B]

    # Which few families would have been enough? V-optimal subsets of the small models.
    small = filter data where `FLOPs (1E21)` <= 84
    s = select small budgets = [8, 12, 16] random = 100

    # A family's next models: every Leaderboard v2-like benchmark from size and tokens,
    # families sharing one capability scale with offsets of their own.
    v2 = load demo leaderboard
    fc = forecast v2 family = Atlas sizes = [140, 400]
    """
}
