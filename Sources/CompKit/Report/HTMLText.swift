/// What comp's self-contained HTML pages (summary.html, statements) share: the page's opening and
/// escaping of text taken from the inputs.
enum HTMLText {
    /// The page up to and including `<body>`: UTF-8, the title, the inline style; no scripts and
    /// nothing fetched from the network.
    static func pageStart(title: String, style: String) -> String {
        var out = RenderedText(capacity: style.utf8.count + 512)
        appendPageStart(title: title, style: style, to: &out)
        return out.string
    }

    /// Appends `pageStart(title:style:)` to `out` (a run writes a page per participant).
    static func appendPageStart(title: String, style: String, to out: inout RenderedText) {
        out.append(pageOpening)
        out.append(title, escaping: escapes)
        out.append("</title>\n<style>\n")
        out.append(style)
        out.append("\n</style>\n</head>\n<body>\n")
    }

    private static let pageOpening = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>
        """

    /// The characters HTML gives a meaning to, in text and in attribute values.
    static let escapes = EscapeTable([UInt8(ascii: "&"): "&amp;", UInt8(ascii: "<"): "&lt;", UInt8(ascii: ">"): "&gt;",
                                      UInt8(ascii: "\""): "&quot;", UInt8(ascii: "'"): "&#39;"])

    /// Escapes the characters HTML gives a meaning to, in text and in attribute values.
    static func escape(_ text: String) -> String {
        var out = RenderedText(capacity: text.utf8.count)
        out.append(text, escaping: escapes)
        return out.string
    }
}
