import CLibXML2
import Foundation

/// Turns a schema-valid `<plan>` element into a `Plan`, checking the rules inside one file.
/// A plan with problems is still returned (the log holds them), so that the rules spanning files
/// can be checked in the same run.
struct PlanBuilder {
    /// The largest attainment a plan may name (tier `from` on attainment basis, bonus `atLeast`):
    /// 1000, that is 100 000 % of quota. Times a quota of up to 15 digits, it stays exact in 128 bits.
    static let maxAttainment = ExactDecimal(1000)

    let root: XMLElement
    let log: DiagnosticLog
    private(set) var participantElements: [XMLElement] = []

    init(root: XMLElement, log: DiagnosticLog) {
        self.root = root
        self.log = log
    }

    mutating func build() -> Plan? {
        let id = root.attribute("id") ?? ""
        let currencyCode = root.attribute("currency") ?? ""
        let currency = Currency(code: currencyCode)
        if currency == nil { fail(root, "currency", "unknown currency '\(currencyCode)' (not an ISO 4217 code)") }
        let yearStart = date(root, "yearStart")
        if let yearStart, yearStart.day != 1 {
            fail(root, "yearStart", "yearStart must be the first day of a month, not \(yearStart)")
        }
        let quotaPeriod = Plan.QuotaPeriodKind(rawValue: root.attribute("quotaPeriod") ?? "") ?? .quarter

        var components: [Component] = []
        var spiffs: [Spiff] = []
        var draws: [Draw] = []
        var clawbacks: [Clawback] = []
        for child in root.children {
            switch child.name {
            case "component":
                if let component = component(child) {
                    if components.contains(where: { $0.id == component.id }) {
                        fail(child, "id", "component id '\(component.id)' is used twice in plan '\(id)'")
                    }
                    components.append(component)
                }
            case "spiff":
                if let spiff = spiff(child) {
                    if spiffs.contains(where: { $0.id == spiff.id }) {
                        fail(child, "id", "spiff id '\(spiff.id)' is used twice in plan '\(id)'")
                    }
                    spiffs.append(spiff)
                }
            case "draw":
                if !draws.isEmpty { fail(child, nil, "a plan has at most one <draw>") }
                draws.append(Draw(kind: Draw.Kind(rawValue: child.attribute("kind") ?? "") ?? .recoverable,
                                  monthly: amount(child, "monthly"), months: Int(child.attribute("months") ?? "") ?? 0))
            case "clawback":
                if !clawbacks.isEmpty { fail(child, nil, "a plan has at most one <clawback>") }
                clawbacks.append(Clawback(windowDays: Int(child.attribute("windowDays") ?? "") ?? 0))
            default:
                break
            }
        }
        guard let currency, let yearStart else { return nil }
        let fiscalYear = FiscalYear(start: yearStart.yearMonth, quotaPeriod: quotaPeriod)
        var participants: [ParticipantEntry] = []
        for element in root.children(named: "participant") {
            if let entry = participant(element, components: components, fiscalYear: fiscalYear, currency: currency) {
                participants.append(entry)
                participantElements.append(element)
            }
        }
        return Plan(id: id, name: root.attribute("name") ?? id, currency: currency, yearStart: yearStart,
                    quotaPeriod: quotaPeriod, components: components, spiffs: spiffs, draw: draws.first,
                    clawback: clawbacks.first, participants: participants, sourcePath: root.document.path)
    }

