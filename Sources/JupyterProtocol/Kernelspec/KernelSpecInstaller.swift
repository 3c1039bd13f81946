internal import Glibc

/// Where `install` puts a kernelspec, as `jupyter kernelspec install` understands it.
public enum KernelSpecLocation: Sendable, Equatable {
  /// The user's Jupyter data folder (`--user`, the default).
  case user
  /// The active virtual or conda environment (`--sys-prefix`).
  case sysPrefix
  /// `DIR/share/jupyter/kernels` (`--prefix DIR`).
  case prefix(String)
}

/// Writes and removes kernelspec folders.
public enum KernelSpecInstaller {
  /// Why a kernelspec could not be installed or removed.
  public struct Failure: Error, Equatable, CustomStringConvertible {
    /// The message.
    public var description: String
  }

  /// The Jupyter data folder for `location`, from the environment: `JUPYTER_DATA_DIR`, else
  /// `XDG_DATA_HOME/jupyter` or `~/.local/share/jupyter` (Linux) and `~/Library/Jupyter`
  /// (macOS), as jupyter_core's `jupyter_data_dir` does; `--sys-prefix` reads `VIRTUAL_ENV`,
  /// then `CONDA_PREFIX`. Kernelspecs live in its `kernels`, JupyterLab's prebuilt extensions
  /// in its `labextensions`.
  public static func dataFolder(_ location: KernelSpecLocation, environment: [String: String])
    throws(Failure) -> String
  {
    switch location {
    case .prefix(let folder):
      return folder + "/share/jupyter"
    case .sysPrefix:
      guard let prefix = environment["VIRTUAL_ENV"] ?? environment["CONDA_PREFIX"], !prefix.isEmpty
      else {
        throw Failure(
          description:
            "--sys-prefix needs an active virtual or conda environment (VIRTUAL_ENV and CONDA_PREFIX are unset); use --user or --prefix DIR"
        )
      }
      return prefix + "/share/jupyter"
    case .user:
      if let data = environment["JUPYTER_DATA_DIR"], !data.isEmpty { return data }
      guard let home = environment["HOME"], !home.isEmpty else {
        throw Failure(
          description: "HOME is unset, so the user's Jupyter folder is unknown; use --prefix DIR")
      }
      #if os(macOS)
        return home + "/Library/Jupyter"
      #else
        let data =
          environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
        return data + "/jupyter"
      #endif
    }
  }

  /// The `kernels` folder for `location` (see ``dataFolder(_:environment:)``).
  public static func kernelsFolder(_ location: KernelSpecLocation, environment: [String: String])
    throws(Failure) -> String
  {
    try dataFolder(location, environment: environment) + "/kernels"
  }

  /// Writes `spec` and `files` (name → bytes, such as the logos) into `kernels/name`,
  /// replacing an older install; returns the folder.
  public static func install(
    _ spec: KernelSpec, name: String, files: [(String, [UInt8])], location: KernelSpecLocation,
    environment: [String: String]
  ) throws(Failure) -> String {
    try installFolder(
      "kernels/" + name, files: [("kernel.json", Array(spec.fileText.utf8))] + files,
      location: location, environment: environment)
  }

  /// Removes `kernels/name` at `location`; returns the folder removed.
  public static func uninstall(
    name: String, location: KernelSpecLocation, environment: [String: String]
  ) throws(Failure) -> String {
    try removeFolder(
      "kernels/" + name, marker: "kernel.json", what: "kernelspec '\(name)'", location: location,
      environment: environment)
  }

  /// Writes `files` (path relative to the folder → bytes; a path may name subfolders) into
  /// `relative` under the data folder, after removing what an older install left there;
  /// returns the folder.
  public static func installFolder(
    _ relative: String, files: [(String, [UInt8])], location: KernelSpecLocation,
    environment: [String: String]
  ) throws(Failure) -> String {
    let folder = try dataFolder(location, environment: environment) + "/" + relative
    do {
      var status = stat()
      if lstat(folder, &status) == 0 { try removeTree(folder) }
      try makeFolders(folder)
      for (file, bytes) in files {
        let path = folder + "/" + file
        if let slash = path.lastIndex(of: "/"), path[..<slash] != folder {
          try makeFolders(String(path[..<slash]))
        }
        try writeFile(path, bytes)
      }
    } catch {
      throw Failure(description: "cannot write \(folder): \(error.description)")
    }
    return folder
  }

  /// Removes `relative` under the data folder when it holds `marker` (so that only a folder
  /// an install wrote is removed); `what` names it in the error. Returns the folder removed.
  public static func removeFolder(
    _ relative: String, marker: String, what: String, location: KernelSpecLocation,
    environment: [String: String]
  ) throws(Failure) -> String {
    let folder = try dataFolder(location, environment: environment) + "/" + relative
    guard access(folder + "/" + marker, F_OK) == 0 else {
      throw Failure(description: "no \(what) is installed in \(folder)")
    }
    do {
      try removeTree(folder)
    } catch {
      throw Failure(description: "cannot remove \(error.description)")
    }
    return folder
  }

  /// Why a file system call failed: the path and the C library's reason.
  private struct SystemFailure: Error, CustomStringConvertible {
    /// The message.
    var description: String

    /// The failure of an operation on `path`, with `errno`'s reason.
    init(_ path: String) {
      description = "\(path): \(String(cString: strerror(errno)))"
    }
  }

  /// Creates `folder` and any missing folders above it (mode 0777 less the umask).
  private static func makeFolders(_ folder: String) throws(SystemFailure) {
    var path = folder.hasPrefix("/") ? "" : "."
    for part in folder.split(separator: "/") {
      path += "/" + part
      if mkdir(path, 0o777) != 0, errno != EEXIST { throw SystemFailure(path) }
    }
  }

  /// Removes `path`: a folder after everything in it, depth first, never following a
  /// symbolic link out of it.
  private static func removeTree(_ path: String) throws(SystemFailure) {
    var status = stat()
    guard lstat(path, &status) == 0 else { throw SystemFailure(path) }
    guard status.st_mode & S_IFMT == S_IFDIR else {
      guard unlink(path) == 0 else { throw SystemFailure(path) }
      return
    }
    guard let folder = opendir(path) else { throw SystemFailure(path) }
    var names: [String] = []
    while let entry = readdir(folder) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) {
        String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != ".", name != ".." { names.append(name) }
    }
    closedir(folder)
    for name in names { try removeTree(path + "/" + name) }
    guard rmdir(path) == 0 else { throw SystemFailure(path) }
  }

  /// Writes `bytes` to the file at `path`, replacing it.
  private static func writeFile(_ path: String, _ bytes: [UInt8]) throws(SystemFailure) {
    guard let file = fopen(path, "wb") else { throw SystemFailure(path) }
    let written = fwrite(bytes, 1, bytes.count, file)
    guard fclose(file) == 0, written == bytes.count else { throw SystemFailure(path) }
  }
}
