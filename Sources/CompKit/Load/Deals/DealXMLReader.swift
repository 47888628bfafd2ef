import CLibXML2

/// Reads deals.xml by streaming with libxml2's xmlTextReader (§2.2): one `<deal>` at a time,
/// never the whole tree. `<deals><deal id closeDate amount currency type product status cancelDate
/// createdDate><credit rep percent/></deal></deals>`; percent defaults to 100.
enum DealXMLReader {
    private static let dealAttributes = ["id", "closeDate", "amount", "currency", "type", "product",
                                         "status", "cancelDate", "createdDate"]

    /// One `<deal>`'s attributes and credits, copied out of the reader (its strings do not outlive a step).
    private struct DealElement {
        var line: Int
        var column: Int
        var attributes: [String: [UInt8]] = [:]
        var credits: [(rep: [UInt8], percent: [UInt8]?)] = []

        /// Calls `body` with the element's fields, every one blamed on the element's position (§7).
        func withRawDeal<T>(_ body: (RawDeal, [(rep: RawField, percent: RawField?)]) -> T) -> T {
            // One buffer holds every value, so that the fields can point into it.
            var bytes: [UInt8] = []
            var spans: [String: Range<Int>] = [:]
            for name in DealXMLReader.dealAttributes {
                guard let value = attributes[name] else { continue }
                spans[name] = bytes.count..<bytes.count + value.count
                bytes += value
            }
            var creditSpans: [(rep: Range<Int>, percent: Range<Int>?)] = []
            for credit in credits {
                let rep = bytes.count..<bytes.count + credit.rep.count
                bytes += credit.rep
                var percent: Range<Int>?
                if let value = credit.percent {
                    percent = bytes.count..<bytes.count + value.count
                    bytes += value
                }
                creditSpans.append((rep, percent))
            }
            return bytes.withUnsafeBufferPointer { all in
                func field(_ span: Range<Int>?) -> RawField {
                    guard let span else { return .absent(column: column) }
                    return RawField(bytes: UnsafeBufferPointer(rebasing: all[span]), column: column)
                }
                let raw = RawDeal(
                    line: line, id: field(spans["id"]), closeDate: field(spans["closeDate"]), amount: field(spans["amount"]),
                    currency: field(spans["currency"]), type: field(spans["type"]), product: field(spans["product"]),
                    status: field(spans["status"]), cancelDate: field(spans["cancelDate"]), createdDate: field(spans["createdDate"]))
                return body(raw, creditSpans.map { (field($0.rep), $0.percent.map { field($0) }) })
            }
        }
    }

    /// Streams the file's deals to `body` as raw fields and shares (valid during the call); logs
    /// every problem of the document's shape. Returns the number of `<deal>` elements.
    static func read(path: String, log: DiagnosticLog,
                     _ body: (RawDeal, [(rep: RawField, percent: RawField?)]) -> Void) throws -> Int {
        var count = 0
        try forEachDealElement(path: path, log: log) { element in
            count += 1
            element.withRawDeal(body)
        }
        return count
    }

    /// Calls `body` with every deal id and its position; for confirming suspected duplicates.
    static func forEachID(path: String, _ body: (UnsafeBufferPointer<UInt8>, SourceLocation) -> Void) throws {
        try forEachDealElement(path: path, log: DiagnosticLog()) { element in
            (element.attributes["id"] ?? []).withUnsafeBufferPointer {
                body($0, SourceLocation(file: path, line: element.line, column: element.column))
            }
        }
    }

