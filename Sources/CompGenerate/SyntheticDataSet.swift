import CompKit
import Foundation

/// Writes a realistic synthetic data set in comp's input formats (§2): plans using every
/// feature, a year of deals with seasonality, splits, cancellations and several currencies, fx
/// rates, forecasts, pipeline snapshots and expectations. The same seed gives the same bytes.
///
/// Built for volume: ten million deals are formatted straight into a byte buffer, with no
/// per-row strings.
public struct SyntheticDataSet {
    public var reps: Int
    public var deals: Int
    public var seed: UInt64
    public var year: Int

    public init(reps: Int, deals: Int, seed: UInt64, year: Int = 2026) {
        self.reps = max(reps, 1)
        self.deals = max(deals, 0)
        self.seed = seed
        self.year = year
    }

    /// The rep plans deals are credited under; managers and directors are in the manager plan.
    enum RepPlan: Int, CaseIterable {
        case accountExecutive, developmentRep, emea, japan

        var id: String { ["AE", "SDR", "EMEA", "APAC"][rawValue] }
        var currency: String { ["USD", "USD", "EUR", "JPY"][rawValue] }
        /// Out of 100 reps.
        var share: UInt64 { [55, 15, 20, 10][rawValue] }
        /// Typical deal size in the plan currency's major unit.
        var dealScale: Int64 { [1, 1, 1, 150][rawValue] }
    }

    struct Rep {
        var id: String
        var name: String
        var plan: RepPlan
        var manager: Int
        var start: CalendarDate
        /// Reps who move from SDR to AE on 1 July have a second entry.
        var changesPlanInJuly: Bool
    }

    /// Writes everything under `folder` (`plans/` and `inputs/`).
    public func write(to folder: String) throws {
        var random = SplitMix64(seed: seed)
        let names = NameBook()
        let managerCount = max(1, (reps + 11) / 12)
        let directorCount = max(1, (managerCount + 7) / 8)
        var people: [Rep] = []
        for index in 0..<reps {
            let roll = random.next() % 100
            var cumulative: UInt64 = 0
            let plan = RepPlan.allCases.first { cumulative += $0.share; return roll < cumulative } ?? .accountExecutive
            let hiredMidYear = random.next() % 50 == 0
            let start = hiredMidYear
                ? CalendarDate(year: year, month: 2 + Int(random.next() % 8), day: 1 + Int(random.next() % 28))!
                : CalendarDate(year: year, month: 1, day: 1)!
            people.append(Rep(id: "R" + pad(index + 1, 7), name: names.name(index), plan: plan,
                              manager: index % managerCount, start: start,
                              changesPlanInJuly: plan == .developmentRep && !hiredMidYear && random.next() % 10 == 0))
        }

        let fm = FileManager.default
        try fm.createDirectory(atPath: folder + "/plans", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: folder + "/inputs", withIntermediateDirectories: true)
        let bookings = try writeDeals(people: people, managerCount: managerCount, random: &random, to: folder + "/inputs/deals.csv",
                                      payments: folder + "/inputs/payments.csv")
        let quotas: [Int64] = people.indices.map { rep in
            // Quota near the rep's actual year, so attainment spreads around 100 %.
            let year = bookings.perRep[rep]
            return max(12_000, (year * Int64(80 + random.next() % 50) / 100) / 12_000 * 12_000)
        }
        for plan in RepPlan.allCases {
            try write(planXML(plan, people: people, quotas: quotas, random: &random), to: "\(folder)/plans/\(plan.id.lowercased())-\(year).xml")
        }
        try write(managerPlanXML(managers: managerCount, directors: directorCount, people: people, quotas: quotas, names: names),
                  to: "\(folder)/plans/managers-\(year).xml")
        try write(fxCSV(random: &random), to: folder + "/inputs/fx.csv")
        try writeForecasts(people: people, bookings: bookings, random: &random, folder: folder)
    }

    // MARK: Deals

    struct Bookings {
        /// Booked amount per rep over the year (major units of the plan currency).
        var perRep: [Int64]
        /// Booked per rep and month, and one deal id per rep and month (for pipeline matches).
        var perRepMonth: [Int64]
        var dealPerRepMonth: [Int32]
    }

    /// Months weighted for seasonality: quarter ends and December close more.
    private static let monthWeights: [UInt64] = [6, 7, 10, 7, 8, 11, 6, 7, 11, 8, 9, 14]

