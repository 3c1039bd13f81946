public import JupyterProtocol

/// How the obscale kernel names itself to Jupyter clients; the kernelspec and
/// `kernel_info_reply` both read from here.
public enum KernelIdentity {
  /// The kernel implementation's name, also the kernelspec's folder name.
  public static let implementation: String = "obscale"
  /// The version of obscale.
  public static let version: String = "0.1.0"
  /// The language name in `language_info` and the kernelspec.
  public static let language: String = "obscale"
  /// The display name in notebook launchers.
  public static let displayName: String = "obscale"
  /// The file extension of obscale scripts.
  public static let fileExtension: String = ".obs"

  /// What `kernel_info_reply` says. `codemirror_mode` names the editor mode that
  /// ``LabExtension`` registers, `pygments_lexer` the lexer of the `obscale-pygments` package
  /// in `python/` (without either, front ends fall back to plain text).
  public static let info = KernelInfo(
    implementation: implementation, implementationVersion: version, languageName: language,
    languageVersion: version,
    mimetype: "text/x-obscale", fileExtension: fileExtension, pygmentsLexer: "obscale",
    codemirrorMode: "obscale",
    banner:
      "obscale \(version) — observational scaling laws (Ruan, Maddison & Hashimoto, 2024). Type help for the statements.",
    helpLinks: [
      (text: "Observational Scaling Laws (paper)", url: "https://arxiv.org/abs/2405.10938")
    ])
}
