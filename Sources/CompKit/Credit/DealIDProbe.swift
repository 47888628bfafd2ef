#if canImport(Glibc)
import Glibc
#endif

/// The exact check after the credit pass: reads a byte range of a deals file again, looking only
/// at the id column, and collects the bytes and lines of every id whose fingerprint the filter was
/// unsure of.
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

    /// The ids among `fingerprints` of the records starting in `[start, end)` (`start` is a
    /// record's start), with their lines counted from the range's first (0). Throws
    /// `InputFile.Failure` when reading fails.
    static func ids(descriptor: Int32, start: Int, end: Int, columns: DealColumns,
                    fingerprints: Fingerprints) throws -> [(id: [UInt8], line: Int)] {
        var found: [(id: [UInt8], line: Int)] = []
        var buffer = [UInt8](repeating: 0, count: min(4 << 20, end - start + 4096))
        let fields = UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>.allocate(capacity: columns.id + 1)
        defer { fields.deallocate() }
        let scratch = ByteScratch()
        var carried = 0
        var offset = start
        var line = 0
        while offset < end || carried > 0 {
            // Read past `end` only to finish the last record that starts before it.
            let count = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + carried, raw.count - carried, off_t(offset))
            }
            guard count >= 0 else { throw InputFile.Failure.reading }
            let filled = carried + count
            let atEnd = count == 0
            let recordsStart = offset - carried
            offset += count
            var stop = false
            let used = buffer.withUnsafeBufferPointer { all -> Int in
                let bytes = UnsafeBufferPointer(rebasing: all[0..<filled])
                let mayHoldQuotes = CSVRecordScan.mayHoldQuotes(bytes)
                var position = 0
                while position < filled && recordsStart + position < end {
                    switch CSVRecordScan.split(bytes, from: position, atEnd: atEnd, into: fields, capacity: columns.id + 1, scratch: scratch,
                                               mayHoldQuotes: mayHoldQuotes, stopsAtCapacity: true) {
                    case .incomplete:
                        return position
                    case .malformed:
                        // The credit pass has reported it and stopped there.
                        stop = true
                        return position
                    case .blank(let next):
                        line += 1
                        position = next
                    case .record(let next, let lineEnds, let fieldCount):
                        if fieldCount > columns.id, !fields[columns.id].isEmpty,
                           fingerprints.contains(DealIDFingerprint.of(fields[columns.id])) {
                            found.append((Array(fields[columns.id]), line))
                        }
                        line += lineEnds
                        position = next
                    }
                }
                return position
            }
            if stop || recordsStart + used >= end || atEnd { break }
            if used == 0 {
                // A record longer than the buffer (the pass allowed it): make room for it.
                buffer += [UInt8](repeating: 0, count: buffer.count)
            } else {
                buffer.withUnsafeMutableBytes { raw in _ = memmove(raw.baseAddress!, raw.baseAddress! + used, filled - used) }
            }
            carried = filled - used
        }
        return found
    }
}
