#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams the records of an RFC 4180 CSV file (§2.2): UTF-8 with an optional BOM, `\n` or
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
    private let chunk: UnsafeMutablePointer<UInt8>
    private let chunkSize: Int
    private var chunkStart = 0
    private var chunkEnd = 0
    private var atEndOfFile = false
    private var line = 1
    private var isFirstChunk = true
    /// Bytes left to read when the reader stops before the end of the file (a range of records).
    private var remaining = Int.max
    /// The current record's field bytes, one after the other; grown as needed, reused per record.
    /// Exempt from the runtime's exclusivity checks, which `field(_:)` would otherwise pay on every
    /// call: a reader is used by one thread at a time.
    @exclusivity(unchecked) private var fieldBytes = FieldBuffer()
    @exclusivity(unchecked) private var fieldEnds: [Int] = []

    /// Opens the file; throws `InputFile.Failure` when it cannot be opened. With `range`, reads only
    /// those bytes — whole records, from one that starts at `range.lowerBound` on `line`.
    init(path: String, chunkSize: Int = 1 << 20, range: Range<Int>? = nil, line: Int = 1) throws {
        self.path = path
        descriptor = try InputFile.open(path)
        chunk = .allocate(capacity: chunkSize)
        self.chunkSize = chunkSize
        fieldEnds.reserveCapacity(32)
        if let range {
            if range.lowerBound > 0 {
                guard lseek(descriptor, off_t(range.lowerBound), SEEK_SET) >= 0 else {
                    throw InputFile.Failure(message: "cannot read the file: \(String(cString: strerror(errno)))")
                }
                isFirstChunk = false
            }
            remaining = range.count
            self.line = line
        }
    }

    deinit {
        close(descriptor)
        fieldBytes.deallocate()
        chunk.deallocate()
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
    ///
    /// The loop works on local copies of the reader's state (written back on the way out), so
    /// the optimiser keeps them in registers instead of checking access to the object per byte.
    func next() throws -> Bool {
        var bytes = fieldBytes
        var ends = fieldEnds
        var position = chunkStart
        var end = chunkEnd
        var currentLine = line
        defer {
            fieldBytes = bytes
            fieldEnds = ends
            chunkStart = position
            line = currentLine
        }
        while true {
            bytes.count = 0
            ends.removeAll(keepingCapacity: true)
            recordLine = currentLine
            var state = State.fieldStart
            var sawAnyByte = false
            recordLoop: while true {
                if position == end {
                    chunkStart = position
                    try refill()
                    position = chunkStart
                    end = chunkEnd
                    if position == end {
                        switch state {
                        case .quoted:
                            throw FormatError(line: recordLine, field: ends.count + 1,
                                              message: "a quoted field is not closed before the end of the file")
                        case .afterCarriageReturn:
                            bytes.append(0x0D)
                        default:
                            break
                        }
                        guard sawAnyByte else { return false }
                        ends.append(bytes.count)
                        break recordLoop
                    }
                }
                let byte = chunk[position]
                position += 1
                sawAnyByte = true
                if bytes.count > CSVReader.maxRecordBytes {
                    throw FormatError(line: recordLine, field: ends.count + 1,
                                      message: "a record is longer than \(CSVReader.maxRecordBytes) bytes (is a closing quote missing?)")
                }
                switch state {
                case .fieldStart, .unquoted:
                    switch byte {
                    case UInt8(ascii: ","):
                        ends.append(bytes.count)
                        state = .fieldStart
                    case UInt8(ascii: "\n"):
                        currentLine += 1
                        ends.append(bytes.count)
                        break recordLoop
                    case UInt8(ascii: "\r"):
                        state = .afterCarriageReturn
                    case UInt8(ascii: "\""):
                        guard state == .fieldStart else {
                            throw FormatError(line: currentLine, field: ends.count + 1,
                                              message: "a quote inside an unquoted field (quote the whole field and double the quote)")
                        }
                        state = .quoted
                    default:
                        bytes.append(byte)
                        state = .unquoted
                    }
                case .quoted:
                    if byte == UInt8(ascii: "\"") {
                        state = .quoteInQuoted
                    } else {
                        if byte == UInt8(ascii: "\n") { currentLine += 1 }
                        bytes.append(byte)
                    }
                case .quoteInQuoted:
                    switch byte {
                    case UInt8(ascii: "\""):
                        bytes.append(byte)
                        state = .quoted
                    case UInt8(ascii: ","):
                        ends.append(bytes.count)
                        state = .fieldStart
                    case UInt8(ascii: "\n"):
                        currentLine += 1
                        ends.append(bytes.count)
                        break recordLoop
                    case UInt8(ascii: "\r"):
                        state = .afterCarriageReturn
                    default:
                        throw FormatError(line: currentLine, field: ends.count + 1,
                                          message: "unexpected text after a closing quote")
                    }
                case .afterCarriageReturn:
                    if byte == UInt8(ascii: "\n") {
                        currentLine += 1
                        ends.append(bytes.count)
                        break recordLoop
                    }
                    // A lone CR is data; look at this byte again as part of the field.
                    bytes.append(0x0D)
                    position -= 1
                    state = .unquoted
                }
            }
            if ends.count == 1 && bytes.isEmpty { continue }  // blank line
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
            var count: Int
            repeat {
                count = read(descriptor, chunk + chunkEnd, min(chunkSize - chunkEnd, remaining))
            } while count < 0 && errno == EINTR
            guard count >= 0 else {
                throw InputFile.Failure.reading
            }
            if count == 0 { atEndOfFile = true }
            chunkEnd += count
            remaining -= count
            if isFirstChunk {
                guard chunkEnd >= 3 || atEndOfFile else { continue }
                isFirstChunk = false
                if chunkEnd >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF { chunkStart = 3 }
            }
            if chunkStart < chunkEnd { return }
            // Only the BOM so far: read on into an empty chunk.
            chunkStart = 0
            chunkEnd = 0
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
