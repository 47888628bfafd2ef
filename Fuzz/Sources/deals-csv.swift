/// libFuzzer target: deals.csv through the credit pass, as every command reads it (§2.2).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDealsCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    Fuzz.creditDeals(UnsafeRawBufferPointer(start: data, count: size), name: "deals.csv")
    return 0
}
