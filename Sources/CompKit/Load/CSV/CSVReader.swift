#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams the records of an RFC 4180 CSV file (§2.2): UTF-8 with an optional BOM, `\n` or
/// `\r\n` line ends, quoted fields holding commas, quotes and newlines, blank lines skipped.
/// Records are split by `CSVRecordScan`, the rules the deals' bulk reader uses too.
///
/// Memory stays flat whatever the file size: the file is read in fixed chunks (grown only for a
/// record longer than a chunk), and the current record's fields point into the chunk, valid until
/// the next call to `next()`.
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
    /// How many fields the current record has.
    private(set) var fieldCount = 0

    private let descriptor: Int32
    /// The bytes read and not yet split: `chunk[chunkStart..<chunkEnd]`, the next record first.
    private var chunk: UnsafeMutablePointer<UInt8>
    private var chunkCapacity: Int
    private var chunkStart = 0
    private var chunkEnd = 0
    /// Whether the bytes read so far may hold a quote (`CSVRecordScan.mayHoldQuotes`).
    private var chunkMayHoldQuotes = false
    private var atEndOfFile = false
    /// The line on which the next record starts.
    private var line = 1
    private var isFirstChunk = true
    /// Bytes left to read when the reader stops before the end of the file (a range of records).
    private var remaining = Int.max
    /// The current record's fields (`fieldCapacity` of room), and the unescaped copies of the ones
    /// with doubled quotes.
    private var fields: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>
    private var fieldCapacity = 32
    private let scratch = ByteScratch()

    /// Opens the file; throws `InputFile.Failure` when it cannot be opened. With `range`, reads only
    /// those bytes — whole records, from one that starts at `range.lowerBound` on `line`.
    init(path: String, chunkSize: Int = 1 << 20, range: Range<Int>? = nil, line: Int = 1) throws {
        self.path = path
        descriptor = try InputFile.open(path)
        chunk = .allocate(capacity: chunkSize)
        chunkCapacity = chunkSize
        fields = .allocate(capacity: fieldCapacity)
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
        fields.deallocate()
        chunk.deallocate()
    }

    /// The bytes of field `index` of the current record (quotes removed, `""` unescaped);
    /// valid until the next call to `next()`.
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(index < fieldCount, "field \(index) of a record of \(fieldCount)")
        return fields[index]
    }

    /// Advances to the next non-blank record; false at the end of the file.
    /// Throws `FormatError` for malformed CSV and `InputFile.Failure` when reading fails.
    func next() throws -> Bool {
        while true {
            if chunkStart == chunkEnd || isFirstChunk {
                guard !atEndOfFile else { return false }
                try readMore()
                continue
            }
            let bytes = UnsafeBufferPointer(start: chunk, count: chunkEnd)
            switch CSVRecordScan.split(bytes, from: chunkStart, atEnd: atEndOfFile, into: fields, capacity: fieldCapacity,
                                       scratch: scratch, mayHoldQuotes: chunkMayHoldQuotes) {
            case .incomplete:
                guard chunkEnd - chunkStart <= CSVReader.maxRecordBytes else { throw tooLong() }
                try readMore()
            case .blank(let next):
                line += 1
                chunkStart = next
            case .malformed(let lineEnds, let field, let message):
                throw FormatError(line: line + lineEnds, field: field, message: message)
            case .record(let next, let lineEnds, let count):
                guard next - chunkStart <= CSVReader.maxRecordBytes else { throw tooLong() }
                guard count <= fieldCapacity else {
                    fields.deallocate()
                    fieldCapacity = count
                    fields = .allocate(capacity: count)
                    continue  // split again with room for every field
                }
                recordLine = line
                line += lineEnds
                chunkStart = next
                fieldCount = count
                if count == 1 && fields[0].isEmpty { continue }  // a blank line, or one holding only ""
                recordCount += 1
                return true
            }
        }
    }

    private func tooLong() -> FormatError {
        FormatError(line: line, field: 1,
                    message: "a record is longer than \(CSVReader.maxRecordBytes) bytes (is a closing quote missing?)")
    }

    /// Moves the unsplit bytes to the chunk's start and reads after them, the chunk doubled when
    /// they fill it; sets `atEndOfFile` when nothing is left. A leading BOM is skipped even when it
    /// arrives in pieces (short reads from a pipe).
    private func readMore() throws {
        if chunkStart > 0 {
            _ = memmove(chunk, chunk + chunkStart, chunkEnd - chunkStart)
            chunkEnd -= chunkStart
            chunkStart = 0
        }
        if chunkEnd == chunkCapacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkCapacity * 2)
            grown.update(from: chunk, count: chunkEnd)
            chunk.deallocate()
            chunk = grown
            chunkCapacity *= 2
        }
        let kept = chunkEnd
        var count: Int
        repeat {
            count = read(descriptor, chunk + chunkEnd, min(chunkCapacity - chunkEnd, remaining))
        } while count < 0 && errno == EINTR
        guard count >= 0 else { throw InputFile.Failure.reading }
        if count == 0 { atEndOfFile = true }
        chunkEnd += count
        remaining -= count
        if isFirstChunk && (chunkEnd >= 3 || atEndOfFile) {
            isFirstChunk = false
            if chunkEnd >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF { chunkStart = 3 }
        } else if isFirstChunk {
            return  // the BOM may be incomplete: split nothing before knowing
        }
        // The bytes kept from before were looked at when they were read.
        let new = max(kept, chunkStart)
        chunkMayHoldQuotes = (kept > chunkStart && chunkMayHoldQuotes)
            || CSVRecordScan.mayHoldQuotes(UnsafeBufferPointer(start: chunk + new, count: chunkEnd - new))
    }
}
