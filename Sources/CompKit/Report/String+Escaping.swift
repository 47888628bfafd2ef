extension String {
    /// The text with every ASCII byte for which `replacement` gives a string replaced by it. Bytes
    /// of multi-byte characters are never ASCII, so they pass through untouched; text without
    /// anything to replace is returned as it is, which is the common case for names and amounts.
    func escaped(_ replacement: (UInt8) -> String?) -> String {
        guard utf8.contains(where: { $0 < 0x80 && replacement($0) != nil }) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            if byte < 0x80, let text = replacement(byte) { bytes += text.utf8 } else { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
