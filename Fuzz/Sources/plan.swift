/// libFuzzer target: plan files through `PlanReader` (libxml2 parse, XSD validation, the rules of
/// §2.1 and §7, and the rules spanning files). The input holds up to three plan files separated
/// by NUL bytes, so the cross-file rules (plan ids, overlapping entries, manager cycles) are fuzzed too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlans(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    var files: [(path: String, lines: Int)] = []
    for (index, part) in input.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).enumerated() {
        let bytes = UnsafeRawBufferPointer(rebasing: part)
        files.append((Fuzz.file("plan\(index + 1).xml", bytes), Fuzz.lineCount(bytes)))
    }
    let log = DiagnosticLog()
    let plans = PlanReader.read(files: files.map(\.path), log: log)
    Fuzz.checkDiagnostics(log, files: files)
    guard log.isEmpty else { return 0 }
    // A plan set read without a problem keeps the rules of §2.1.
    Fuzz.require(plans.count == files.count, "\(files.count) files read without a problem gave \(plans.count) plans")
    Fuzz.require(Set(plans.map(\.id)).count == plans.count, "a plan id twice: \(plans.map(\.id))")
    for plan in plans {
        Fuzz.require(plan.yearStart.day == 1, "plan \(plan.id): yearStart \(plan.yearStart)")
        for component in plan.components {
            let tiers = component.rateTable.tiers
            Fuzz.require(tiers.first?.from == .zero, "plan \(plan.id) component \(component.id): first tier")
            Fuzz.require(zip(tiers, tiers.dropFirst()).allSatisfy { $0.from < $1.from }, "plan \(plan.id) component \(component.id): tiers do not ascend")
            Fuzz.require(tiers.allSatisfy { $0.rate >= .zero && $0.rate <= ExactDecimal(10) }, "plan \(plan.id) component \(component.id): a rate outside [0, 10]")
        }
        for entry in plan.participants {
            if let end = entry.end { Fuzz.require(entry.start <= end, "participant \(entry.id) ends before it starts") }
        }
    }
    // The book every run builds from the plans must come together for any month of their years.
    for plan in plans { _ = PlanBook(plans: plans, runMonth: plan.fiscalYear.start.adding(months: 11)) }
    return 0
}