    /// Writes deals.csv, and payments.csv with the cash collected on SUPPORT deals (credited on
    /// payment by the AE and manager plans): paid in full, in two parts, in part, or in full and
    /// then partly refunded.
    private func writeDeals(people: [Rep], managerCount: Int, random: inout SplitMix64, to path: String,
                            payments paymentsPath: String) throws -> Bookings {
        var out = try ByteFile(path: path)
        out.append("deal_id,close_date,amount,currency,type,product,reps,status,cancel_date,created_date\n")
        var payments = try ByteFile(path: paymentsPath)
        payments.append("deal_id,paid_date,amount\n")
        var bookings = Bookings(perRep: Array(repeating: 0, count: people.count),
                                perRepMonth: Array(repeating: 0, count: people.count * 12),
                                dealPerRepMonth: Array(repeating: 0, count: people.count * 12))
        let totalWeight = SyntheticDataSet.monthWeights.reduce(0, +)
        let firstDay = CalendarDate(year: year, month: 1, day: 1)!.dayNumber
        let days = (-200..<566).map { Array(CalendarDate(dayNumber: firstDay + $0).description.utf8) }
        func day(_ offset: Int) -> [UInt8] { days[offset + 200] }
        for number in 1...max(deals, 1) where deals > 0 {
            var pick = random.next() % totalWeight
            var month = 0
            while pick >= SyntheticDataSet.monthWeights[month] { pick -= SyntheticDataSet.monthWeights[month]; month += 1 }
            let monthStart = CalendarDate(year: year, month: month + 1, day: 1)!
            let close = monthStart.dayNumber + Int(random.next() % UInt64(CalendarDate.daysIn(year: year, month: month + 1)))
            var repIndex = Int(random.next() % UInt64(people.count))
            for _ in 0..<8 where people[repIndex].start.dayNumber > close {
                repIndex = Int(random.next() % UInt64(people.count))
            }
            if people[repIndex].start.dayNumber > close { continue }
            let rep = people[repIndex]
            let julyFirst = CalendarDate(year: year, month: 7, day: 1)!.dayNumber
            let plan = rep.changesPlanInJuly && close >= julyFirst ? RepPlan.accountExecutive : rep.plan
            // Deal size: log-spread buckets from about 1 000 to 200 000.
            let bucket = Int(random.next() % 16)
            let low = SyntheticDataSet.sizeBuckets[bucket], high = SyntheticDataSet.sizeBuckets[bucket + 1]
            var cents = (low + Int64(random.next() % UInt64(high - low))) * 100 * plan.dealScale
            if random.next() % 4 != 0 { cents = cents / 100 * 100 }
            var currency = plan.currency
            let currencyRoll = random.next() % 100
            if plan == .accountExecutive && currencyRoll < 5 { currency = "GBP" }
            else if plan == .accountExecutive && currencyRoll < 8 { currency = "CAD" }
            else if plan == .emea && currencyRoll < 10 { currency = "USD" }
            if currency == "JPY" { cents = cents / 100 * 100 }
            let typeRoll = random.next() % 4
            let type = plan == .developmentRep ? "new" : ["new", "new", "upsell", "renewal"][Int(typeRoll)]
            let productRoll = random.next() % 10
            let product = productRoll < 6 ? "CORE" : productRoll < 8 ? "ANALYTICS" : "SUPPORT"

            out.append("D"); out.appendPadded(number, width: 8); out.comma()
            out.append(day(close - firstDay)); out.comma()
            out.appendMoney(cents, decimals: currency == "JPY" ? 0 : 2); out.comma()
            out.append(currency); out.comma()
            out.append(type); out.comma()
            out.append(product); out.comma()
            // About one deal in ten is shared with a teammate on the same plan.
            // Reps are given managers round-robin, so the rep one lap further shares the manager.
            let partner = (repIndex + managerCount) % people.count
            if random.next() % 10 == 0, partner != repIndex, people[partner].plan == plan, !people[partner].changesPlanInJuly,
               people[partner].manager == rep.manager, people[partner].start.dayNumber <= close {
                let shares = SyntheticDataSet.splitShares[Int(random.next() % 4)]
                out.append(rep.id); out.append(":"); out.append(shares.0); out.append(";")
                out.append(people[partner].id); out.append(":"); out.append(shares.1)
            } else {
                out.append(rep.id)
            }
            out.comma()
            let isCancelled = random.next() % 33 == 0
            if isCancelled {
                out.append("cancelled,")
                out.append(day(close - firstDay + 5 + Int(random.next() % 140)))
            } else {
                out.comma()
            }
            out.comma()
            out.append(day(close - firstDay - 7 - Int(random.next() % 170)))
            out.newline()
            if product == "SUPPORT" && !isCancelled {
                // The amount as written: cents, or whole yen for JPY.
                let written = cents, decimals = currency == "JPY" ? 0 : 2
                func pay(after days: Int, _ amount: Int64) {
                    payments.append("D"); payments.appendPadded(number, width: 8); payments.comma()
                    payments.append(day(close - firstDay + days)); payments.comma()
                    if amount < 0 { payments.append("-") }
                    payments.appendMoney(abs(amount), decimals: decimals)
                    payments.newline()
                }
                switch random.next() % 10 {
                case 0...5: pay(after: 20 + Int(random.next() % 40), written)
                case 6...7:
                    pay(after: 15 + Int(random.next() % 30), written / 2)
                    pay(after: 45 + Int(random.next() % 60), written - written / 2)
                case 8: pay(after: 30 + Int(random.next() % 60), written / 2)
                default:
                    pay(after: 20 + Int(random.next() % 40), written)
                    pay(after: 60 + Int(random.next() % 60), -(written / 10))
                }
                try payments.flushIfFull()
            }
            let major = cents / 100
            bookings.perRep[repIndex] += major
            bookings.perRepMonth[repIndex * 12 + month] += major
            if bookings.dealPerRepMonth[repIndex * 12 + month] == 0 { bookings.dealPerRepMonth[repIndex * 12 + month] = Int32(number) }
            try out.flushIfFull()
        }
        try out.close()
        try payments.close()
        return bookings
    }

