#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams the records of an RFC 4180 CSV file (SPEC 2.2): UTF-8 with an optional BOM, `\n` or
/// `\r\n` line ends, quoted fields holding commas, quotes and newlines, blank lines skipped.
///
/// Memory stays flat whatever the file size: the file is read in fixed chunks, and the current
/// record's fields are kept in one reused buffer, valid until the next call to `next()`.
final class CSVReader {
    /// A malformed record: where it is and why.
    struct FormatError: Error {
        let line: Int
        let field: Int
        let message: String
    }

    /// The largest record accepted, so a missing closing quote cannot swallow the machine's memory.
    static let maxRecordBytes = 1 << 20

    let path: String
    /// The physical line (1-based) on which the current record starts.
    private(set) var recordLine = 0
    /// How many records `next()` has returned.
    private(set) var recordCount = 0

    private let descriptor: Int32
    private var chunk: [UInt8]
    private var chunkStart = 0
    private var chunkEnd = 0
    private var atEndOfFile = false
    private var line = 1
    private var isFirstChunk = true
    /// The current record's field bytes, one after the other; grown as needed, reused per record.
    private var fieldBytes = FieldBuffer()
    private var fieldEnds: [Int] = []

    /// Opens the file; throws `InputFile.Failure` when it cannot be opened.
    init(path: String, chunkSize: Int = 1 << 20) throws {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputFile.Failure(message: errno == ENOENT ? "file not found" : "cannot open the file: \(String(cString: strerror(errno)))")
        }
        chunk = [UInt8](repeating: 0, count: chunkSize)
        fieldEnds.reserveCapacity(32)
    }

    deinit {
        close(descriptor)
        fieldBytes.deallocate()
    }

    var fieldCount: Int { fieldEnds.count }

    /// The bytes of field `index` of the current record (quotes removed, `""` unescaped);
    /// valid until the next call to `next()`.
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = index == 0 ? 0 : fieldEnds[index - 1]
        return UnsafeBufferPointer(start: fieldBytes.base + start, count: fieldEnds[index] - start)
    }

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted, afterCarriageReturn
    }

    /// Advances to the next non-blank record; false at the end of the file.
    /// Throws `FormatError` for malformed CSV and `InputFile.Failure` when reading fails.
    func next() throws -> Bool {
        while true {
            fieldBytes.count = 0
            fieldEnds.removeAll(keepingCapacity: true)
            recordLine = line
            var state = State.fieldStart
            var sawAnyByte = false
            recordLoop: while true {
                if chunkStart == chunkEnd {
                    try refill()
                    if chunkStart == chunkEnd {
                        switch state {
                        case .quoted:
                            throw FormatError(line: recordLine, field: fieldEnds.count + 1,
                                              message: "a quoted field is not closed before the end of the file")
                        case .afterCarriageReturn:
                            fieldBytes.append(0x0D)
                        default:
                            break
                        }
                        guard sawAnyByte else { return false }
                        fieldEnds.append(fieldBytes.count)
                        break recordLoop
                    }
                }
                let byte = chunk[chunkStart]
                chunkStart += 1
                sawAnyByte = true
                if fieldBytes.count > CSVReader.maxRecordBytes {
                    throw FormatError(line: recordLine, field: fieldEnds.count + 1,
                                      message: "a record is longer than \(CSVReader.maxRecordBytes) bytes (is a closing quote missing?)")
                }
                switch state {
                case .fieldStart, .unquoted:
                    switch byte {
                    case UInt8(ascii: ","):
                        fieldEnds.append(fieldBytes.count)
                        state = .fieldStart
                    case UInt8(ascii: "\n"):
                        line += 1
                        fieldEnds.append(fieldBytes.count)
                        break recordLoop
                    case UInt8(ascii: "\r"):
                        state = .afterCarriageReturn
                    case UInt8(ascii: "\""):
                        guard state == .fieldStart else {
                            throw FormatError(line: line, field: fieldEnds.count + 1,
                                              message: "a quote inside an unquoted field (quote the whole field and double the quote)")
                        }
                        state = .quoted
                    default:
                        fieldBytes.append(byte)
                        state = .unquoted
                    }
                case .quoted:
                    if byte == UInt8(ascii: "\"") {
                        state = .quoteInQuoted
                    } else {
                        if byte == UInt8(ascii: "\n") { line += 1 }
                        fieldBytes.append(byte)
                    }
                case .quoteInQuoted:
                    switch byte {
                    case UInt8(ascii: "\""):
                        fieldBytes.append(byte)
                        state = .quoted
                    case UInt8(ascii: ","):
                        fieldEnds.append(fieldBytes.count)
                        state = .fieldStart
                    case UInt8(ascii: "\n"):
                        line += 1
                        fieldEnds.append(fieldBytes.count)
                        break recordLoop
                    case UInt8(ascii: "\r"):
                        state = .afterCarriageReturn
                    default:
                        throw FormatError(line: line, field: fieldEnds.count + 1,
                                          message: "unexpected text after a closing quote")
                    }
                case .afterCarriageReturn:
                    if byte == UInt8(ascii: "\n") {
                        line += 1
                        fieldEnds.append(fieldBytes.count)
                        break recordLoop
                    }
                    // A lone CR is data; look at this byte again as part of the field.
                    fieldBytes.append(0x0D)
                    chunkStart -= 1
                    state = .unquoted
                }
            }
            if fieldEnds.count == 1 && fieldBytes.isEmpty { continue }  // blank line
            recordCount += 1
            return true
        }
    }

    /// Reads the next chunk; leaves `chunkStart == chunkEnd` only at the end of the file. A leading
    /// BOM is skipped even when it arrives in pieces (short reads from a pipe).
    private func refill() throws {
        chunkStart = 0
        chunkEnd = 0
        while !atEndOfFile {
            let count = chunk.withUnsafeMutableBytes { buffer -> Int in
                var result: Int
                repeat {
                    result = read(descriptor, buffer.baseAddress! + chunkEnd, buffer.count - chunkEnd)
                } while result < 0 && errno == EINTR
                return result
            }
            guard count >= 0 else {
                throw InputFile.Failure(message: "reading failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 { atEndOfFile = true }
            chunkEnd += count
            if isFirstChunk {
                guard chunkEnd >= 3 || atEndOfFile else { continue }
                isFirstChunk = false
                if chunkEnd >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF { chunkStart = 3 }
            }
            if chunkStart < chunkEnd { return }
        }
    }
}

/// A growable byte buffer whose memory stays put between growths, so fields can be handed out as
/// buffer pointers without copying.
private struct FieldBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    var count = 0

    init() {
        capacity = 4096
        base = .allocate(capacity: capacity)
    }

    var isEmpty: Bool { count == 0 }

    mutating func append(_ byte: UInt8) {
        if count == capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        base[count] = byte
        count += 1
    }

    func deallocate() { base.deallocate() }
}
