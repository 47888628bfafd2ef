#if canImport(Glibc)
import Glibc
#endif
import CLibXML2

/// Reads deals.xml by streaming with libxml2's SAX2 parser (§2.2): one `<deal>` at a time,
/// never the whole tree. `<deals><deal id closeDate amount currency type product status cancelDate
/// createdDate><credit rep percent/></deal></deals>`; percent defaults to 100.
enum DealXMLReader {
    /// The attributes of `<deal>` (NUL-terminated, for libxml2), by their number in `DealElement.spans`.
    private static let dealAttributes = ["id", "closeDate", "amount", "currency", "type", "product",
                                         "status", "cancelDate", "createdDate"].map { Array($0.utf8) + [0] }

    /// One `<deal>`'s attributes and credits, copied out of the parser (its strings do not outlive
    /// its callback) into one buffer, reused from deal to deal.
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

        /// Copies a value into `bytes`. libxml2 hands an attribute's `&` over as `&#38;` (for a
        /// tree to parse again), every other reference decoded: that is undone here.
        mutating func keep(_ value: UnsafeBufferPointer<xmlChar>) -> Range<Int> {
            let start = bytes.count
            guard value.contains(UInt8(ascii: "&")) else {
                bytes.append(contentsOf: value)
                return start..<bytes.count
            }
            let ampersand = Array("&#38;".utf8)
            var index = value.startIndex
            while index < value.endIndex {
                if value[index...].starts(with: ampersand) {
                    bytes.append(UInt8(ascii: "&"))
                    index += ampersand.count
                } else {
                    bytes.append(value[index])
                    index += 1
                }
            }
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

    /// Deals copied out of the parser for the thread that takes them; the elements' memory is
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

    /// Calls `body` with every deal id that `wanted` accepts and its position; for confirming
    /// suspected duplicates. A deal whose id `wanted` refuses is passed over as soon as its id is
    /// read: neither its position nor its other fields are worked out (the walk of a ten-million-deal
    /// file looking for a few thousand ids). An id with a character reference in it is decoded
    /// first, and asked about then.
    static func forEachID(path: String, where wanted: @escaping (UnsafeBufferPointer<UInt8>) -> Bool,
                          _ body: (UnsafeBufferPointer<UInt8>, SourceLocation) -> Void) throws {
        try forEachDealElement(path: path, log: DiagnosticLog(), wantsDeal: wanted) { element in
            element.bytes.withUnsafeBufferPointer {
                let id = UnsafeBufferPointer(rebasing: $0[element.spans[0] ?? 0..<0])
                if wanted(id) { body(id, SourceLocation(file: path, line: element.line, column: element.column)) }
            }
        }
    }

    /// Walks the document with libxml2's SAX2 push parser, checking its shape, and hands over each
    /// `<deal>` element: no tree and no node per element are made, as a reader would.
    private static func forEachDealElement(path: String, log: DiagnosticLog, wantsDeal: ((UnsafeBufferPointer<UInt8>) -> Bool)? = nil,
                                           _ body: (DealElement) -> Void) throws {
        let descriptor: Int32
        do {
            descriptor = try InputFile.open(path)
        } catch let failure as InputFile.Failure {
            log.error(.wholeFile(path), failure.message)
            return
        }
        defer { close(descriptor) }
        // The prolog is looked at before the parser sees a byte: a DTD is refused, not parsed.
        var prolog = [UInt8](repeating: 0, count: 1 << 16)
        let prologCount = prolog.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, 0) }
        guard prologCount >= 0 else {
            log.error(.wholeFile(path), InputFile.Failure.reading.message)
            return
        }
        prolog.removeSubrange(prologCount...)
        if let doctype = XMLSafety.doctypeLocation(in: prolog) {
            log.error(file: path, line: doctype.line, column: doctype.column,
                      "a <!DOCTYPE> is not allowed in a deals file (DTDs and entities are refused)")
            return
        }
        comp_xml_silence_generic_errors()
        withoutActuallyEscaping(body) { body in
            let walk = DealWalk(path: path, log: log, wantsDeal: wantsDeal, body: body)
            var handler = DealWalk.handler()
            guard let parser = xmlCreatePushParserCtxt(&handler, Unmanaged.passUnretained(walk).toOpaque(), nil, 0, path) else {
                log.error(.wholeFile(path), "the XML parser could not be started (out of memory?)")
                return
            }
            defer { xmlFreeParserCtxt(parser) }
            xmlCtxtUseOptions(parser, XMLSafety.parserOptions)
            walk.parser = parser
            var chunk = [UInt8](repeating: 0, count: 1 << 18)
            while parser.pointee.disableSAX == 0 {
                let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
                guard count >= 0 else {
                    log.error(.wholeFile(path), InputFile.Failure.reading.message)
                    return
                }
                chunk.withUnsafeBytes { bytes in
                    _ = xmlParseChunk(parser, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(count), count == 0 ? 1 : 0)
                }
                if count == 0 { break }
            }
            walk.finish()
        }
    }

    /// What the SAX callbacks of one file share: where the walk is, and the deal being copied out.
    private final class DealWalk {
        let path: String
        let log: DiagnosticLog
        let body: (DealElement) -> Void
        /// Whether to look at a deal, asked with its id (nil: every deal is).
        let wantsDeal: ((UnsafeBufferPointer<UInt8>) -> Bool)?
        let collector: XMLErrorCollector
        var parser: xmlParserCtxtPtr?
        private var element = DealElement()
        private var inDeal = false
        /// Inside a `<deal>` that `wantsDeal` refused: nothing in it is looked at.
        private var passingOver = false
        private var depth = 0
        private var dealCount = 0
        private var sawRoot = false
        /// The walk stopped at a problem that makes the rest of the file meaningless (the wrong
        /// root, too many deals): nothing after it is reported.
        private var abandoned = false
        /// Whether the text since the last tag has been reported (libxml2 may hand it over in pieces).
        private var textReported = false
        /// Where the text handed over so far since the last tag, comment or processing instruction ends.
        private var textPosition = (line: 1, column: 1)

        init(path: String, log: DiagnosticLog, wantsDeal: ((UnsafeBufferPointer<UInt8>) -> Bool)?, body: @escaping (DealElement) -> Void) {
            self.path = path
            self.log = log
            self.wantsDeal = wantsDeal
            self.body = body
            collector = XMLErrorCollector(path: path)
        }

        static func handler() -> xmlSAXHandler {
            var handler = xmlSAXHandler()
            handler.initialized = XML_SAX2_MAGIC
            handler.startElementNs = { walk, name, _, _, _, _, attributeCount, _, attributes in
                DealWalk.of(walk).start(name, attributes: UnsafeBufferPointer(start: attributes, count: 5 * Int(attributeCount)))
            }
            handler.endElementNs = { walk, name, _, _ in DealWalk.of(walk).end(name) }
            handler.characters = { walk, text, count in DealWalk.of(walk).text(UnsafeBufferPointer(start: text, count: Int(count))) }
            handler.ignorableWhitespace = handler.characters
            handler.cdataBlock = { walk, _, _ in DealWalk.of(walk).text(nil) }
            handler.comment = { walk, _ in DealWalk.of(walk).afterMarkup() }
            handler.processingInstruction = { walk, _, _ in DealWalk.of(walk).afterMarkup() }
            handler.serror = { walk, error in
                guard let walk, let error else { return }
                DealWalk.of(walk).collector.record(error.pointee)
            }
            return handler
        }

        private static func of(_ pointer: UnsafeMutableRawPointer?) -> DealWalk {
            Unmanaged<DealWalk>.fromOpaque(pointer!).takeUnretainedValue()
        }

        private func start(_ name: UnsafePointer<xmlChar>?, attributes: UnsafeBufferPointer<UnsafePointer<xmlChar>?>) {
            defer { depth += 1 }
            // libxml2 calls back at the tag's `>`: what follows starts one column on.
            let end = parserPosition()
            (textReported, textPosition) = (false, (end.line, end.column + 1))
            /// Calls `body` with each attribute's local name and value (libxml2 gives five pointers an attribute).
            func forEachAttribute(_ body: (UnsafePointer<xmlChar>, UnsafeBufferPointer<xmlChar>) -> Void) {
                for first in stride(from: 0, to: attributes.count, by: 5) {
                    let value = attributes[first + 3]!
                    body(attributes[first]!, UnsafeBufferPointer(start: value, count: attributes[first + 4]! - value))
                }
            }
            if depth == 0 {
                guard named(name, "deals") else {
                    problem("the root element must be <deals>, not <\(text(name))>", at: tagStart())
                    abandon()
                    return
                }
                sawRoot = true
            } else if depth == 1 && named(name, "deal") {
                dealCount += 1
                guard dealCount <= InputFile.maxRecords else {
                    problem("the file has more than \(InputFile.maxRecords) <deal> elements, the most comp reads from one file (split it)")
                    abandon()
                    return
                }
                if let wantsDeal {
                    // A deal without an id, or with a reference in it, is read in full (its id decoded).
                    var wanted = true
                    forEachAttribute { attribute, value in
                        if named(attribute, "id") && !value.contains(UInt8(ascii: "&")) { wanted = wantsDeal(value) }
                    }
                    guard wanted else {
                        passingOver = true
                        return
                    }
                }
                let position = tagStart() ?? parserPosition()
                element.start(line: position.line, column: position.column)
                inDeal = true
                forEachAttribute { attribute, value in
                    if let number = dealAttribute(attribute) {
                        element.spans[number] = element.keep(value)
                    } else {
                        problem("<deal> has an unknown attribute '\(text(attribute))'")
                    }
                }
            } else if depth == 2 && passingOver {
                return
            } else if depth == 2 && inDeal && named(name, "credit") {
                var rep: Range<Int>?
                var percent: Range<Int>?
                forEachAttribute { attribute, value in
                    if named(attribute, "rep") {
                        rep = element.keep(value)
                    } else if named(attribute, "percent") {
                        percent = element.keep(value)
                    } else {
                        problem("<credit> has an unknown attribute '\(text(attribute))'")
                    }
                }
                if rep == nil { problem("<credit> needs a rep attribute") }
                // One past the limit is kept, for DealRules to report; more would only take memory.
                if element.credits.count <= DealRules.maxSplits { element.credits.append((rep ?? 0..<0, percent)) }
            } else {
                problem("unexpected element <\(text(name))> (a deals file holds <deals><deal><credit/></deal></deals>)", at: tagStart())
            }
        }

        private func end(_ name: UnsafePointer<xmlChar>?) {
            depth -= 1
            afterMarkup()
            if depth == 1 && named(name, "deal") && inDeal {
                body(element)
                inDeal = false
            }
            if depth == 1 { passingOver = false }
        }

        /// After an end tag, a comment or a processing instruction (libxml2 calls back past them).
        private func afterMarkup() {
            (textReported, textPosition) = (false, parserPosition())
        }

        /// Text or CDATA (nil): deal fields are attributes, so only blanks may stand between tags.
        /// Reported once between two tags, where its first character that is not blank stands.
        private func text(_ text: UnsafeBufferPointer<xmlChar>?) {
            guard !textReported else { return }
            for byte in text ?? UnsafeBufferPointer(start: nil, count: 0) {
                switch byte {
                case 0x0A: textPosition = (textPosition.line + 1, 1)
                case 0x20, 0x09, 0x0D: textPosition.column += 1
                default:
                    report()
                    return
                }
            }
            if text == nil { report() }
            func report() {
                textReported = true
                problem("unexpected text in a deals file (deal fields are attributes)", at: textPosition)
            }
        }

        /// Reports what libxml2 found, unless the walk was abandoned.
        func finish() {
            guard !abandoned else { return }
            if parser?.pointee.wellFormed == 0 && collector.problems.isEmpty { problem("the XML is not well-formed") }
            collector.report(to: log, source: XMLSourceText(bytes: []))
            if !sawRoot && collector.problems.isEmpty {
                log.error(file: path, line: 1, column: 1, "the file has no <deals> root element")
            }
        }

        private func abandon() {
            abandoned = true
            xmlStopParser(parser)
        }

        /// Problems inside a `<deal>` point at the deal's start tag (§7), others at `position` or
        /// else the parser's.
        private func problem(_ message: String, at position: (line: Int, column: Int)? = nil) {
            let position = inDeal ? (line: element.line, column: element.column) : position ?? parserPosition()
            log.error(file: path, line: position.line, column: position.column, message)
        }

        private func parserPosition() -> (line: Int, column: Int) {
            guard let input = parser?.pointee.input?.pointee else { return (1, 1) }
            return (max(Int(input.line), 1), max(Int(input.col), 1))
        }

        /// Where the start tag just parsed begins, its `<`. libxml2 calls back with its input at the
        /// tag's end (`>` or `/>`), the whole tag still in its buffer; the `<` is the last one
        /// before (an attribute value holds no raw `<`).
        private func tagStart() -> (line: Int, column: Int)? {
            guard let input = parser?.pointee.input?.pointee, let base = input.base, let cursor = input.cur else { return nil }
            var tag = cursor
            while tag > base && tag.pointee != UInt8(ascii: "<") { tag -= 1 }
            return tag.pointee == UInt8(ascii: "<") ? position(of: tag) : nil
        }

        /// The line and column of a byte of the parser's input buffer before its position, worked
        /// out back from that position, whose line libxml2 keeps in full (a node keeps only 16
        /// bits of it). Columns count characters, as libxml2's do. Nil for a byte outside the buffer.
        private func position(of byte: UnsafePointer<xmlChar>) -> (line: Int, column: Int)? {
            guard let input = parser?.pointee.input?.pointee, let base = input.base, let cursor = input.cur,
                  byte >= base && byte <= cursor else { return nil }
            let end = parserPosition()
            let between = UnsafeBufferPointer(start: byte, count: cursor - byte)
            let newlines = between.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            func characters(_ bytes: UnsafeBufferPointer<UInt8>) -> Int { bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
            if newlines == 0 { return (end.line, max(end.column - characters(between), 1)) }
            var lineStart = byte
            while lineStart > base && (lineStart - 1).pointee != 0x0A { lineStart -= 1 }
            let known = lineStart > base || input.consumed == 0
            return (max(end.line - newlines, 1), known ? characters(UnsafeBufferPointer(start: lineStart, count: byte - lineStart)) + 1 : 1)
        }

        private func text(_ name: UnsafePointer<xmlChar>?) -> String { name.map { String(cString: $0) } ?? "" }
    }

    /// Whether a name from libxml2 is `literal`.
    private static func named(_ name: UnsafePointer<xmlChar>?, _ literal: StaticString) -> Bool {
        name.map { xmlStrEqual($0, literal.utf8Start) == 1 } ?? false
    }
}
