import CPlatform

/// The fx rates by `CreditIndex.rateKey`: an open-addressing table probed with a multiplicative
/// hash, cheaper per deal than a `Dictionary` with its seeded hasher.
struct FXRateLookup {
    private let keys: [Int]
    private let values: [ExactDecimal]
    private let shift: Int

    init(_ rates: [Int: ExactDecimal]) {
        var log2 = 4
        while 1 << log2 < rates.count * 2 { log2 += 1 }
        var keys = [Int](repeating: -1, count: 1 << log2), values = [ExactDecimal](repeating: .zero, count: 1 << log2)
        shift = 64 - log2
        for (key, value) in rates {
            var slot = FXRateLookup.slot(key, shift: shift)
            while keys[slot] >= 0 { slot = (slot + 1) & (keys.count - 1) }
            keys[slot] = key
            values[slot] = value
        }
        self.keys = keys
        self.values = values
    }

    @inline(__always)
    private static func slot(_ key: Int, shift: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: key) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    @inline(__always)
    func lookup(_ key: Int) -> ExactDecimal? {
        var slot = FXRateLookup.slot(key, shift: shift)
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found < 0 { return nil }
            slot = (slot + 1) & (keys.count - 1)
        }
    }
}
