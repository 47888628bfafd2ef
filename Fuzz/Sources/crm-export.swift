/// libFuzzer target: a CRM export through `comp import` (§8.1), as Salesforce (with a splits export
/// cut from the same bytes) or as HubSpot, the open opportunities written too. Whatever the bytes: a
/// clear error and nothing written, or a deals.csv that comp reads back without a single problem.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCRMExport(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    // The first byte picks the CRM; a NUL byte, when there is one, starts the splits export.
    let system: CRMSystem = size > 0 && data[0] & 1 == 1 ? .hubspot : .salesforce
    let body = UnsafeRawBufferPointer(rebasing: bytes[min(1, size)...])
    let cut = body.firstIndex(of: 0) ?? body.endIndex
    let exportPath = Fuzz.file("export.csv", UnsafeRawBufferPointer(rebasing: body[..<cut]))
    var options = CRMImport.Options(system: system, exportPath: exportPath, outPath: "\(Fuzz.folder)/out/deals.csv")
    if system == .salesforce && cut < body.endIndex {
        options.splitsPath = Fuzz.file("splits.csv", UnsafeRawBufferPointer(rebasing: body[(cut + 1)...]))
    }
    options.currency = Currency(code: "USD")
    options.productField = "Product"
    options.pipeline = ("\(Fuzz.folder)/out/pipeline.csv", CalendarDate(year: 2026, month: 3, day: 1)!)
    Fuzz.removeOutput()
    do {
        let summary = try CRMImport.run(options)
        Fuzz.require(summary.dealsWritten <= summary.rowsRead, "\(summary.dealsWritten) deals from \(summary.rowsRead) rows")
        let log = DiagnosticLog()
        // No participants known: every rule but the reps' being in a plan is checked.
        let book = PlanBook(plans: [], runMonth: YearMonth(year: 2026, month: 3))
        let read = try CreditPass.run(paths: [options.outPath], book: book, fx: FXTable(), log: log, knowsEveryParticipant: false,
                                              idFilterLog2Words: 8).rowsPerFile.reduce(0, +)
        Fuzz.require(log.isEmpty && read == summary.dealsWritten,
                     "the deals.csv written does not read back cleanly: \(log.sorted.prefix(3)) (\(read) of \(summary.dealsWritten) rows)")
    } catch CompError.invalidInput(let diagnostics, _) {
        Fuzz.require(!diagnostics.isEmpty, "refused without a reason")
        Fuzz.require(!Fuzz.exists(options.outPath) && !Fuzz.exists(options.pipeline!.path), "a refused import wrote a file")
    } catch {
        fatalError("invariant broken: importing a file that exists threw \(error)")
    }
    return 0
}
