import CLibXML2

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

    /// Keeps one of libxml2's errors (warnings are dropped).
    func record(_ error: xmlError) {
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
