public import ObscaleJSON

/// Renders outputs and diagnostics as JSON documents (the format is in docs/LANGUAGE.md).
public enum JSONRenderer {
  /// Returns the JSON value of an output.
  public static func value(_ output: Output) -> JSON {
    .object([
      ("kind", .string(output.kind.rawValue)),
      ("name", output.name.map(JSON.string) ?? .null),
      ("title", .string(output.title)),
      ("blocks", .array(output.blocks.map(value))),
    ])
  }

  /// Returns the text `print` or `warn` wrote as one line of JSON, in the shape of an output
  /// of that kind (docs/LANGUAGE.md): `{"kind":"print","name":null,"title":TEXT,"blocks":[]}`.
  public static func render(stream kind: String, _ text: String) -> String {
    JSON.object([
      ("kind", .string(kind)), ("name", .null), ("title", .string(text)), ("blocks", .array([])),
    ]).serialized
  }

  /// Returns an output as one line of JSON.
  public static func render(_ output: Output) -> String {
    value(output).serialized
  }

  /// Returns the JSON value of a block.
  static func value(_ block: Block) -> JSON {
    switch block {
    case .text(let text):
      return .object([("type", .string("text")), ("text", .string(text))])
    case .fields(let fields):
      return .object([
        ("type", .string("fields")), ("fields", .object(fields.map { ($0.name, value($0.value)) })),
      ])
    case .table(let table):
      return .object([
        ("type", .string("table")),
        ("name", .string(table.name)),
        (
          "columns",
          .array(
            table.columns.map { column in
              .object([
                ("name", .string(column.name)),
                ("type", .string(column.format == .text ? "text" : "number")),
              ])
            })
        ),
        ("rows", .array(table.rows.map { .array($0.map(value)) })),
      ])
    case .data(let name, let value):
      return .object([("type", .string("data")), ("name", .string(name)), ("value", value)])
    case .plot(let plot):
      return .object([
        ("type", .string("plot")),
        ("title", .string(plot.title)),
        ("x", axis(plot.x)),
        ("y", axis(plot.y)),
        (
          "series",
          .array(
            plot.series.map { series in
              .object([
                ("name", .string(series.name)),
                ("style", .string(series.style.rawValue)),
                ("group", .string(series.group)),
                (
                  "points",
                  .array(
                    series.points.map { point in
                      .object([
                        ("x", .double(point.x)), ("y", .double(point.y)),
                        ("label", point.label.map(JSON.string) ?? .null),
                      ])
                    })
                ),
              ])
            })
        ),
        ("caption", .array(plot.caption.map(JSON.string))),
      ])
    }
  }

  /// Returns the JSON value of an axis.
  private static func axis(_ axis: Axis) -> JSON {
    .object([("label", .string(axis.label)), ("log10", .bool(axis.log10))])
  }

  /// Returns the JSON value of a cell.
  static func value(_ cell: Cell) -> JSON {
    switch cell {
    case .text(let text): return .string(text)
    case .number(let number): return .double(number)
    case .missing: return .null
    }
  }

  /// Returns a diagnostic as one line of JSON, with the file it is in when known.
  public static func render(_ diagnostic: Diagnostic, file: String?) -> String {
    JSON.object([
      ("kind", .string("error")),
      ("severity", .string(diagnostic.severity.rawValue)),
      ("id", .string(diagnostic.id)),
      ("message", .string(diagnostic.message)),
      ("file", file.map(JSON.string) ?? .null),
      ("line", .integer(Int64(diagnostic.range.start.line))),
      ("column", .integer(Int64(diagnostic.range.start.column))),
      ("end_line", .integer(Int64(diagnostic.range.end.line))),
      ("end_column", .integer(Int64(diagnostic.range.end.column))),
      ("notes", .array(diagnostic.notes.map(JSON.string))),
    ]).serialized
  }
}
