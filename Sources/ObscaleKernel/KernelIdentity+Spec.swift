public import JupyterProtocol

extension KernelIdentity {
  /// The kernelspec that starts `executable` as this kernel.
  public static func spec(executable: String, interruptMode: String = "message") -> KernelSpec {
    KernelSpec(
      argv: [executable, "kernel", "-f", "{connection_file}"], displayName: displayName,
      language: language, interruptMode: interruptMode)
  }
}
