/// What comp's self-contained HTML pages (summary.html, statements) share: the page's opening and
/// escaping of text taken from the inputs.
enum HTMLText {
    /// The page up to and including `<body>`: UTF-8, the title, the inline style; no scripts and
    /// nothing fetched from the network.
    static func pageStart(title: String, style: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>

        """
    }

    /// Escapes the characters HTML gives a meaning to, in text and in attribute values.
    static func escape(_ text: String) -> String {
        text.escaped { byte in
            switch byte {
            case UInt8(ascii: "&"): return "&amp;"
            case UInt8(ascii: "<"): return "&lt;"
            case UInt8(ascii: ">"): return "&gt;"
            case UInt8(ascii: "\""): return "&quot;"
            case UInt8(ascii: "'"): return "&#39;"
            default: return nil
            }
        }
    }
}