    /// Walks the document, checking its shape, and hands over each `<deal>` element.
    private static func forEachDealElement(path: String, log: DiagnosticLog, _ body: (DealElement) -> Void) throws {
        let prolog: [UInt8]
        do {
            prolog = try InputFile.readPrefix(path: path, count: 1 << 16)
        } catch let failure as InputFile.Failure {
            log.error(file: path, line: 0, column: 0, failure.message)
            return
        }
        if let doctype = XMLSafety.doctypeLocation(in: prolog) {
            log.error(file: path, line: doctype.line, column: doctype.column,
                      "a <!DOCTYPE> is not allowed in a deals file (DTDs and entities are refused)")
            return
        }
        comp_xml_silence_generic_errors()
        guard let reader = xmlReaderForFile(path, nil, XMLSafety.parserOptions) else {
            log.error(file: path, line: 0, column: 0, "cannot open the file")
            return
        }
        defer { xmlFreeTextReader(reader) }
        let collector = XMLErrorCollector(path: path)
        xmlTextReaderSetStructuredErrorHandler(reader, XMLErrorCollector.callback, Unmanaged.passUnretained(collector).toOpaque())

        func location() -> (line: Int, column: Int) {
            let node = xmlTextReaderCurrentNode(reader)
            let line = node.map { Int(xmlGetLineNo($0)) } ?? Int(xmlTextReaderGetParserLineNumber(reader))
            return (max(line, 1), max(Int(xmlTextReaderGetParserColumnNumber(reader)), 1))
        }
        /// libxml2 gives 65535 for every line past it: a deal's start tag is then looked up in the file.
        var dealCount = 0
        var scanner: XMLStartTagScanner?
        func dealLocation() -> (line: Int, column: Int) {
            let position = location()
            guard position.line >= 65535 else { return position }
            if scanner == nil { scanner = XMLStartTagScanner(path: path) }
            return scanner?.position(ofStartTag: "deal", depth: 1, ordinal: dealCount) ?? position
        }
        /// Problems inside a `<deal>` point at the deal element's line (§7).
        var current: DealElement?
        func problem(_ message: String) {
            let position = current.map { ($0.line, $0.column) } ?? location()
            log.error(file: path, line: position.0, column: position.1, message)
        }

        var sawRoot = false
        while true {
            let status = xmlTextReaderRead(reader)
            if status != 1 {
                if status < 0 && collector.problems.isEmpty { problem("the XML is not well-formed") }
                break
            }
            let type = xmlTextReaderNodeType(reader)
            let depth = xmlTextReaderDepth(reader)
            let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
            switch type {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                switch (depth, name) {
                case (0, "deals"):
                    sawRoot = true
                case (0, _):
                    problem("the root element must be <deals>, not <\(name)>")
                    return
                case (1, "deal"):
                    dealCount += 1
                    guard dealCount <= InputFile.maxRecords else {
                        problem("the file has more than \(InputFile.maxRecords) <deal> elements, the most comp reads from one file (split it)")
                        return
                    }
                    let position = dealLocation()
                    current = DealElement(line: position.line, column: position.column)
                    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                        let attribute = String(cString: xmlTextReaderConstLocalName(reader))
                        let value = Array(UnsafeBufferPointer(start: xmlTextReaderConstValue(reader), count: strlenXML(xmlTextReaderConstValue(reader))))
                        if dealAttributes.contains(attribute) {
                            current?.attributes[attribute] = value
                        } else {
                            problem("<deal> has an unknown attribute '\(attribute)'")
                        }
                    }
                    xmlTextReaderMoveToElement(reader)
                    if isEmpty, let element = current {
                        body(element)
                        current = nil
                    }
                case (2, "credit") where current != nil:
                    var rep: [UInt8]?
                    var percent: [UInt8]?
                    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                        let attribute = String(cString: xmlTextReaderConstLocalName(reader))
                        let value = Array(UnsafeBufferPointer(start: xmlTextReaderConstValue(reader), count: strlenXML(xmlTextReaderConstValue(reader))))
                        switch attribute {
                        case "rep": rep = value
                        case "percent": percent = value
                        default: problem("<credit> has an unknown attribute '\(attribute)'")
                        }
                    }
                    xmlTextReaderMoveToElement(reader)
                    if rep == nil { problem("<credit> needs a rep attribute") }
                    // One past the limit is kept, for DealRules to report; more would only take memory.
                    if current!.credits.count <= DealRules.maxSplits { current?.credits.append((rep ?? [], percent)) }
                default:
                    problem("unexpected element <\(name)> (a deals file holds <deals><deal><credit/></deal></deals>)")
                }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                if depth == 1 && name == "deal", let element = current {
                    body(element)
                    current = nil
                }
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue):
                problem("unexpected text in a deals file (deal fields are attributes)")
            default:
                break
            }
        }
        collector.report(to: log, source: XMLSourceText(bytes: []))
        if !sawRoot && collector.problems.isEmpty {
            log.error(file: path, line: 1, column: 1, "the file has no <deals> root element")
        }
    }

    private static func strlenXML(_ text: UnsafePointer<xmlChar>?) -> Int {
        guard let text else { return 0 }
        var length = 0
        while text[length] != 0 { length += 1 }
        return length
    }
}
