internal import Foundation
internal import ScalingLaws

/// The file format of a saved fit: a JSON envelope around the engine's fit value.
///
/// `{"format": "obscale-fit", "version": 1, "fit": {…}}`, keys sorted, NaN written as the
/// string "nan" (JSON has no NaN). The fit holds everything `show`, `predict`, `equiv`,
/// `plot`, `weights` and `compare` need, so a reloaded fit behaves exactly like the original.
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
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return [UInt8](try encoder.encode(SavedFit(format: formatName, version: currentVersion, fit: fit))) + [10]
  }

  /// Decodes a fit saved by `encode`.
  ///
  /// - Throws: `EvaluationFailure(.invalidSavedFit)` naming what is wrong.
  static func decode(_ bytes: [UInt8], path: String, at range: SourceRange) throws -> ScalingLawFit {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    struct Header: Codable {
      var format: String?
      var version: Int?
    }
    let header: Header
    do {
      header = try decoder.decode(Header.self, from: Data(bytes))
    } catch {
      throw EvaluationFailure(.invalidSavedFit(path, reason: "it is not a JSON object"), at: range)
    }
    guard header.format == formatName else {
      throw EvaluationFailure(.invalidSavedFit(path, reason: "its \"format\" is \(header.format.map { "'\($0)'" } ?? "missing"), not '\(formatName)'"), at: range)
    }
    guard header.version == currentVersion else {
      throw EvaluationFailure(.invalidSavedFit(path, reason: "version \(header.version.map(String.init) ?? "missing") is not \(currentVersion)"), at: range)
    }
    do {
      return try decoder.decode(SavedFit.self, from: Data(bytes)).fit
    } catch let DecodingError.keyNotFound(key, context) {
      throw EvaluationFailure(.invalidSavedFit(path, reason: "the field '\(key.stringValue)' is missing at \(codingPath(context.codingPath))"), at: range)
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context), let DecodingError.dataCorrupted(context) {
      throw EvaluationFailure(.invalidSavedFit(path, reason: "\(context.debugDescription.lowercased()) at \(codingPath(context.codingPath))"), at: range)
    } catch {
      throw EvaluationFailure(.invalidSavedFit(path, reason: "\(error)"), at: range)
    }
  }

  /// Writes a coding path as `fit.rows[3].model`.
  private static func codingPath(_ path: [any CodingKey]) -> String {
    var text = ""
    for key in path {
      if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
    }
    return text.isEmpty ? "the top level" : text
  }
}

/// Writes a score table as RFC 4180 CSV that `ScoreTable(csv:)` reads back exactly.
enum CSVWriter {
  /// Returns the CSV bytes: a header row, then one row per model; missing cells are empty.
  static func write(_ table: ScoreTable) -> [UInt8] {
    var lines = [table.columnNames.map(quote).joined(separator: ",")]
    for i in 0..<table.rowCount {
      let cells = table.columns.map { column -> String in
        switch column.values {
        case .text(let texts): return quote(texts[i])
        case .numbers(let numbers): return numbers[i].isNaN ? "" : "\(numbers[i])"
        }
      }
      lines.append(cells.joined(separator: ","))
    }
    return Array((lines.joined(separator: "\n") + "\n").utf8)
  }

  /// Quotes a field when it holds a comma, quote, line break or edge space.
  private static func quote(_ field: String) -> String {
    let needs = field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
      || field.first == " " || field.last == " "
    return needs ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
  }
}
