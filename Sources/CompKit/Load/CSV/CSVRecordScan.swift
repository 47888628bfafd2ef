#if canImport(Glibc)
import Glibc
#endif

/// Finds one CSV record in a buffer and splits it into fields, by the rules `CSVReader` reads a
/// file with (RFC 4180: quoted fields may hold commas, doubled quotes and line ends; a CR counts as
/// a line end only before LF; blank lines are skipped). This is the deals' bulk reader: a record
/// without quotes is split eight bytes at a time, a line whose quotes only open and close fields
/// (a CRM export's) field by field with each field's end found eight bytes at a time, a quoted
/// field without doubled quotes is handed out where it lies, and only a field with doubled quotes
/// is copied (into `scratch`), unescaped.
enum CSVRecordScan {
    /// What the bytes from a record's start hold.
    enum Outcome {
        /// A record of `fieldCount` fields (the first `capacity` of them in `fields`), `lineEnds`
        /// line ends long with its own; the next record starts at `next`.
        case record(next: Int, lineEnds: Int, fieldCount: Int)
        /// A blank line.
        case blank(next: Int)
        /// The record goes on past the bytes given: read more (never returned when `atEnd`).
        case incomplete
        /// Malformed CSV, `lineEnds` line ends after the record's first line, in field `field`.
        case malformed(lineEnds: Int, field: Int, message: String)
    }

