/// libFuzzer target: deals.xml through `DealXMLReader` (libxml2's xmlTextReader), as a run reads it (§2.2).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDealsXML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    Fuzz.readDeals(UnsafeRawBufferPointer(start: data, count: size), name: "deals.xml",
                   read: DealXMLReader.read, forEachID: DealXMLReader.forEachID)
    return 0
}
