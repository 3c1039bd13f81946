/// Renders outputs and diagnostics as JSON documents (the format is in docs/LANGUAGE.md).
public enum JSONRenderer {
  /// Returns the JSON value of an output.
  public static func value(_ output: Output) -> JSONValue {
    .object([
      ("kind", .string(output.kind)),
      ("name", output.name.map(JSONValue.string) ?? .null),
      ("title", .string(output.title)),
      ("blocks", .array(output.blocks.map(value))),
    ])
  }

  /// Returns an output as one line of JSON.
  public static func render(_ output: Output) -> String {
    value(output).serialized
  }

  /// Returns the JSON value of a block.
  static func value(_ block: Block) -> JSONValue {
    switch block {
    case .text(let text):
      return .object([("type", .string("text")), ("text", .string(text))])
    case .fields(let fields):
      return .object([("type", .string("fields")), ("fields", .object(fields.map { ($0.name, value($0.value)) }))])
    case .table(let table):
      return .object([
        ("type", .string("table")),
        ("name", .string(table.name)),
        ("columns", .array(table.columns.map { column in
          .object([("name", .string(column.name)), ("type", .string(column.format == .text ? "text" : "number"))])
        })),
        ("rows", .array(table.rows.map { .array($0.map(value)) })),
      ])
    case .plot(let plot):
      return .object([
        ("type", .string("plot")),
        ("title", .string(plot.title)),
        ("x", axis(plot.x)),
        ("y", axis(plot.y)),
        ("series", .array(plot.series.map { series in
          .object([
            ("name", .string(series.name)),
            ("style", .string(series.style.rawValue)),
            ("group", .string(series.group)),
            ("points", .array(series.points.map { point in
              .object([("x", .number(point.x)), ("y", .number(point.y)), ("label", point.label.map(JSONValue.string) ?? .null)])
            })),
          ])
        })),
        ("caption", .array(plot.caption.map(JSONValue.string))),
      ])
    }
  }

  /// Returns the JSON value of an axis.
  private static func axis(_ axis: Axis) -> JSONValue {
    .object([("label", .string(axis.label)), ("log10", .bool(axis.log10))])
  }

  /// Returns the JSON value of a cell.
  static func value(_ cell: Cell) -> JSONValue {
    switch cell {
    case .text(let text): return .string(text)
    case .number(let number): return .number(number)
    case .missing: return .null
    }
  }

  /// Returns a diagnostic as one line of JSON, with the file it is in when known.
  public static func render(_ diagnostic: Diagnostic, file: String?) -> String {
    JSONValue.object([
      ("kind", .string("error")),
      ("severity", .string(diagnostic.severity.rawValue)),
      ("id", .string(diagnostic.id)),
      ("message", .string(diagnostic.message)),
      ("file", file.map(JSONValue.string) ?? .null),
      ("line", .number(Double(diagnostic.range.start.line))),
      ("column", .number(Double(diagnostic.range.start.column))),
      ("end_line", .number(Double(diagnostic.range.end.line))),
      ("end_column", .number(Double(diagnostic.range.end.column))),
      ("notes", .array(diagnostic.notes.map(JSONValue.string))),
    ]).serialized
  }
}
