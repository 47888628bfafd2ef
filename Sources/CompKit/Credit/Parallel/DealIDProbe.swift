#if canImport(Glibc)
import Glibc
#endif

/// The exact check after the parallel pass: reads a byte range of a deals file again, looking only
/// at the id column, and collects the bytes of every id whose fingerprint the filter was unsure of.
/// The pass has already vouched for every record (no quotes, every field there), so a record is a
/// line and its id the field after `idColumn` commas.
enum DealIDProbe {
    /// Fingerprints to look for: sorted, behind a 2^16-bit first test on the top bits.
    struct Fingerprints {
        private let sorted: [UInt64]
        private var present = [UInt64](repeating: 0, count: 1 << 10)

        init<S: Sequence>(_ fingerprints: S) where S.Element == UInt64 {
            sorted = Array(Set(fingerprints)).sorted()
            for fingerprint in sorted { present[Int(fingerprint >> 54)] |= 1 << ((fingerprint >> 48) & 63) }
        }

        var isEmpty: Bool { sorted.isEmpty }

        @inline(__always)
        func contains(_ fingerprint: UInt64) -> Bool {
            guard present[Int(fingerprint >> 54)] & (1 << ((fingerprint >> 48) & 63)) != 0 else { return false }
            var low = 0, high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle] < fingerprint { low = middle + 1 } else { high = middle }
            }
            return low < sorted.count && sorted[low] == fingerprint
        }
    }

    /// The ids among `fingerprints` of the records starting in `[start, end)` (`start` is a line
    /// start). Throws `InputFile.Failure` when reading fails.
    static func ids(descriptor: Int32, start: Int, end: Int, idColumn: Int, fingerprints: Fingerprints) throws -> [[UInt8]] {
        var found: [[UInt8]] = []
        var buffer = [UInt8](repeating: 0, count: 4 << 20)
        var carried = 0
        var offset = start
        while offset < end || carried > 0 {
            // Read past `end` only to finish the last record that starts before it.
            let count = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + carried, raw.count - carried, off_t(offset))
            }
            guard count >= 0 else { throw InputFile.Failure(message: "reading failed: \(String(cString: strerror(errno)))") }
            let filled = carried + count
            let atEnd = count == 0
            let recordsStart = offset - carried
            offset += count
            let used = buffer.withUnsafeBufferPointer { bytes -> Int in
                var lineStart = 0
                while lineStart < filled && recordsStart + lineStart < end {
                    let rest = UnsafeRawPointer(bytes.baseAddress! + lineStart)
                    var lineEnd = filled
                    if let newline = memchr(rest, 0x0A, filled - lineStart) {
                        lineEnd = lineStart + (UnsafeRawPointer(newline) - rest)
                    } else if !atEnd {
                        break
                    }
                    if let id = idField(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), column: idColumn),
                       fingerprints.contains(DealIDRegistry.fingerprint(id)) {
                        found.append(Array(id))
                    }
                    lineStart = lineEnd + 1
                }
                return min(lineStart, filled)
            }
            if recordsStart + used >= end || atEnd { break }
            if used == 0 {
                // A line longer than the buffer (the pass allowed it): make room for it.
                buffer += [UInt8](repeating: 0, count: buffer.count)
            } else {
                buffer.withUnsafeMutableBytes { raw in _ = memmove(raw.baseAddress!, raw.baseAddress! + used, filled - used) }
            }
            carried = filled - used
        }
        return found
    }

    /// The field after `column` commas of a line (without a CR before its line end); nil for a
    /// blank line or an empty field.
    @inline(__always)
    private static func idField(_ line: UnsafeBufferPointer<UInt8>, column: Int) -> UnsafeBufferPointer<UInt8>? {
        var start = 0
        for _ in 0..<column {
            guard let comma = line[start...].firstIndex(of: UInt8(ascii: ",")) else { return nil }
            start = comma + 1
        }
        var end = line[start...].firstIndex(of: UInt8(ascii: ",")) ?? line.count
        if end == line.count && end > start && line[end - 1] == 0x0D { end -= 1 }
        return end > start ? UnsafeBufferPointer(rebasing: line[start..<end]) : nil
    }
}
