import CLibXML2

/// A small, safe layer over libxml2's tree API for reading plan files.
///
/// Safety (§2.1): a `<!DOCTYPE>` is refused before libxml2 sees the file, so no entity is
/// ever declared, expanded or fetched; the parser runs without network access, without DTD loading
/// and without entity substitution, under libxml2's default depth limit.
final class XMLDocument {
    private let document: xmlDocPtr
    /// The file's text, to find the columns of elements and attributes (libxml2 keeps only lines).
    let source: XMLSourceText
    let path: String

    /// Parses `bytes`; every problem goes to `log` and nil is returned.
    init?(bytes: [UInt8], path: String, log: DiagnosticLog) {
        self.path = path
        self.source = XMLSourceText(bytes: bytes)
        if let doctype = XMLSafety.doctypeLocation(in: bytes) {
            log.error(file: path, line: doctype.line, column: doctype.column,
                      "a <!DOCTYPE> is not allowed in a plan file (DTDs and entities are refused)")
            return nil
        }
        let collector = XMLErrorCollector(path: path)
        let parsed: xmlDocPtr? = collector.capturingParserErrors {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    xmlReadMemory(chars, Int32(buffer.count), path, nil, XMLDocument.parserOptions)
                }
            }
        }
        guard let parsed, collector.problems.isEmpty else {
            if let parsed { xmlFreeDoc(parsed) }
            collector.report(to: log, source: source)
            if collector.problems.isEmpty { log.error(file: path, line: 1, column: 1, "not a well-formed XML document") }
            return nil
        }
        document = parsed
    }

    /// `XMLSafety`'s options, and a smaller tree: white space between elements is left out and short
    /// texts (most attribute values) are kept inside their nodes. The tree is only read, never changed.
    private static let parserOptions = XMLSafety.parserOptions
        | Int32(XML_PARSE_NOBLANKS.rawValue) | Int32(XML_PARSE_COMPACT.rawValue)

    deinit { xmlFreeDoc(document) }

    var root: XMLElement? {
        guard let node = xmlDocGetRootElement(document) else { return nil }
        return XMLElement(node: node, document: self)
    }

    /// Validates the document against a compiled schema; every violation goes to `log`.
    func validate(against schema: XMLSchema, log: DiagnosticLog) -> Bool {
        let collector = XMLErrorCollector(path: path)
        let valid = schema.validate(document, collector: collector)
        collector.report(to: log, source: source)
        return valid && collector.problems.isEmpty
    }
}
