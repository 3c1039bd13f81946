internal import ObscaleJSON
public import JupyterProtocol
public import ObscaleLanguage

extension MimeBundle {
  /// An output in every form a client may pick from: plain text always, SVG for a plot
  /// (clients that show HTML get the same SVG inside it, with the plot's captions), HTML for
  /// tables and summaries, and the documented JSON (docs/LANGUAGE.md) for programs.
  public init(_ output: Output) {
    var data: [(String, JSON)] = [("text/plain", .string(TextRenderer.render(output)))]
    let plots = output.blocks.compactMap { block -> Plot? in
      if case .plot(let plot) = block { return plot }
      return nil
    }
    if let plot = plots.first {
      data.append(("image/svg+xml", .string(SVGRenderer.render(plot))))
    }
    data.append(("text/html", .string(HTMLRenderer.render(output))))
    data.append(("application/json", JSON(JSONRenderer.value(output))))
    self.init(data: data)
  }
}

extension JSON {
  /// The protocol's JSON for a language JSON value.
  init(_ value: JSONValue) {
    switch value {
    case .null: self = .null
    case .bool(let flag): self = .bool(flag)
    case .number(let number):
      if !number.isFinite {
        self = .null
      } else if number == number.rounded(), abs(number) < 9e15 {
        self = .integer(Int64(number))
      } else {
        self = .double(number)
      }
    case .string(let text): self = .string(text)
    case .array(let items): self = .array(items.map(JSON.init))
    case .object(let pairs): self = .object(pairs.map { ($0.0, JSON($0.1)) })
    }
  }
}
