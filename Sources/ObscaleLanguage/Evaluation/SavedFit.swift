internal import ObscaleJSON
internal import ScalingLaws

/// The file format of a saved fit: a JSON envelope around the engine's fit value.
///
/// `{"format": "obscale-fit", "version": 1, "fit": {…}}`, pretty-printed with keys sorted,
/// NaN written as the string "nan" (JSON has no NaN), in the shape of Swift's synthesized
/// `Codable` conformances (so files written by Foundation's `JSONEncoder` read the same). The
/// fit holds everything `show`, `predict`, `equiv`, `plot`, `weights` and `compare` need, so a
/// reloaded fit behaves exactly like the original.
struct SavedFit: Codable {
  /// The format tag.
  static let formatName = "obscale-fit"
  /// The current version.
  static let currentVersion = 1

  /// Always `obscale-fit`.
  var format: String
  /// The format version.
  var version: Int
  /// The fit.
  var fit: ScalingLawFit

  /// Returns the JSON bytes of `fit`.
  static func encode(_ fit: ScalingLawFit) throws -> [UInt8] {
    try JSONTreeEncoder().encode(SavedFit(format: formatName, version: currentVersion, fit: fit))
      .prettyBytes(sortingKeys: true)
  }

  /// Decodes a fit saved by `encode`.
  ///
  /// - Throws: `EvaluationFailure(.invalidSavedFit)` naming what is wrong.
  static func decode(_ bytes: [UInt8], path: String, at range: SourceRange) throws -> ScalingLawFit
  {
    let json: JSON
    do {
      json = try JSONParser.parse(bytes)
    } catch {
      throw EvaluationFailure(.invalidSavedFit(path, reason: "it is not JSON: \(error)"), at: range)
    }
    return try decode(json, path: path, at: range)
  }

  /// Decodes a fit saved by `encode`, already parsed.
  ///
  /// - Throws: `EvaluationFailure(.invalidSavedFit)` naming what is wrong.
  static func decode(_ json: JSON, path: String, at range: SourceRange) throws -> ScalingLawFit {
    guard json.objectValue != nil else {
      throw EvaluationFailure(.invalidSavedFit(path, reason: "it is not a JSON object"), at: range)
    }
    let format = json["format"]?.stringValue
    guard format == formatName else {
      throw EvaluationFailure(
        .invalidSavedFit(
          path,
          reason: "its \"format\" is \(format.map { "'\($0)'" } ?? "missing"), not '\(formatName)'"),
        at: range)
    }
    let version = json["version"]?.intValue
    guard version == currentVersion else {
      throw EvaluationFailure(
        .invalidSavedFit(
          path, reason: "version \(version.map(String.init) ?? "missing") is not \(currentVersion)"),
        at: range)
    }
    let fit: ScalingLawFit
    do {
      fit = try JSONTreeDecoder().decode(SavedFit.self, from: json).fit
    } catch let DecodingError.keyNotFound(key, context) {
      throw EvaluationFailure(
        .invalidSavedFit(
          path,
          reason: "the field '\(key.stringValue)' is missing at \(codingPath(context.codingPath))"),
        at: range)
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
      let DecodingError.dataCorrupted(context)
    {
      throw EvaluationFailure(
        .invalidSavedFit(
          path, reason: "\(context.debugDescription) at \(codingPath(context.codingPath))"),
        at: range)
    } catch {
      throw EvaluationFailure(.invalidSavedFit(path, reason: "\(error)"), at: range)
    }
    // Well-formed JSON may still contradict itself (an edited or truncated file).
    if let problem = fit.inconsistency {
      throw EvaluationFailure(.invalidSavedFit(path, reason: problem), at: range)
    }
    return fit
  }

  /// Writes a coding path as `fit.rows[3].model`.
  private static func codingPath(_ path: [any CodingKey]) -> String {
    var text = ""
    for key in path {
      if let index = key.intValue {
        text += "[\(index)]"
      } else {
        text += (text.isEmpty ? "" : ".") + key.stringValue
      }
    }
    return text.isEmpty ? "the top level" : text
  }
}