    private func component(_ element: XMLElement) -> Component? {
        let id = element.attribute("id") ?? ""
        let tables = element.children(named: "rateTable")
        if tables.count != 1 {
            fail(element, nil, "component '\(id)' needs exactly one <rateTable>, found \(tables.count)")
        }
        let caps = element.children(named: "cap")
        if caps.count > 1 { fail(caps[1], nil, "component '\(id)' has more than one <cap>") }
        var bonuses: [Bonus] = []
        for bonusElement in element.children(named: "bonus") {
            let bonus = Bonus(id: bonusElement.attribute("id") ?? "", atLeast: amount(bonusElement, "atLeast"),
                              amount: amount(bonusElement, "amount"))
            if bonus.atLeast > PlanBuilder.maxAttainment {
                fail(bonusElement, "atLeast", "atLeast=\"\(bonus.atLeast)\" is above \(PlanBuilder.maxAttainment) (it is a fraction of quota: 1.5 is 150 %)")
            }
            if bonuses.contains(where: { $0.id == bonus.id }) {
                fail(bonusElement, "id", "bonus id '\(bonus.id)' is used twice in component '\(id)'")
            }
            bonuses.append(bonus)
        }
        let holdbacks = element.children(named: "holdback")
        if holdbacks.count > 1 { fail(holdbacks[1], nil, "component '\(id)' has more than one <holdback>") }
        guard let tableElement = tables.first, let table = rateTable(tableElement) else { return nil }
        return Component(
            id: id, filter: filter(element),
            creditFrom: Component.CreditSource(rawValue: element.attribute("creditFrom") ?? "own") ?? .own,
            creditOn: Component.CreditEvent(rawValue: element.attribute("creditOn") ?? "close") ?? .close,
            rateTable: table, cap: caps.first.map { amount($0, "amount") }, bonuses: bonuses,
            holdback: holdbacks.first.map {
                Holdback(percent: amount($0, "percent"), release: Holdback.Release(rawValue: $0.attribute("release") ?? "") ?? .period)
            })
    }

    private func rateTable(_ element: XMLElement) -> RateTable? {
        var tiers: [RateTable.Tier] = []
        for tierElement in element.children(named: "tier") {
            let tier = RateTable.Tier(from: amount(tierElement, "from"), rate: amount(tierElement, "rate"))
            if let previous = tiers.last, tier.from <= previous.from {
                fail(tierElement, "from", "tier from=\"\(tier.from)\" must be greater than the tier before it (\(previous.from)); tiers ascend strictly")
            } else if tiers.isEmpty && !tier.from.isZero {
                fail(tierElement, "from", "the first tier must start at from=\"0\", not \(tier.from)")
            } else if element.attribute("basis") == RateTable.Basis.attainment.rawValue && tier.from > PlanBuilder.maxAttainment {
                fail(tierElement, "from", "from=\"\(tier.from)\" is above \(PlanBuilder.maxAttainment) (on basis=\"attainment\" it is a fraction of quota: 1.5 is 150 %)")
            }
            tiers.append(tier)
        }
        guard let method = RateTable.Method(rawValue: element.attribute("method") ?? ""),
              let basis = RateTable.Basis(rawValue: element.attribute("basis") ?? "") else { return nil }
        return RateTable(method: method, basis: basis, tiers: tiers)
    }

    private func spiff(_ element: XMLElement) -> Spiff? {
        let id = element.attribute("id") ?? ""
        let hasPerDeal = element.attribute("perDeal") != nil
        let hasRate = element.attribute("rate") != nil
        guard hasPerDeal != hasRate else {
            fail(element, nil, "spiff '\(id)' needs exactly one of perDeal or rate")
            return nil
        }
        let payout: Spiff.Payout = hasPerDeal ? .perDeal(amount(element, "perDeal")) : .rate(amount(element, "rate"))
        return Spiff(id: id, filter: filter(element), payout: payout)
    }

