import CLibXML2

/// Reads deals.xml by streaming with libxml2's xmlTextReader (§2.2): one `<deal>` at a time,
/// never the whole tree. `<deals><deal id closeDate amount currency type product status cancelDate
/// createdDate><credit rep percent/></deal></deals>`; percent defaults to 100.
enum DealXMLReader {
    /// The attributes of `<deal>` (NUL-terminated, for libxml2), by their number in `DealElement.spans`.
    private static let dealAttributes = ["id", "closeDate", "amount", "currency", "type", "product",
                                         "status", "cancelDate", "createdDate"].map { Array($0.utf8) + [0] }

    /// One `<deal>`'s attributes and credits, copied out of the reader (its strings do not outlive
    /// a step) into one buffer, reused from deal to deal.
    private struct DealElement {
        var line = 0
        var column = 0
        var bytes: [UInt8] = []
        /// Per attribute of `dealAttributes`, its value in `bytes` (nil when absent).
        var spans = [Range<Int>?](repeating: nil, count: DealXMLReader.dealAttributes.count)
        var credits: [(rep: Range<Int>, percent: Range<Int>?)] = []

        /// Becomes a copy of `other`, in the memory it already has.
        mutating func copy(from other: DealElement) {
            (line, column) = (other.line, other.column)
            bytes.removeAll(keepingCapacity: true)
            bytes.append(contentsOf: other.bytes)
            for index in spans.indices { spans[index] = other.spans[index] }
            credits.removeAll(keepingCapacity: true)
            credits.append(contentsOf: other.credits)
        }

        mutating func start(line: Int, column: Int) {
            (self.line, self.column) = (line, column)
            bytes.removeAll(keepingCapacity: true)
            for index in spans.indices { spans[index] = nil }
            credits.removeAll(keepingCapacity: true)
        }