    private static let sizeBuckets: [Int64] = [1_000, 1_400, 1_960, 2_744, 3_842, 5_378, 7_530, 10_541, 14_758, 20_661,
                                               28_925, 40_496, 56_694, 79_371, 111_120, 155_568, 217_795]
    private static let splitShares: [(String, String)] = [("60", "40"), ("50", "50"), ("70", "30"), ("33.33", "66.67")]

    // MARK: Plans

    private func planXML(_ plan: RepPlan, people: [Rep], quotas: [Int64], random: inout SplitMix64) -> String {
        let scale = plan.dealScale
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- Synthetic plan written by comp generate. -->

            """
        switch plan {
        case .accountExecutive:
            xml += """
                <plan id="AE-\(year)" name="Account Executive FY\(year)" currency="USD" yearStart="\(year)-01-01" quotaPeriod="quarter">
                  <component id="new-business" types="new upsell">
                    <rateTable method="graduated" basis="attainment">
                      <tier from="0" rate="0.02"/><tier from="0.5" rate="0.08"/><tier from="1.0" rate="0.12"/><tier from="1.5" rate="0.15"/>
                    </rateTable>
                    <cap amount="60000"/>
                    <bonus id="quota-club" atLeast="1.0" amount="2500"/>
                    <bonus id="stretch" atLeast="1.25" amount="1500"/>
                    <holdback percent="10" release="period"/>
                  </component>
                  <component id="support-collected" products="SUPPORT" creditOn="payment">
                    <rateTable method="graduated" basis="amount"><tier from="0" rate="0.01"/><tier from="50000" rate="0.02"/></rateTable>
                  </component>
                  <component id="renewals" types="renewal">
                    <rateTable method="retroactive" basis="amount"><tier from="0" rate="0.02"/><tier from="150000" rate="0.03"/></rateTable>
                  </component>
                  <spiff id="analytics-launch" products="ANALYTICS" perDeal="250"/>
                  <draw kind="recoverable" monthly="2000" months="3"/>
                  <clawback windowDays="90"/>

                """
        case .developmentRep:
            xml += """
                <plan id="SDR-\(year)" name="Sales Development FY\(year)" currency="USD" yearStart="\(year)-01-01" quotaPeriod="month">
                  <component id="pipeline" types="new">
                    <rateTable method="retroactive" basis="attainment"><tier from="0" rate="0.02"/><tier from="1.0" rate="0.04"/><tier from="1.25" rate="0.06"/></rateTable>
                    <bonus id="month-club" atLeast="1.0" amount="250"/>
                  </component>
                  <draw kind="nonrecoverable" monthly="750" months="2"/>
                  <clawback windowDays="60"/>

                """
        case .emea:
            xml += """
                <plan id="EMEA-\(year)" name="EMEA Account Executive FY\(year)" currency="EUR" yearStart="\(year)-01-01" quotaPeriod="quarter">
                  <component id="bookings">
                    <rateTable method="graduated" basis="attainment"><tier from="0" rate="0.03"/><tier from="1.0" rate="0.10"/></rateTable>
                    <bonus id="club" atLeast="1.1" amount="2000"/>
                    <holdback percent="20" release="year"/>
                  </component>
                  <spiff id="support-attach" products="SUPPORT" rate="0.01"/>

                """
        case .japan:
            xml += """
                <plan id="APAC-\(year)" name="Japan Account Executive FY\(year)" currency="JPY" yearStart="\(year)-01-01" quotaPeriod="year">
                  <component id="bookings">
                    <rateTable method="graduated" basis="amount"><tier from="0" rate="0.04"/><tier from="\(3_000_000 * scale)" rate="0.07"/></rateTable>
                    <cap amount="\(12_000_000 * scale)"/>
                  </component>
                  <clawback windowDays="120"/>

                """
        }
        for (index, rep) in people.enumerated() where rep.plan == plan || (plan == .accountExecutive && rep.changesPlanInJuly) {
            let movesIn = plan == .accountExecutive && rep.changesPlanInJuly
            let start = movesIn ? "\(year)-07-01" : rep.start.description
            let end = rep.changesPlanInJuly && !movesIn ? " end=\"\(year)-06-30\"" : ""
            let annual = quotas[index]
            let base = (plan == .japan ? 6_000_000 : 50_000) + Int64(random.next() % 30) * (plan == .japan ? 100_000 : 1_000)
            xml += "  <participant id=\"\(rep.id)\" name=\"\(rep.name)\" start=\"\(start)\"\(end) manager=\"M\(pad(rep.manager + 1, 5))\">\n"
            xml += "    <baseSalary annual=\"\(base)\"/><targetIncentive annual=\"\(base)\"/>\n"
            switch plan {
            case .accountExecutive:
                xml += "    <quota component=\"new-business\" annual=\"\(annual * 3 / 4)\"/><quota component=\"renewals\" annual=\"0\"/>\n"
            case .developmentRep, .emea:
                let component = plan == .emea ? "bookings" : "pipeline"
                xml += "    <quota component=\"\(component)\" annual=\"\(annual)\"/>\n"
            case .japan:
                xml += "    <quota component=\"bookings\" annual=\"\(annual)\"/>\n"
            }
            xml += "  </participant>\n"
        }
        return xml + "</plan>\n"
    }

    private func managerPlanXML(managers: Int, directors: Int, people: [Rep], quotas: [Int64], names: NameBook) -> String {
        var teamQuota = Array(repeating: Int64(0), count: managers)
        for (index, rep) in people.enumerated() {
            // Team quotas in USD: EUR about 1.1, JPY about 1/150.
            let usd = rep.plan == .japan ? quotas[index] / 150 : rep.plan == .emea ? quotas[index] * 11 / 10 : quotas[index]
            teamQuota[rep.manager] += usd
        }
        var directorQuota = Array(repeating: Int64(0), count: directors)
        for manager in 0..<managers { directorQuota[manager % directors] += teamQuota[manager] }
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- Synthetic manager plan written by comp generate: team roll-up through two levels. -->
            <plan id="MGR-\(year)" name="Sales Management FY\(year)" currency="USD" yearStart="\(year)-01-01" quotaPeriod="quarter">
              <component id="team-bookings" creditFrom="team">
                <rateTable method="graduated" basis="attainment"><tier from="0" rate="0.002"/><tier from="1.0" rate="0.005"/></rateTable>
                <bonus id="team-club" atLeast="1.0" amount="5000"/>
              </component>
              <component id="team-collected" creditFrom="team" creditOn="payment" products="SUPPORT">
                <rateTable method="graduated" basis="amount"><tier from="0" rate="0.001"/></rateTable>
              </component>

            """
        for director in 0..<directors {
            xml += "  <participant id=\"V\(pad(director + 1, 4))\" name=\"\(names.name(1_000_000 + director))\" start=\"\(year)-01-01\">\n"
            xml += "    <baseSalary annual=\"180000\"/><targetIncentive annual=\"90000\"/>\n"
            xml += "    <quota component=\"team-bookings\" annual=\"\(max(directorQuota[director], 12_000))\"/>\n  </participant>\n"
        }
        for manager in 0..<managers {
            xml += "  <participant id=\"M\(pad(manager + 1, 5))\" name=\"\(names.name(2_000_000 + manager))\" start=\"\(year)-01-01\" manager=\"V\(pad(manager % directors + 1, 4))\">\n"
            xml += "    <baseSalary annual=\"140000\"/><targetIncentive annual=\"60000\"/>\n"
            xml += "    <quota component=\"team-bookings\" annual=\"\(max(teamQuota[manager], 12_000))\"/>\n  </participant>\n"
        }
        return xml + "</plan>\n"
    }

