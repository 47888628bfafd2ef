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
                    xmlReadMemory(chars, Int32(buffer.count), path, nil, XMLSafety.parserOptions)
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

/// An element of an `XMLDocument`; valid while its document lives.
struct XMLElement {
    let node: xmlNodePtr
    let document: XMLDocument

    var name: String { String(cString: node.pointee.name) }

    /// The line libxml2 recorded for the element (that of its start tag's end).
    var line: Int { Int(xmlGetLineNo(node)) }

    func attribute(_ name: String) -> String? {
        // Usually the value is one text node, read in place; otherwise libxml2 puts it together.
        XMLElement.withXMLName(name) { key in
            var property = node.pointee.properties
            while let current = property, xmlStrEqual(current.pointee.name, key) == 0 { property = current.pointee.next }
            guard let found = property else { return nil }
            if let text = found.pointee.children, text.pointee.type == XML_TEXT_NODE, text.pointee.next == nil,
               let content = text.pointee.content {
                return String(cString: content)
            }
            guard let value = xmlGetProp(node, key) else { return nil }
            defer { xmlFree(value) }
            return String(cString: value)
        }
    }

    var children: [XMLElement] { elements { _ in true } }

    func children(named name: String) -> [XMLElement] {
        XMLElement.withXMLName(name) { key in elements { xmlStrEqual($0.pointee.name, key) != 0 } }
    }

    /// Calls `body` with the name as libxml2's string type, without copying it to the heap.
    private static func withXMLName<T>(_ name: String, _ body: (UnsafePointer<xmlChar>) -> T) -> T {
        name.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }

    private func elements(where include: (xmlNodePtr) -> Bool) -> [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE && include(current) { result.append(XMLElement(node: current, document: document)) }
            child = current.pointee.next
        }
        return result
    }

    /// Where the element's start tag begins, or where `attribute` is written in it.
    func location(attribute: String? = nil) -> SourceLocation {
        let position = document.source.position(ofElement: name, endingAtLine: line, attribute: attribute)
        return SourceLocation(file: document.path, line: position.line, column: position.column)
    }
}

/// A compiled XML schema (XSD).
final class XMLSchema {
    private let schema: xmlSchemaPtr

    /// Compiles a schema from its text; fails only if the shipped schema itself is broken.
    init(bytes: [UInt8]) {
        let parserContext = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                xmlSchemaNewMemParserCtxt(chars, Int32(buffer.count))
            }
        }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        guard let compiled = xmlSchemaParse(parserContext) else { fatalError("comp's plan schema does not compile") }
        schema = compiled
    }

    deinit { xmlSchemaFree(schema) }

    fileprivate func validate(_ document: xmlDocPtr, collector: XMLErrorCollector) -> Bool {
        guard let context = xmlSchemaNewValidCtxt(schema) else { return false }
        defer { xmlSchemaFreeValidCtxt(context) }
        let unmanaged = Unmanaged.passUnretained(collector).toOpaque()
        xmlSchemaSetValidStructuredErrors(context, XMLErrorCollector.callback, unmanaged)
        return xmlSchemaValidateDoc(context, document) == 0
    }
}

/// Collects libxml2's structured errors for one file.
final class XMLErrorCollector {
    struct Problem {
        var line: Int
        var column: Int
        /// The element or attribute the problem is about, when libxml2 names one.
        var elementName: String?
        var attributeName: String?
        var message: String
    }

    let path: String
    private(set) var problems: [Problem] = []

    init(path: String) { self.path = path }

    /// libxml2 calls this for each error; `userData` is the collector.
    static let callback: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        let collector = Unmanaged<XMLErrorCollector>.fromOpaque(userData).takeUnretainedValue()
        collector.record(error.pointee)
    }

    /// Runs a parse with this collector receiving libxml2's errors (which are otherwise printed).
    func capturingParserErrors<T>(_ body: () -> T) -> T {
        comp_xml_silence_generic_errors()
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(self).toOpaque(), XMLErrorCollector.callback)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return body()
    }

    private func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var message = error.message.map { String(cString: $0) } ?? "invalid XML"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        // libxml2's own limits (depth 256, 10 MB text) name an option comp does not offer.
        if let hint = message.range(of: ", use XML_PARSE_HUGE option") ?? message.range(of: " use XML_PARSE_HUGE option") {
            message = message[..<hint.lowerBound] + " (beyond comp's limits for XML input)"
        }
        var line = Int(error.line)
        var elementName: String?
        var attributeName: String?
        if let raw = error.node {
            let node = raw.assumingMemoryBound(to: xmlNode.self)
            if node.pointee.type == XML_ATTRIBUTE_NODE, let parent = node.pointee.parent {
                attributeName = String(cString: node.pointee.name)
                elementName = String(cString: parent.pointee.name)
                line = Int(xmlGetLineNo(parent))
            } else if node.pointee.type == XML_ELEMENT_NODE {
                elementName = String(cString: node.pointee.name)
                line = Int(xmlGetLineNo(node))
            }
        }
        problems.append(Problem(line: max(line, 1), column: max(Int(error.int2), 1),
                                elementName: elementName, attributeName: attributeName,
                                message: XMLErrorCollector.lowercasedFirst(message)))
    }

    /// Sends the problems to the run's log, with columns found in the source where libxml2 gives none.
    func report(to log: DiagnosticLog, source: XMLSourceText) {
        for problem in problems {
            var line = problem.line
            var column = problem.column
            // Past the log's limit the problem is only counted: no need to look for its column.
            if let element = problem.elementName, log.diagnostics.count < log.limit {
                let position = source.position(ofElement: element, endingAtLine: line, attribute: problem.attributeName)
                line = position.line
                column = position.column
            }
            log.error(file: path, line: line, column: column, problem.message)
        }
    }

    private static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase ?? true else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
