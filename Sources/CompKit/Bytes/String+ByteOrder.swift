import Foundation

/// Byte-by-byte string order (§5: ids are compared byte by byte when sorting).
@inline(__always)
func byteOrder(_ lhs: String, _ rhs: String) -> Bool { byteCompare(lhs, rhs) < 0 }

/// Compares two strings byte by byte: negative, 0 or positive, like `memcmp`.
func byteCompare(_ lhs: String, _ rhs: String) -> Int {
    lhs.withUTF8Bytes { a in
        rhs.withUTF8Bytes { b in
            let common = min(a.count, b.count)
            if common > 0, let x = a.baseAddress, let y = b.baseAddress {
                let order = memcmp(x, y, common)
                if order != 0 { return Int(order) }
            }
            return a.count - b.count
        }
    }
}