    // MARK: Other inputs

    /// Direct pairs the data needs: deals in GBP/CAD for USD plans, USD deals for EUR plans, and
    /// roll-ups of EUR and JPY credits into the USD manager plan.
    private func fxCSV(random: inout SplitMix64) -> String {
        var csv = "month,from,to,rate\n"
        let pairs: [(String, String, Int64)] = [("GBP", "USD", 1_270_000), ("CAD", "USD", 735_000), ("USD", "EUR", 921_000),
                                                 ("EUR", "USD", 1_085_000), ("JPY", "USD", 6_700)]
        for month in 1...12 {
            for (from, to, base) in pairs {
                let drift = Int64(random.next() % 41) - 20
                csv += "\(year)-\(pad(month, 2)),\(from),\(to),\(ExactDecimal(mantissa: Int128(base + base * drift / 1000), scale: 6))\n"
            }
        }
        return csv
    }

    private func writeForecasts(people: [Rep], bookings: Bookings, random: inout SplitMix64, folder: String) throws {
        var forecasts = try ByteFile(path: folder + "/inputs/forecasts.csv")
        var expected = try ByteFile(path: folder + "/inputs/expected.csv")
        var pipeline = try ByteFile(path: folder + "/inputs/pipeline.csv")
        forecasts.append("rep_id,month,commit\n")
        expected.append("rep_id,month,expected\n")
        pipeline.append("opp_id,rep_id,snapshot_date,stage,probability,amount,currency,expected_close\n")
        let stages: [(String, String)] = [("Prospecting", "0.1"), ("Qualification", "0.25"), ("Proposal", "0.5"),
                                          ("Negotiation", "0.75"), ("Commit", "0.9")]
        var opportunity = 0
        for (index, rep) in people.enumerated() {
            let currency = rep.changesPlanInJuly ? "USD" : rep.plan.currency
            for month in 0..<12 {
                let monthText = "\(year)-\(pad(month + 1, 2))"
                let booked = bookings.perRepMonth[index * 12 + month]
                forecasts.append("\(rep.id),\(monthText),\(booked * Int64(70 + random.next() % 60) / 100)\n")
                expected.append("\(rep.id),\(monthText),\(booked / 25 * Int64(80 + random.next() % 60) / 100)\n")
                // Every third rep gets one opportunity in each snapshot; a closed deal's id when there is one.
                guard (index + month) % 3 == 0 else { continue }
                let deal = bookings.dealPerRepMonth[index * 12 + month]
                let stage = stages[Int(random.next() % 5)]
                opportunity += 1
                let id = deal > 0 && random.next() % 2 == 0 ? "D" + pad(Int(deal), 8) : "O" + pad(opportunity, 8)
                let amount = max(1_000, booked / 3)
                pipeline.append("\(id),\(rep.id),\(monthText)-01,\(stage.0),\(stage.1),\(amount),\(currency),\(monthText)-15\n")
            }
            try forecasts.flushIfFull()
            try expected.flushIfFull()
            try pipeline.flushIfFull()
        }
        try forecasts.close()
        try expected.close()
        try pipeline.close()
    }

    private func write(_ text: String, to path: String) throws {
        var file = try ByteFile(path: path)
        file.append(text)
        try file.close()
    }

    private func pad(_ value: Int, _ width: Int) -> String { CalendarDate.pad(value, width) }
}
