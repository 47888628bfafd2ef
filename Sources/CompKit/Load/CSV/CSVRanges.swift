#if canImport(Glibc)
import Glibc
#endif

/// Cuts a CSV file into ranges of whole records, one per core, each to be read by a reader of its
/// own (`CSVTable(continuing:range:line:)`). A cut falls just after a line end that is outside
/// quotes: the number of quotes before it is even, since a quote inside a quoted field is doubled.
enum CSVRanges {
    /// A range of the file's bytes and the line its first record starts on.
    struct Part: Equatable {
        var range: Range<Int>
        var line: Int
    }

    /// Up to `count` parts of about equal size covering the whole file, the first from its start
    /// (header included); one part for a file smaller than `minimumBytes` per part. The bytes before
    /// each cut are read once, in chunks, to count quotes and line ends.
    static func parts(path: String, count: Int, minimumBytes: Int = 4 << 20) throws -> [Part] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        var info = stat()
        guard descriptor >= 0, fstat(descriptor, &info) == 0 else {
            if descriptor >= 0 { close(descriptor) }
            throw InputFile.Failure(message: errno == ENOENT ? "file not found" : "cannot read the file: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let size = Int(info.st_size)
        let pieces = max(1, min(count, size / max(1, minimumBytes)))
        guard pieces > 1 else { return [Part(range: 0..<size, line: 1)] }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { chunk.deallocate() }
        var parts: [Part] = []
        var start = 0, startLine = 1
        var scanned = 0, quotes = 0, lineEnds = 0  // counted in the file's bytes 0..<scanned
        /// Reads the next bytes from `scanned` (at most `limit` of them); empty at the end of the file.
        func next(upTo limit: Int) throws -> UnsafeRawBufferPointer {
            var count: Int
            repeat {
                count = pread(descriptor, chunk.baseAddress, min(chunk.count, limit), off_t(scanned))
            } while count < 0 && errno == EINTR
            guard count >= 0 else { throw InputFile.Failure(message: "cannot read the file: \(String(cString: strerror(errno)))") }
            return UnsafeRawBufferPointer(rebasing: chunk[..<count])
        }
        for piece in 1..<pieces {
            let target = size / pieces * piece
            while scanned < target {
                let bytes = try next(upTo: target - scanned)
                if bytes.isEmpty { break }
                quotes += ByteWord.count(UInt8(ascii: "\""), in: bytes)
                lineEnds += ByteWord.count(UInt8(ascii: "\n"), in: bytes)
                scanned += bytes.count
            }
            // Walk on to the first line end outside quotes.
            var found = false
            while !found && scanned < size {
                let bytes = try next(upTo: size - scanned)
                if bytes.isEmpty { break }
                for byte in bytes {
                    scanned += 1
                    if byte == UInt8(ascii: "\"") { quotes += 1 }
                    if byte == UInt8(ascii: "\n") {
                        lineEnds += 1
                        if quotes % 2 == 0 {
                            found = true
                            break
                        }
                    }
                }
            }
            guard found, scanned < size else { break }
            parts.append(Part(range: start..<scanned, line: startLine))
            (start, startLine) = (scanned, lineEnds + 1)
        }
        parts.append(Part(range: start..<size, line: startLine))
        return parts
    }
}
