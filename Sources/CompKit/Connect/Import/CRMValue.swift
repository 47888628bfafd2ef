import Foundation

/// How `comp import` reads a CRM's values (§8.1): dates and timestamps in a time zone, yes/no
/// flags, and free text made into a token. Each reads the field's bytes as they are, without
/// making strings: an export has millions of rows.
struct CRMValue {
    let zone: TimeZone
    /// UTC (or a zone that never leaves it): no look-up of offsets.
    private let isUTC: Bool
    /// The zone's offset (seconds east of UTC) by half hour since 1970, as found so far.
    private var offsets: [Int: Int] = [:]

    init(zone: TimeZone) {
        self.zone = zone
        isUTC = zone.secondsFromGMT() == 0 && zone.nextDaylightSavingTimeTransition == nil
    }

    /// The calendar date of a value in the zone: `YYYY-MM-DD` as it is; a timestamp
    /// `YYYY-MM-DDThh:mm:ss[.fff]` with `Z` or `±hh:mm` converted into the zone; HubSpot's
    /// `YYYY-MM-DD hh:mm`, a time in the zone already, its date. nil when it is none of these.
    mutating func date(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        guard bytes.count >= 10, let day = CalendarDate(parsing: UnsafeBufferPointer(rebasing: bytes[0..<10])) else { return nil }
        if bytes.count == 10 { return day }
        let at = bytes.startIndex + 10
        if bytes.count == 16, bytes[at] == UInt8(ascii: " "), CRMValue.clock(bytes, from: at + 1, seconds: false) != nil { return day }
        guard bytes.count >= 20, bytes[at] == UInt8(ascii: "T"), let seconds = CRMValue.clock(bytes, from: at + 1, seconds: true) else { return nil }
        var index = at + 9
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digits = index
            while index < bytes.endIndex, CRMValue.digit(bytes[index]) != nil { index += 1 }
            guard index > digits else { return nil }
        }
        guard let offset = CRMValue.zoneOffset(UnsafeBufferPointer(rebasing: bytes[index...])) else { return nil }
        let instant = day.dayNumber * 86_400 + seconds - offset
        let local = instant + offsetOfZone(at: instant)
        // Floor division: a time before 1970 belongs to the day that starts before it.
        return CalendarDate(dayNumber: local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }

    /// The zone's offset at an instant. Offsets change on the hour or half hour, so they are kept
    /// by half hour.
    private mutating func offsetOfZone(at instant: Int) -> Int {
        guard !isUTC else { return 0 }
        let halfHour = instant >= 0 ? instant / 1800 : (instant - 1799) / 1800
        if let known = offsets[halfHour] { return known }
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(halfHour * 1800)))
        offsets[halfHour] = offset
        return offset
    }

    /// Seconds into the day of `hh:mm` (or `hh:mm:ss`) at `start`; nil when it is not a time.
    private static func clock(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, seconds: Bool) -> Int? {
        func number(_ at: Int) -> Int? {
            guard at + 1 < bytes.endIndex, let high = digit(bytes[at]), let low = digit(bytes[at + 1]) else { return nil }
            return high * 10 + low
        }
        guard let hours = number(start), hours < 24, start + 2 < bytes.endIndex, bytes[start + 2] == UInt8(ascii: ":"),
              let minutes = number(start + 3), minutes < 60 else { return nil }
        guard seconds else { return hours * 3600 + minutes * 60 }
        guard start + 5 < bytes.endIndex, bytes[start + 5] == UInt8(ascii: ":"), let secs = number(start + 6), secs < 61 else { return nil }
        return hours * 3600 + minutes * 60 + secs
    }

    /// `Z` → 0, `±hh:mm` or `±hhmm` → seconds east of UTC; nil otherwise.
    private static func zoneOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if bytes.count == 1 && bytes.first == UInt8(ascii: "Z") { return 0 }
        guard let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), bytes.count == 5 || bytes.count == 6 else { return nil }
        let start = bytes.startIndex + 1
        let positions = bytes.count == 6 ? [start, start + 1, start + 3, start + 4] : [start, start + 1, start + 2, start + 3]
        if bytes.count == 6 && bytes[start + 2] != UInt8(ascii: ":") { return nil }
        let values = positions.compactMap { digit(bytes[$0]) }
        guard values.count == 4 else { return nil }
        let seconds = (values[0] * 10 + values[1]) * 3600 + (values[2] * 10 + values[3]) * 60
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// Salesforce's and HubSpot's true: `true` (any case) or `1`; false: `false`, `0` or empty.
    static func flag(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        func spells(_ word: StaticString) -> Bool {
            bytes.count == word.utf8CodeUnitCount && zip(bytes, UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
                .allSatisfy { $0 | 0x20 == $1 }  // ASCII letters whatever their case
        }
        if bytes.count == 1 { return bytes[bytes.startIndex] == UInt8(ascii: "1") ? true : bytes[bytes.startIndex] == UInt8(ascii: "0") ? false : nil }
        if bytes.isEmpty || spells("false") { return false }
        return spells("true") ? true : nil
    }

    /// Free text as a token: every run of characters other than ASCII letters and digits becomes
    /// one `-`, none at either end, letters kept as they are (`Existing Customer - Upgrade` →
    /// `Existing-Customer-Upgrade`); nil when nothing is left.
    static func token(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingDash = false
        for byte in bytes {
            let isAlphanumeric = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            if isAlphanumeric {
                if pendingDash && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingDash = false
                out.append(byte)
            } else {
                pendingDash = true
            }
        }
        return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }
}
