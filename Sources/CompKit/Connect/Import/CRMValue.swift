import Foundation

/// How `comp import` reads a CRM's values (§8.1): dates and timestamps in a time zone, yes/no
/// flags, and free text made into a token.
enum CRMValue {
    /// The calendar date of a value in `zone`: `YYYY-MM-DD` as it is; a timestamp
    /// `YYYY-MM-DDThh:mm:ss[.fff]` with `Z` or `±hh:mm` converted into `zone`; HubSpot's
    /// `YYYY-MM-DD hh:mm`, a time in `zone` already, its date. nil when it is none of these.
    static func date(_ bytes: UnsafeBufferPointer<UInt8>, in zone: TimeZone) -> CalendarDate? {
        guard bytes.count >= 10, let day = CalendarDate(parsing: UnsafeBufferPointer(rebasing: bytes[0..<10])) else { return nil }
        if bytes.count == 10 { return day }
        let rest = Array(bytes[10...])
        if rest.count == 6, rest[0] == UInt8(ascii: " "), clock(rest, from: 1, seconds: false) != nil { return day }
        guard rest.count >= 10, rest[0] == UInt8(ascii: "T"), let seconds = clock(rest, from: 1, seconds: true) else { return nil }
        var index = 9
        if index < rest.count, rest[index] == UInt8(ascii: ".") {
            index += 1
            let digits = index
            while index < rest.count, rest[index] >= UInt8(ascii: "0"), rest[index] <= UInt8(ascii: "9") { index += 1 }
            guard index > digits else { return nil }
        }
        guard let offset = zoneOffset(Array(rest[index...])) else { return nil }
        let instant = day.dayNumber * 86_400 + seconds - offset
        let local = instant + zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
        // Floor division: a time before 1970 belongs to the day that starts before it.
        return CalendarDate(dayNumber: local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }

    /// Seconds into the day of `hh:mm` (or `hh:mm:ss`) at `start`; nil when it is not a time.
    private static func clock(_ bytes: [UInt8], from start: Int, seconds: Bool) -> Int? {
        func number(_ at: Int) -> Int? {
            guard at + 1 < bytes.count, let high = digit(bytes[at]), let low = digit(bytes[at + 1]) else { return nil }
            return high * 10 + low
        }
        guard let hours = number(start), hours < 24, bytes.count > start + 2, bytes[start + 2] == UInt8(ascii: ":"),
              let minutes = number(start + 3), minutes < 60 else { return nil }
        guard seconds else { return hours * 3600 + minutes * 60 }
        guard bytes.count > start + 5, bytes[start + 5] == UInt8(ascii: ":"), let secs = number(start + 6), secs < 61 else { return nil }
        return hours * 3600 + minutes * 60 + secs
    }

    /// `Z` → 0, `±hh:mm` or `±hhmm` → seconds east of UTC; nil otherwise.
    private static func zoneOffset(_ bytes: [UInt8]) -> Int? {
        if bytes == [UInt8(ascii: "Z")] { return 0 }
        guard let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        var digits = Array(bytes.dropFirst())
        if digits.count == 5, digits[2] == UInt8(ascii: ":") { digits.remove(at: 2) }
        let values = digits.compactMap(digit)
        guard digits.count == 4, values.count == 4 else { return nil }
        let seconds = (values[0] * 10 + values[1]) * 3600 + (values[2] * 10 + values[3]) * 60
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// Salesforce's and HubSpot's true: `true` (any case) or `1`; false: `false`, `0` or empty.
    static func flag(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch bytes.string.lowercased() {
        case "true", "1": return true
        case "false", "0", "": return false
        default: return nil
        }
    }

    /// Free text as a token: every run of characters other than ASCII letters and digits becomes
    /// one `-`, none at either end, letters kept as they are (`Existing Customer - Upgrade` →
    /// `Existing-Customer-Upgrade`); nil when nothing is left.
    static func token(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var pendingDash = false
        for byte in bytes {
            let isAlphanumeric = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            if isAlphanumeric {
                if pendingDash && !result.isEmpty { result.append(UInt8(ascii: "-")) }
                pendingDash = false
                result.append(byte)
            } else {
                pendingDash = true
            }
        }
        return result.isEmpty ? nil : String(decoding: result, as: UTF8.self)
    }
}
