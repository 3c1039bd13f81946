import Foundation

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

  /// The `kernels` folder for `location`, from the environment:
  /// `JUPYTER_DATA_DIR`, else `XDG_DATA_HOME/jupyter` or `~/.local/share/jupyter` (Linux) and
  /// `~/Library/Jupyter` (macOS), as jupyter_core's `jupyter_data_dir` does; `--sys-prefix`
  /// reads `VIRTUAL_ENV`, then `CONDA_PREFIX`.
  public static func kernelsFolder(_ location: KernelSpecLocation, environment: [String: String]) throws(Failure) -> String {
    switch location {
    case .prefix(let folder):
      return folder + "/share/jupyter/kernels"
    case .sysPrefix:
      guard let prefix = environment["VIRTUAL_ENV"] ?? environment["CONDA_PREFIX"], !prefix.isEmpty else {
        throw Failure(description: "--sys-prefix needs an active virtual or conda environment (VIRTUAL_ENV and CONDA_PREFIX are unset); use --user or --prefix DIR")
      }
      return prefix + "/share/jupyter/kernels"
    case .user:
      if let data = environment["JUPYTER_DATA_DIR"], !data.isEmpty { return data + "/kernels" }
      guard let home = environment["HOME"], !home.isEmpty else {
        throw Failure(description: "HOME is unset, so the user's Jupyter folder is unknown; use --prefix DIR")
      }
      #if os(macOS)
        return home + "/Library/Jupyter/kernels"
      #else
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
        return data + "/jupyter/kernels"
      #endif
    }
  }

  /// Writes `spec` and `files` (name → bytes, such as the logos) into `kernels/name`,
  /// replacing an older install; returns the folder.
  public static func install(
    _ spec: KernelSpec, name: String, files: [(String, [UInt8])], location: KernelSpecLocation, environment: [String: String]
  ) throws(Failure) -> String {
    let folder = try kernelsFolder(location, environment: environment) + "/" + name
    let manager = FileManager.default
    do {
      try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
      try Data(spec.fileText.utf8).write(to: URL(fileURLWithPath: folder + "/kernel.json"), options: .atomic)
      for (file, bytes) in files {
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + file), options: .atomic)
      }
    } catch {
      throw Failure(description: "cannot write the kernelspec in \(folder): \(error.localizedDescription)")
    }
    return folder
  }

  /// Removes `kernels/name` at `location`; returns the folder removed.
  public static func uninstall(name: String, location: KernelSpecLocation, environment: [String: String]) throws(Failure) -> String {
    let folder = try kernelsFolder(location, environment: environment) + "/" + name
    guard FileManager.default.fileExists(atPath: folder + "/kernel.json") else {
      throw Failure(description: "no kernelspec '\(name)' is installed in \(folder)")
    }
    do {
      try FileManager.default.removeItem(atPath: folder)
    } catch {
      throw Failure(description: "cannot remove \(folder): \(error.localizedDescription)")
    }
    return folder
  }
}