    private func participant(
        _ element: XMLElement, components: [Component], fiscalYear: FiscalYear, currency: Currency
    ) -> ParticipantEntry? {
        let id = element.attribute("id") ?? ""
        guard let start = date(element, "start") else { return nil }
        let end = element.attribute("end") != nil ? date(element, "end") : nil
        if let end, end < start {
            fail(element, "end", "participant '\(id)' ends (\(end)) before it starts (\(start))")
            return nil
        }
        var entry = ParticipantEntry(id: id, name: element.attribute("name") ?? "", start: start, end: end,
                                     managerID: element.attribute("manager"))
        func annual(_ name: String) -> ExactDecimal? {
            let elements = element.children(named: name)
            if elements.count > 1 { fail(elements[1], nil, "participant '\(id)' has more than one <\(name)>") }
            return elements.first.map { amount($0, "annual") }
        }
        if let base = annual("baseSalary") { entry.baseSalaryAnnual = base }
        if let target = annual("targetIncentive") { entry.targetIncentiveAnnual = target }
        var quotaElements: [(component: String, element: XMLElement)] = []
        entry.quotas.reserveCapacity(components.count)
        func quotaElement(of componentID: String) -> XMLElement? { quotaElements.first { $0.component == componentID }?.element }
        for quotaElement in element.children(named: "quota") {
            let componentID = quotaElement.attribute("component") ?? ""
            guard components.contains(where: { $0.id == componentID }) else {
                fail(quotaElement, "component", "quota for unknown component '\(componentID)'")
                continue
            }
            guard quotaElements.allSatisfy({ $0.component != componentID }) else {
                fail(quotaElement, "component", "participant '\(id)' has two quotas for component '\(componentID)'")
                continue
            }
            quotaElements.append((componentID, quotaElement))
            if let quota = quota(quotaElement, periods: fiscalYear.quotaPeriod.periodsPerYear) {
                entry.quotas[componentID] = quota
            }
        }
        for component in components where component.rateTable.basis == .attainment {
            guard let quota = entry.quotas[component.id] else {
                if quotaElement(of: component.id) == nil {
                    fail(element, "id", "participant '\(id)' has no quota for component '\(component.id)', whose tiers are on attainment")
                }
                continue
            }
            for period in 1...fiscalYear.quotaPeriod.periodsPerYear {
                let periodDates = fiscalYear.dates(ofQuotaPeriod: period)
                guard entry.activeRange.overlapDays(with: periodDates) > 0 else { continue }
                let prorated = QuotaSchedule.quota(quota, of: entry, period: period, fiscalYear: fiscalYear, currency: currency)
                if prorated <= .zero {
                    fail(quotaElement(of: component.id) ?? element, nil,
                         "participant '\(id)' needs a quota > 0 for component '\(component.id)' in \(fiscalYear.label(ofQuotaPeriod: period)), where it is active (prorated quota \(currency.format(prorated)))")
                }
            }
        }
        return entry
    }

    private func quota(_ element: XMLElement, periods: Int) -> Quota? {
        let periodElements = element.children(named: "period")
        let hasAnnual = element.attribute("annual") != nil
        if hasAnnual && !periodElements.isEmpty {
            fail(element, "annual", "a quota has either annual or <period> children, not both")
            return nil
        }
        if hasAnnual { return .annual(amount(element, "annual")) }
        guard !periodElements.isEmpty else {
            fail(element, nil, "a quota needs annual or a <period> for each of the \(periods) quota periods")
            return nil
        }
        var amounts: [Int: ExactDecimal] = [:]
        for periodElement in periodElements {
            let index = Int(periodElement.attribute("index") ?? "") ?? 0
            if index > periods {
                fail(periodElement, "index", "period index \(index) is past the plan's \(periods) quota periods")
            } else if amounts[index] != nil {
                fail(periodElement, "index", "period index \(index) is given twice")
            }
            amounts[index] = amount(periodElement, "amount")
        }
        let missing = (1...periods).filter { amounts[$0] == nil }
        if !missing.isEmpty {
            fail(element, nil, "quota periods missing: \(missing.map(String.init).joined(separator: ", ")) (every index 1…\(periods) is needed)")
            return nil
        }
        return .perPeriod(amounts)
    }

    // MARK: Attribute values (already checked for form by the schema)

    private func amount(_ element: XMLElement, _ attribute: String) -> ExactDecimal {
        let text = element.attribute(attribute) ?? ""
        switch ExactDecimal.parse(text, maxDecimals: 6) {
        case .success(let value): return value
        case .failure(let failure):
            fail(element, attribute, "\(attribute)=\"\(text)\" \(failure.explanation)")
            return .zero
        }
    }

    private func date(_ element: XMLElement, _ attribute: String) -> CalendarDate? {
        let text = element.attribute(attribute) ?? ""
        guard let date = CalendarDate(parsing: text) else {
            fail(element, attribute, "\(attribute)=\"\(text)\" is not a date YYYY-MM-DD")
            return nil
        }
        return date
    }

    private func filter(_ element: XMLElement) -> DealFilter {
        DealFilter(types: tokens(element, "types"), products: tokens(element, "products"))
    }

    /// The tokens of a filter attribute; nil (match anything) when absent or when `*` is among them.
    private func tokens(_ element: XMLElement, _ attribute: String) -> Set<String>? {
        guard let text = element.attribute(attribute) else { return nil }
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
        if tokens.isEmpty {
            fail(element, attribute, "\(attribute) lists no token; write '*' to match anything")
            return nil
        }
        return tokens.contains("*") ? nil : Set(tokens)
    }

    private func fail(_ element: XMLElement, _ attribute: String?, _ message: String) {
        log.error(element.location(attribute: attribute), message)
    }
}