        /// Copies a value into `bytes`.
        mutating func keep(_ value: UnsafePointer<xmlChar>?) -> Range<Int> {
            let start = bytes.count
            if let value { bytes.append(contentsOf: UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value)))) }
            return start..<bytes.count
        }

        /// Calls `body` with the deal's id and its first credit's rep (empty when absent).
        func withIDAndFirstRep(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) {
            bytes.withUnsafeBufferPointer { all in
                body(UnsafeBufferPointer(rebasing: all[spans[0] ?? 0..<0]), UnsafeBufferPointer(rebasing: all[credits.first?.rep ?? 0..<0]))
            }
        }

        /// Calls `body` with the element's fields, every one blamed on the element's position (§7).
        func withRawDeal<T>(_ body: (RawDeal, [(rep: RawField, percent: RawField?)]) -> T) -> T {
            bytes.withUnsafeBufferPointer { all in
                func field(_ span: Range<Int>?) -> RawField {
                    guard let span else { return .absent(column: column) }
                    return RawField(bytes: UnsafeBufferPointer(rebasing: all[span]), column: column)
                }
                let raw = RawDeal(
                    line: line, id: field(spans[0]), closeDate: field(spans[1]), amount: field(spans[2]), currency: field(spans[3]),
                    type: field(spans[4]), product: field(spans[5]), status: field(spans[6]), cancelDate: field(spans[7]),
                    createdDate: field(spans[8]))
                return body(raw, credits.map { (field($0.rep), $0.percent.map { field($0) }) })
            }
        }
    }

    /// The number of a `<deal>` attribute, nil for an unknown one.
    private static func dealAttribute(_ name: UnsafePointer<xmlChar>) -> Int? {
        dealAttributes.firstIndex { xmlStrEqual($0, name) == 1 }
    }

    /// How many deals before `body` `read` calls `ahead`.
    private static let lookahead = 8

    /// Deals copied out of the reader for the thread that takes them; the elements' memory is
    /// reused batch after batch.
    private struct DealBatch: Sendable {
        static let capacity = 1024
        private(set) var elements: [DealElement] = []
        private(set) var count = 0

        mutating func add(_ element: DealElement) {
            if count == elements.count { elements.append(DealElement()) }
            elements[count].copy(from: element)
            count += 1
        }

        mutating func removeAll() { count = 0 }
    }

    /// Streams the file's deals to `body` as raw fields and shares (valid during the call), one
    /// call per `<deal>` element, in file order; logs every problem of the document's shape. The
    /// XML is walked on a thread of its own, a batch of deals ahead of `body`: reading and what
    /// `body` does with the deals take a core each. `ahead` gets each deal's id and first rep
    /// `lookahead` deals before `body` gets the deal (to start loading what it will need).
    static func read(path: String, log: DiagnosticLog, ahead: (_ id: UnsafeBufferPointer<UInt8>, _ firstRep: UnsafeBufferPointer<UInt8>) -> Void,
                     _ body: (RawDeal, [(rep: RawField, percent: RawField?)]) -> Void) throws {
        try Parallel.pipeline(depth: 4, produce: { send in
            var batch = DealBatch()
            try forEachDealElement(path: path, log: log) { element in
                batch.add(element)
                guard batch.count == DealBatch.capacity else { return }
                batch = send(batch) ?? DealBatch()
                batch.removeAll()
            }
            if batch.count > 0 { _ = send(batch) }
        }, consume: { batch in
            for index in 0..<min(lookahead, batch.count) { batch.elements[index].withIDAndFirstRep(ahead) }
            for index in 0..<batch.count {
                if index + lookahead < batch.count { batch.elements[index + lookahead].withIDAndFirstRep(ahead) }
                batch.elements[index].withRawDeal(body)
            }
        })
    }

    /// Calls `body` with every deal id and its position; for confirming suspected duplicates.
    static func forEachID(path: String, _ body: (UnsafeBufferPointer<UInt8>, SourceLocation) -> Void) throws {
        try forEachDealElement(path: path, log: DiagnosticLog()) { element in
            element.bytes.withUnsafeBufferPointer {
                body(UnsafeBufferPointer(rebasing: $0[element.spans[0] ?? 0..<0]), SourceLocation(file: path, line: element.line, column: element.column))
            }
        }
    }

    /// Walks the document, checking its shape, and hands over each `<deal>` element.
    private static func forEachDealElement(path: String, log: DiagnosticLog, _ body: (DealElement) -> Void) throws {
        let prolog: [UInt8]
        do {
            prolog = try InputFile.readPrefix(path: path, count: 1 << 16)
        } catch let failure as InputFile.Failure {
            log.error(.wholeFile(path), failure.message)
            return
        }
        if let doctype = XMLSafety.doctypeLocation(in: prolog) {
            log.error(file: path, line: doctype.line, column: doctype.column,
                      "a <!DOCTYPE> is not allowed in a deals file (DTDs and entities are refused)")
            return
        }
        comp_xml_silence_generic_errors()
        guard let reader = xmlReaderForFile(path, nil, XMLSafety.parserOptions) else {
            log.error(.wholeFile(path), "cannot open the file")
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
        var element = DealElement()
        var inDeal = false
        func problem(_ message: String) {
            let position = inDeal ? (element.line, element.column) : location()
            log.error(file: path, line: position.0, column: position.1, message)
        }
        func text(_ name: UnsafePointer<xmlChar>?) -> String { name.map { String(cString: $0) } ?? "" }
        func finishDeal() {
            if inDeal { body(element) }
            inDeal = false
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
            let name = xmlTextReaderConstLocalName(reader)
            switch type {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                if depth == 0 {
                    guard named(name, "deals") else {
                        problem("the root element must be <deals>, not <\(text(name))>")
                        return
                    }
                    sawRoot = true
                } else if depth == 1 && named(name, "deal") {
                    dealCount += 1
                    guard dealCount <= InputFile.maxRecords else {
                        problem("the file has more than \(InputFile.maxRecords) <deal> elements, the most comp reads from one file (split it)")
                        return
                    }
                    let position = dealLocation()
                    element.start(line: position.line, column: position.column)
                    inDeal = true
                    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                        let attribute = xmlTextReaderConstLocalName(reader)!
                        if let number = dealAttribute(attribute) {
                            element.spans[number] = element.keep(xmlTextReaderConstValue(reader))
                        } else {
                            problem("<deal> has an unknown attribute '\(text(attribute))'")
                        }
                    }
                    xmlTextReaderMoveToElement(reader)
                    if isEmpty { finishDeal() }
                } else if depth == 2 && inDeal && named(name, "credit") {
                    var rep: Range<Int>?
                    var percent: Range<Int>?
                    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                        let attribute = xmlTextReaderConstLocalName(reader)!
                        if named(attribute, "rep") {
                            rep = element.keep(xmlTextReaderConstValue(reader))
                        } else if named(attribute, "percent") {
                            percent = element.keep(xmlTextReaderConstValue(reader))
                        } else {
                            problem("<credit> has an unknown attribute '\(text(attribute))'")
                        }
                    }
                    xmlTextReaderMoveToElement(reader)
                    if rep == nil { problem("<credit> needs a rep attribute") }
                    // One past the limit is kept, for DealRules to report; more would only take memory.
                    if element.credits.count <= DealRules.maxSplits { element.credits.append((rep ?? 0..<0, percent)) }
                } else {
                    problem("unexpected element <\(text(name))> (a deals file holds <deals><deal><credit/></deal></deals>)")
                }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                if depth == 1 && named(name, "deal") { finishDeal() }
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

    /// Whether a name from the reader is `literal`.
    private static func named(_ name: UnsafePointer<xmlChar>?, _ literal: StaticString) -> Bool {
        name.map { xmlStrEqual($0, literal.utf8Start) == 1 } ?? false
    }
}
