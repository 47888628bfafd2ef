import Testing
@testable import CompKit

@Suite struct PlanReaderTests {
    static let accountExecutive = """
        <?xml version="1.0" encoding="UTF-8"?>
        <plan id="AE-2026" name="Account Executive FY2026" currency="USD" yearStart="2026-01-01" quotaPeriod="quarter">
          <component id="new-business" types="new upsell" products="*" creditFrom="own">
            <rateTable method="graduated" basis="attainment">
              <tier from="0" rate="0"/>
              <tier from="0.5" rate="0.08"/>
              <tier from="1.0" rate="0.12"/>
            </rateTable>
            <cap amount="60000"/>
            <bonus id="q-club" atLeast="1.0" amount="2500"/>
          </component>
          <spiff id="analytics-push" products="ANALYTICS" perDeal="500"/>
          <draw kind="recoverable" monthly="2000" months="3"/>
          <clawback windowDays="90"/>
          <participant id="R001" name="Anna Kowalska" start="2026-01-15" manager="M01">
            <baseSalary annual="60000"/>
            <quota component="new-business">
              <period index="1" amount="150000"/><period index="2" amount="160000"/>
              <period index="3" amount="170000"/><period index="4" amount="180000"/>
            </quota>
          </participant>
          <participant id="M01" name="Maria Rossi" start="2026-01-01">
            <quota component="new-business" annual="400000"/>
          </participant>
        </plan>
        """

    static func read(_ text: String) throws -> (plans: [Plan], problems: [String]) {
        try withTemporaryFolder { folder in
            let log = DiagnosticLog()
            let plans = PlanReader.read(files: [try write(text, to: "plan.xml", in: folder)], log: log)
            return (plans, log.sorted.map { "\($0.location.lineAndColumn)" })
        }
    }

    @Test func readsThePlanOfSpec21() throws {
        let (plans, problems) = try Self.read(Self.accountExecutive)
        #expect(problems == [])
        let plan = try #require(plans.first)
        #expect(plan.currency == .usd && plan.yearStart == day("2026-01-01") && plan.quotaPeriod == .quarter)
        let component = try #require(plan.components.first)
        #expect(component.filter.types == ["new", "upsell"] && component.filter.products == nil)  // "*" is any
        #expect(component.rateTable.tiers.map(\.from) == [dec("0"), dec("0.5"), dec("1.0")])
        #expect(component.rateTable.tiers.map(\.rate) == [dec("0"), dec("0.08"), dec("0.12")])
        #expect(component.cap == dec("60000") && component.bonuses.map(\.amount) == [dec("2500")])
        #expect(plan.draw?.kind == .recoverable && plan.draw?.months == 3 && plan.clawback?.windowDays == 90)
        let anna = plan.participants[0]
        #expect(anna.start == day("2026-01-15") && anna.managerID == "M01" && anna.baseSalaryAnnual == dec("60000"))
        #expect(plan.participants[1].baseSalaryAnnual == .zero)  // absent: 0
        guard case .perPeriod(let amounts)? = anna.quotas["new-business"] else {
            Issue.record("expected quotas per period")
            return
        }
        #expect(amounts == [1: dec("150000"), 2: dec("160000"), 3: dec("170000"), 4: dec("180000")])
        guard case .annual(let annual)? = plan.participants[1].quotas["new-business"] else {
            Issue.record("expected an annual quota")
            return
        }
        #expect(annual == dec("400000"))
    }

    @Test func anAttainmentComponentNeedsAQuota() throws {
        // M01 without quota: the error points at M01's <participant> (line 22, column 3).
        let text = Self.accountExecutive.replacingOccurrences(of: "<quota component=\"new-business\" annual=\"400000\"/>", with: "")
        #expect(try Self.read(text).problems.map { $0.hasPrefix("22:") } == [true])
    }

    @Test func readsTheSameWhateverTheWhiteSpaceBetweenElements() throws {
        // The tree leaves out white space between elements: CRLF and tabs, or none at all, read alike.
        let crlfAndTabs = Self.accountExecutive.replacingOccurrences(of: ">\n", with: ">\t\r\n")
        let noWhiteSpace = Self.accountExecutive.split(separator: "\n").map { $0.drop { $0 == " " } }.joined()
        for text in [crlfAndTabs, noWhiteSpace] {
            let (plans, problems) = try Self.read(text)
            #expect(problems == [])
            let plan = try #require(plans.first)
            #expect(plan.components.map(\.id) == ["new-business"] && plan.spiffs.map(\.id) == ["analytics-push"])
            #expect(plan.components[0].rateTable.tiers.map(\.rate) == [dec("0"), dec("0.08"), dec("0.12")])
            #expect(plan.participants.map(\.id) == ["R001", "M01"])
            #expect(plan.participants.map(\.baseSalaryAnnual) == [dec("60000"), .zero])
        }
        // Errors still point at their lines and columns: M01's quota names an unknown component (line 23,
        // `component=` after four spaces and `<quota `), so M01 has none for new-business (line 22, `id=`
        // after two spaces and `<participant `).
        let unknown = crlfAndTabs.replacingOccurrences(of: "component=\"new-business\" annual", with: "component=\"renewals\" annual")
        #expect(try Self.read(unknown).problems == ["22:16", "23:12"])
    }

    @Test func refusesADoctype() throws {
        let text = Self.accountExecutive.replacingOccurrences(of: "?>\n", with: "?>\n<!DOCTYPE plan>\n")
        let (plans, problems) = try Self.read(text)
        #expect(plans.isEmpty && problems == ["2:1"])
    }
}
