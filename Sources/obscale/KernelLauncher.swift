import Dispatch
internal import Glibc
import JupyterProtocol
import ObscaleKernel
import ObscaleLanguage
import ZeroMQTransport

/// Starts the Jupyter kernel on the connection file at `path` and serves until a shutdown
/// request; returns the exit code.
///
/// SIGINT interrupts the running cell (kernelspec `interrupt_mode: signal`); an
/// `interrupt_request` on the control channel does the same (`message`).
func runKernel(connectionFile path: String, searchPath: [String]) -> Int32 {
  let bytes: [UInt8]
  do {
    guard let read = try LocalFileSystem().read(path) else {
      printError("obscale kernel: cannot read the connection file '\(path)': it does not exist")
      return ExitCode.noInput.rawValue
    }
    bytes = read
  } catch {
    printError("obscale kernel: cannot read the connection file '\(path)': \(error)")
    return ExitCode.noInput.rawValue
  }
  let connection: ConnectionInfo
  do {
    connection = try ConnectionInfo.parse(bytes)
  } catch {
    printError("obscale kernel: \(path): \(error)")
    return ExitCode.dataError.rawValue
  }
  let log: @Sendable (String) -> Void = { printError("obscale kernel: " + $0) }
  let transport: ZeroMQTransport
  do {
    transport = try ZeroMQTransport(connection: connection, log: log)
  } catch {
    printError("obscale kernel: \(error)")
    return ExitCode.software.rawValue
  }
  let interpreter = ObscaleInterpreter(session: Session(searchPath: searchPath))
  let core = KernelCore(
    interpreter: interpreter, key: connection.key, sink: transport, log: log,
    onBacklogDrained: { _ = mallocTrim?(0) })
  signal(SIGINT, SIG_IGN)
  let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
  interrupts.setEventHandler { interpreter.interrupt() }
  interrupts.resume()
  // Like ipykernel: when Jupyter passes its process id, stop once that process is gone (we
  // are re-parented), so that a killed notebook server leaves no kernel behind.
  // The parent may be gone before we look (then kill(parent, 0) fails with ESRCH), or be a
  // wrapper's parent rather than ours; a change of our own parent also counts.
  var parentWatch: (any DispatchSourceTimer)?
  if let parent = getenv("JPY_PARENT_PID").flatMap({ Int32(String(cString: $0)) }), parent > 1 {
    let startedUnderParent = getppid() == parent
    let timer = DispatchSource.makeTimerSource(queue: .global())
    timer.schedule(deadline: .now(), repeating: 1)
    timer.setEventHandler {
      if (startedUnderParent && getppid() != parent) || (kill(parent, 0) == -1 && errno == ESRCH) {
        log("the parent process \(parent) is gone; stopping")
        core.stop()
      }
    }
    timer.resume()
    parentWatch = timer
  }
  transport.start(receiver: { frames, channel in core.receive(frames, on: channel) })
  core.announceStarting()
  core.serveShell()
  transport.stop()
  interrupts.cancel()
  parentWatch?.cancel()
  return ExitCode.success.rawValue
}

/// Writes the kernelspec pointing at this binary (or removes it); returns the exit code.
func installKernel(
  location: KernelSpecLocation, uninstall: Bool, interruptMode: String,
  environment: [String: String]
) -> Int32 {
  do {
    let extensionFolder = "labextensions/" + LabExtension.name
    if uninstall {
      // Whatever of the two is there goes; only when neither is does uninstall fail.
      var removed: [String] = []
      var failures: [KernelSpecInstaller.Failure] = []
      do {
        let folder = try KernelSpecInstaller.uninstall(
          name: KernelIdentity.implementation, location: location, environment: environment)
        removed.append("removed the kernelspec '\(KernelIdentity.implementation)' from \(folder)")
      } catch { failures.append(error) }
      do {
        let folder = try KernelSpecInstaller.removeFolder(
          extensionFolder, marker: "package.json",
          what: "JupyterLab extension '\(LabExtension.name)'", location: location,
          environment: environment)
        removed.append("removed the JupyterLab extension '\(LabExtension.name)' from \(folder)")
      } catch { failures.append(error) }
      guard !removed.isEmpty else { throw failures[0] }
      for line in removed { print(line) }
      return ExitCode.success.rawValue
    }
    // The binary's own path (symbolic links resolved), so the kernelspec survives a change of
    // PATH; the command as typed when /proc is not there.
    let binary =
      realpath("/proc/self/exe", nil).map { resolved in
        defer { free(resolved) }
        return String(cString: resolved)
      } ?? CommandLine.arguments[0]
    let spec = KernelIdentity.spec(executable: binary, interruptMode: interruptMode)
    let folder = try KernelSpecInstaller.install(
      spec, name: KernelIdentity.implementation, files: KernelLogo.files, location: location,
      environment: environment)
    print(
      "installed the kernelspec '\(KernelIdentity.implementation)' in \(folder)\n  it starts \(binary)"
    )
    let extensionPath = try KernelSpecInstaller.installFolder(
      extensionFolder, files: LabExtension.files, location: location, environment: environment)
    print(
      "installed the JupyterLab extension '\(LabExtension.name)' (obscale's syntax colours) in \(extensionPath)"
    )
    if case .prefix(let folder) = location {
      // Jupyter looks in DIR/share/jupyter only when told to.
      print(
        "  Jupyter finds these only with \(folder)/share/jupyter on its path: export JUPYTER_PATH=\(folder)/share/jupyter (and, for the extension, restart JupyterLab)"
      )
    }
    return ExitCode.success.rawValue
  } catch {
    printError("obscale install: \(error)")
    return ExitCode.cantCreate.rawValue
  }
}

/// glibc's `malloc_trim` (not in Swift's Glibc module, whose map leaves out `malloc.h`),
/// looked up once; nil on a C library without it. The kernel core calls it, through its
/// `onBacklogDrained` hook, once a burst of queued cells has drained.
private let mallocTrim: (@convention(c) (Int) -> Int32)? = dlsym(nil, "malloc_trim").map {
  unsafeBitCast($0, to: (@convention(c) (Int) -> Int32).self)
}
