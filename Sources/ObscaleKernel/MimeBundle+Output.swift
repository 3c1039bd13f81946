public import JupyterProtocol
internal import ObscaleJSON
public import ObscaleLanguage

extension MimeBundle {
  /// The MIME type of an output's documented JSON (docs/LANGUAGE.md). A vendor type, never
  /// `application/json`: JupyterLab would show that as a JSON tree in place of the HTML.
  public static let obscaleJSON = "application/vnd.obscale.v1+json"

  /// An output in every form a client may pick from: plain text always, SVG for a plot
  /// (clients that show HTML get the same SVG as an image inside it, with the plot's
  /// captions), HTML for tables and summaries, and the documented JSON for programs.
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
    data.append((MimeBundle.obscaleJSON, JSONRenderer.value(output)))
    self.init(data: data)
  }
}
