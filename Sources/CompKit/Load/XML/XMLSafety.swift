import CLibXML2

/// The rules every XML input is read under (§2.1: no external entities, no DTD loading,
/// no network, bounded depth and size).
enum XMLSafety {
    /// No network, no entity substitution, no DTD loading or validation; libxml2's default limits
    /// on depth and sizes stay on (no XML_PARSE_HUGE).
    static let parserOptions = Int32(XML_PARSE_NONET.rawValue)

    /// The largest XML file comp reads whole (plans); deals XML is streamed and has no such limit.
    static let maxDocumentBytes = 16 << 20

    /// Where a `<!DOCTYPE` stands in the document's prolog, if anywhere.
    ///
    /// A DTD can only appear in the prolog (before the root element), so skipping the byte-order
    /// mark, white space, processing instructions and comments finds every one. Refusing it before
    /// parsing means no entity is ever declared, so none can be expanded (billion laughs) or
    /// fetched (XXE).
    static func doctypeLocation(in bytes: [UInt8]) -> (line: Int, column: Int)? {
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        func startsHere(_ text: String) -> Bool { bytes[index...].starts(with: text.utf8) }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            } else if startsHere("<?") {
                guard let end = find("?>", in: bytes, from: index + 2) else { return nil }
                index = end + 2
            } else if startsHere("<!--") {
                guard let end = find("-->", in: bytes, from: index + 4) else { return nil }
                index = end + 3
            } else if startsHere("<!") {
                return position(of: index, in: bytes)
            } else {
                return nil
            }
        }
        return nil
    }

    private static func find(_ needle: String, in bytes: [UInt8], from start: Int) -> Int? {
        let pattern = Array(needle.utf8)
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0] && bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    private static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}
