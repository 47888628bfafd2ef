extension String {
    /// Calls `body` with the string's UTF-8 bytes, without the copy that `withUTF8` needs (it is
    /// `mutating`: a string passed in is first copied into a variable, retained and released, once
    /// per call; statements pass hundreds of thousands of cells and ids through here).
    @inline(__always)
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
