import CLibXML2

/// A compiled XML schema (XSD).
///
/// `@unchecked Sendable`: the compiled schema is never changed after `init`, and each validation
/// makes a validation context of its own, which libxml2 documents as the way to validate from
/// several threads with one schema.
final class XMLSchema: @unchecked Sendable {
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

    func validate(_ document: xmlDocPtr, collector: XMLErrorCollector) -> Bool {
        guard let context = xmlSchemaNewValidCtxt(schema) else { return false }
        defer { xmlSchemaFreeValidCtxt(context) }
        let unmanaged = Unmanaged.passUnretained(collector).toOpaque()
        xmlSchemaSetValidStructuredErrors(context, XMLErrorCollector.callback, unmanaged)
        return xmlSchemaValidateDoc(context, document) == 0
    }
}
