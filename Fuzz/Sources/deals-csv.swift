/// libFuzzer target: deals.csv through `DealCSVReader`, as a run reads it (§2.2).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDealsCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    Fuzz.readDeals(UnsafeRawBufferPointer(start: data, count: size), name: "deals.csv",
                   read: DealCSVReader.read, forEachID: DealCSVReader.forEachID)
    return 0
}
