/// libFuzzer target: deals.xml through libxml2's xmlTextReader and the credit pass, as every command reads it (§2.2).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDealsXML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    Fuzz.creditDeals(UnsafeRawBufferPointer(start: data, count: size), name: "deals.xml")
    return 0
}