    /// Whether `bytes` hold a quote: `split` is told when a chunk holds none (a file written without
    /// quotes), so that its records are not each searched for one.
    static func mayHoldQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, Int32(UInt8(ascii: "\"")), bytes.count) != nil
    }

    /// Splits the record that starts at `start`. `fields` has room for `capacity` fields (later
    /// ones are only counted, or with `stopsAtCapacity` no longer looked for once `capacity` are
    /// found: `fieldCount` is then exact below `capacity` and at least `capacity` otherwise);
    /// `atEnd` says that no bytes follow `bytes` in the file. `mayHoldQuotes` false says the caller
    /// found no quote in `bytes` with `mayHoldQuotes(_:)`.
    @inline(__always)
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool,
                      into fields: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>, capacity: Int, scratch: ByteScratch,
                      mayHoldQuotes: Bool = true, stopsAtCapacity: Bool = false) -> Outcome {
        let end = bytes.count
        if bytes[start] == 0x0A { return .blank(next: start + 1) }
        if bytes[start] == 0x0D, start + 1 < end, bytes[start + 1] == 0x0A { return .blank(next: start + 2) }
        let base = UnsafeRawPointer(bytes.baseAddress!)
        var lineEnd = end
        if let newline = memchr(base + start, 0x0A, end - start) {
            lineEnd = UnsafeRawPointer(newline) - base
        } else if !atEnd {
            return .incomplete
        }
        if mayHoldQuotes && memchr(base + start, Int32(UInt8(ascii: "\"")), lineEnd - start) != nil {
            if lineEnd < end, let record = simplyQuoted(bytes, from: start, lineEnd: lineEnd, into: fields, capacity: capacity) {
                return record
            }
            return quoted(bytes, from: start, atEnd: atEnd, into: fields, capacity: capacity, scratch: scratch)
        }
        // A CR counts as a line end only before LF; a lone CR at the end of the file is data.
        var valueEnd = lineEnd
        if lineEnd < end && valueEnd > start && bytes[valueEnd - 1] == 0x0D { valueEnd -= 1 }
        var field = 0
        var fieldStart = start
        @inline(__always) func close(at position: Int) {
            if field < capacity { fields[field] = UnsafeBufferPointer(rebasing: bytes[fieldStart..<position]) }
            field += 1
            fieldStart = position + 1
        }
        // Commas eight bytes at a time (a comma is a zero byte of the word XOR ",,,,,,,,"), the
        // last few bytes one by one.
        var wordStart = start
        while wordStart + 8 <= valueEnd {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: wordStart, as: UInt64.self)) ^ 0x2C2C_2C2C_2C2C_2C2C
            var commas = ByteWord.zeroBytes(word)
            while commas != 0 {
                close(at: wordStart + commas.trailingZeroBitCount / 8)
                commas &= commas &- 1
            }
            wordStart += 8
            if stopsAtCapacity && field >= capacity { break }
        }
        if !stopsAtCapacity || field < capacity {
            for position in wordStart..<valueEnd where bytes[position] == UInt8(ascii: ",") { close(at: position) }
            close(at: valueEnd)
        }
        return .record(next: lineEnd < end ? lineEnd + 1 : end, lineEnds: lineEnd < end ? 1 : 0, fieldCount: field)
    }

    /// The record on the line `[start, lineEnd)` (`lineEnd` a line feed) when its quoted fields hold
    /// no quote and no line end, as CRM exports write every field: field by field, each field's end
    /// found eight bytes at a time. Nil for any other line (a doubled quote, a line end inside
    /// quotes, a stray quote), which `quoted` reads by the whole rule. Not inlined: `split` stays
    /// small enough to be inlined into its callers' loops over unquoted records.
    @inline(never)
    static func simplyQuoted(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, lineEnd: Int,
                             into fields: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>, capacity: Int) -> Outcome? {
        let base = UnsafeRawPointer(bytes.baseAddress!)
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        let valueEnd = bytes[lineEnd - 1] == 0x0D ? lineEnd - 1 : lineEnd
        /// The first quote (or, with `orComma`, quote or comma) at or after `from`; `valueEnd` when
        /// there is none before it. Words may be read past `valueEnd`, never past the buffer.
        @inline(__always) func stop(from: Int, orComma: Bool) -> Int {
            var at = from
            while at + 8 <= bytes.count {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
                var hits = ByteWord.zeroBytes(word ^ 0x2222_2222_2222_2222)
                if orComma { hits |= ByteWord.zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C) }
                if hits != 0 { return min(at + hits.trailingZeroBitCount / 8, valueEnd) }
                if at + 8 >= valueEnd { return valueEnd }
                at += 8
            }
            while at < valueEnd && bytes[at] != quote && !(orComma && bytes[at] == comma) { at += 1 }
            return at
        }
        var field = 0, position = start
        while true {
            let from: Int, to: Int
            if position < valueEnd && bytes[position] == quote {
                from = position + 1
                to = stop(from: from, orComma: false)
                guard to < valueEnd else { return nil }
                position = to + 1
            } else {
                from = position
                to = stop(from: from, orComma: true)
                position = to
            }
            if field < capacity { fields[field] = UnsafeBufferPointer(rebasing: bytes[from..<to]) }
            field += 1
            if position == valueEnd { return .record(next: lineEnd + 1, lineEnds: 1, fieldCount: field) }
            // A comma, or this is no simple line: a doubled quote or text after a closing quote, a
            // quote inside an unquoted field.
            guard bytes[position] == comma else { return nil }
            position += 1
        }
    }

    /// A record with a quote somewhere: field by field, a quoted field's closing quote found with memchr.
    static func quoted(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool,
                       into fields: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>, capacity: Int,
                       scratch: ByteScratch) -> Outcome {
        let end = bytes.count
        let base = UnsafeRawPointer(bytes.baseAddress!)
        let quote = UInt8(ascii: "\"")
        var lineEnds = 0
        var field = 0
        var position = start
        scratch.count = 0
        // Fields unescaped into `scratch`: (field, offset, count), pointed at once the record is whole.
        var copied: [(field: Int, offset: Int, count: Int)] = []
        func finish(next: Int) -> Outcome {
            for copy in copied where copy.field < capacity {
                fields[copy.field] = UnsafeBufferPointer(start: scratch.base + copy.offset, count: copy.count)
            }
            return .record(next: next, lineEnds: lineEnds, fieldCount: field)
        }
        while true {
            if position < end && bytes[position] == quote {
                // Quoted: runs to a quote that is not doubled.
                let contentStart = position + 1
                var search = contentStart
                var escaped = false
                var closing = -1
                while closing < 0 {
                    guard let found = memchr(base + search, Int32(quote), end - search) else {
                        if !atEnd { return .incomplete }
                        return .malformed(lineEnds: 0, field: field + 1, message: "a quoted field is not closed before the end of the file")
                    }
                    let at = UnsafeRawPointer(found) - base
                    if at + 1 < end && bytes[at + 1] == quote {
                        escaped = true
                        search = at + 2
                    } else if at + 1 == end && !atEnd {
                        return .incomplete
                    } else {
                        closing = at
                    }
                }
                lineEnds += ByteWord.count(0x0A, in: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[contentStart..<closing]))
                if escaped {
                    let offset = scratch.count
                    var from = contentStart
                    while from < closing {
                        let next = (bytes[from..<closing].firstIndex(of: quote) ?? closing)
                        scratch.append(UnsafeBufferPointer(rebasing: bytes[from..<next]))
                        if next < closing { scratch.append(CollectionOfOne(quote)) }
                        from = next + 2
                    }
                    copied.append((field, offset, scratch.count - offset))
                } else if field < capacity {
                    fields[field] = UnsafeBufferPointer(rebasing: bytes[contentStart..<closing])
                }
                field += 1
                position = closing + 1
                guard position < end else { return finish(next: end) }
                switch bytes[position] {
                case UInt8(ascii: ","):
                    position += 1
                case 0x0A:
                    lineEnds += 1
                    return finish(next: position + 1)
                case 0x0D where position + 1 < end && bytes[position + 1] == 0x0A:
                    lineEnds += 1
                    return finish(next: position + 2)
                case 0x0D where position + 1 == end && !atEnd:
                    return .incomplete
                default:
                    return .malformed(lineEnds: lineEnds, field: field, message: "unexpected text after a closing quote")
                }
            } else {
                // Unquoted: runs to a comma or the line end; a quote inside is malformed.
                var at = position
                while at < end {
                    let byte = bytes[at]
                    if byte == UInt8(ascii: ",") || byte == 0x0A || byte == quote { break }
                    if byte == 0x0D && at + 1 < end && bytes[at + 1] == 0x0A { break }
                    if byte == 0x0D && at + 1 == end && !atEnd { return .incomplete }
                    at += 1
                }
                if at == end && !atEnd { return .incomplete }
                if at < end && bytes[at] == quote {
                    return .malformed(lineEnds: lineEnds, field: field + 1,
                                      message: "a quote inside an unquoted field (quote the whole field and double the quote)")
                }
                if field < capacity { fields[field] = UnsafeBufferPointer(rebasing: bytes[position..<at]) }
                field += 1
                guard at < end else { return finish(next: end) }
                switch bytes[at] {
                case UInt8(ascii: ","):
                    position = at + 1
                case 0x0A:
                    lineEnds += 1
                    return finish(next: at + 1)
                default:  // CR LF
                    lineEnds += 1
                    return finish(next: at + 2)
                }
            }
        }
    }
}
