import CLibXML2

/// The text of an XML file split into lines, to point diagnostics at a column.
struct XMLSourceText {
    /// Longer lines are not searched for columns (the diagnostic then gives column 1).
    static let maxSearchedLineBytes = 16 << 10

    private let bytes: [UInt8]
    private let lineStarts: [Int]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        lineStarts = starts
    }

    /// The position of `<element` whose start tag ends on `line` (libxml2's line for an element),
    /// or of ` attribute=` inside that start tag; falls back to the start of `line`.
    func position(ofElement element: String, endingAtLine line: Int, attribute: String?) -> (line: Int, column: Int) {
        guard line >= 1 && line <= lineStarts.count else { return (max(line, 1), 1) }
        let tag = Array(("<" + element).utf8)
        var searchLine = line
        while searchLine >= max(1, line - 50) {
            if let column = firstOccurrence(of: tag, inLine: searchLine, from: 0, tokenEnd: true) {
                guard let attribute else { return (searchLine, column) }
                let name = Array((attribute + "=").utf8)
                var attributeLine = searchLine
                var from = column
                while attributeLine <= line {
                    if let found = firstOccurrence(of: name, inLine: attributeLine, from: from, tokenEnd: false) {
                        return (attributeLine, found)
                    }
                    attributeLine += 1
                    from = 0
                }
                return (searchLine, column)
            }
            searchLine -= 1
        }
        return (line, 1)
    }

    /// 1-based column of `pattern` in a line at or after column `from`; with `tokenEnd`, the match
    /// must be followed by white space, `/` or `>` (so `<tier` does not match `<tiers`).
    private func firstOccurrence(of pattern: [UInt8], inLine line: Int, from: Int, tokenEnd: Bool) -> Int? {
        let start = lineStarts[line - 1]
        let end = line < lineStarts.count ? lineStarts[line] : bytes.count
        // A plan's lines are short; searching a megabyte-long one for each error would take hours.
        guard end - start <= XMLSourceText.maxSearchedLineBytes else { return nil }
        var index = start + from
        while index + pattern.count <= end {
            if bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                let next = index + pattern.count < bytes.count ? bytes[index + pattern.count] : 0x20
                let precededBySpace = tokenEnd || index == start || [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index - 1])
                let endsToken = !tokenEnd || [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "/"), UInt8(ascii: ">")].contains(next)
                if precededBySpace && endsToken { return index - start + 1 }
            }
            index += 1
        }
        return nil
    }
}
