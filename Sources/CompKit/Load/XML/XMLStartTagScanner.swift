#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the line and column of start tags in a streamed XML file, for the elements whose line
/// libxml2 cannot give: it keeps an element's line in 16 bits, so every element past line 65 535
/// reports 65 535 (the errors of a large deals.xml would all point there).
///
/// It reads the file alongside the parser, once and forwards, skipping comments, CDATA sections,
/// processing instructions and quoted attribute values. It is asked only about elements libxml2
/// has already read, so the text up to them is well-formed XML.
///
/// Its state is exempt from the runtime's exclusivity checks, which would otherwise be paid on
/// every byte: a scanner is used by the one thread reading its file.
final class XMLStartTagScanner {
    private let descriptor: Int32
    @exclusivity(unchecked) private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    @exclusivity(unchecked) private var index = 0
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private var line = 1
    @exclusivity(unchecked) private var lineStart = 0  // bytes read before the current line
    @exclusivity(unchecked) private var consumed = 0   // bytes read before `buffer[index]`
    @exclusivity(unchecked) private var depth = 0
    @exclusivity(unchecked) private var matches = 0

    init?(path: String) {
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
    }

    deinit { close(descriptor) }

    /// Where the `ordinal`-th (1-based) start tag named `name` at `depth` (0: the root) begins;
    /// ordinals must be asked in increasing order. Nil when the file holds no such tag.
    func position(ofStartTag name: String, depth wanted: Int, ordinal: Int) -> (line: Int, column: Int)? {
        let name = Array(name.utf8)
        while matches < ordinal {
            guard let tag = nextStartTag() else { return nil }
            if tag.depth == wanted && tag.name == name { matches += 1 }
            if matches == ordinal { return (tag.line, tag.column) }
        }
        return nil
    }

    private func byte() -> UInt8? {
        if index == end {
            consumed += end
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            (index, end) = (0, count)
        }
        let byte = buffer[index]
        index += 1
        if byte == 0x0A {
            line += 1
            lineStart = consumed + index
        }
        return byte
    }

    /// Reads up to and including `terminator` (e.g. `-->`); false at the end of the file.
    private func skip(through terminator: [UInt8]) -> Bool {
        var window: [UInt8] = []
        while let byte = byte() {
            window.append(byte)
            if window.count > terminator.count { window.removeFirst() }
            if window == terminator { return true }
        }
        return false
    }

    /// The next start tag: its local name (after any prefix), depth and where its `<` is.
    private func nextStartTag() -> (name: [UInt8], depth: Int, line: Int, column: Int)? {
        while let byte = byte() {
            guard byte == UInt8(ascii: "<") else { continue }
            let (line, column) = (self.line, consumed + index - lineStart)
            guard let first = self.byte() else { return nil }
            switch first {
            case UInt8(ascii: "?"):
                guard skip(through: Array("?>".utf8)) else { return nil }
            case UInt8(ascii: "!"):
                guard let second = self.byte() else { return nil }
                let terminator = second == UInt8(ascii: "-") ? "-->" : second == UInt8(ascii: "[") ? "]]>" : ">"
                guard skip(through: Array(terminator.utf8)) else { return nil }
            case UInt8(ascii: "/"):
                depth -= 1
                guard skip(through: [UInt8(ascii: ">")]) else { return nil }
            default:
                var name = [first]
                var quote: UInt8?
                var previous = first
                var inName = true
                while let byte = self.byte() {
                    if let open = quote {
                        if byte == open { quote = nil }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    } else if byte == UInt8(ascii: ">") {
                        let tagDepth = depth
                        if previous != UInt8(ascii: "/") { depth += 1 }
                        if let colon = name.lastIndex(of: UInt8(ascii: ":")) { name.removeSubrange(...colon) }
                        return (name, tagDepth, line, column)
                    }
                    if inName {
                        switch byte {
                        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "/"): inName = false
                        default: name.append(byte)
                        }
                    }
                    previous = byte
                }
                return nil
            }
        }
        return nil
    }
}
