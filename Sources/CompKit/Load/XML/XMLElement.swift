import CLibXML2

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
            defer { comp_xml_free(value) }
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
