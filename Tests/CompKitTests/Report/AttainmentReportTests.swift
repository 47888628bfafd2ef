import Testing
@testable import CompKit

@Suite struct AttainmentReportTests {
    @Test func marchOfTheAccountExecutive() {
        let march = AccountExecutive.run("2026-03")
        let csv = String(decoding: AttainmentReport.csv(AttainmentReport.rows(march.schedule.runMonthMeasures, book: march.book),
                                                        book: march.book), as: UTF8.self)
        // R1 new-business: C 90000 of Q 150000 = 0.600000; earned 1200 now, 8400 to February: −7200.
        // R1 renewals: quota 0 → attainment blank; 0.03 × 60000 = 1800.
        // R2 (hired Jan 15): quota 150000 × 76 / 90 = 126666.67; nothing credited.
        #expect(csv == """
            period,rep_id,plan_id,component,quota_period,quota,credited_to_date,attainment,earned_to_date,earned_prior,commission
            2026-03,R1,AE-2026,new-business,FY2026-Q1,150000.00,90000.00,0.600000,1200.00,8400.00,-7200.00
            2026-03,R1,AE-2026,renewals,FY2026-Q1,0.00,60000.00,,1800.00,0.00,1800.00
            2026-03,R2,AE-2026,new-business,FY2026-Q1,126666.67,0.00,0.000000,0.00,0.00,0.00
            2026-03,R2,AE-2026,renewals,FY2026-Q1,0.00,0.00,,0.00,0.00,0.00

            """)
    }

    @Test func onlyEntriesActiveInTheMonthHaveRows() {
        let plan = Fixture.plan("AE", participants: [Fixture.person("R1", end: "2026-01-31"), Fixture.person("R2", start: "2026-02-28")])
        let february = Scenario(month: "2026-02", plans: [plan], deals: [])
        let ids = february.schedule.runMonthMeasures.map { february.book.entry($0.entry).id }
        #expect(ids == ["R2"])  // R1 left in January; R2's single day in February counts
    }

    @Test func aPersonsRowsGoByPlanThenComponentIDThenEntryStart() {
        // R1 moves from plan Z to plan B on March 15; plan B declares `zeta` before `alpha`, and
        // `Alpha` (capital A, byte 0x41) sorts before `alpha`. R0 comes first by id.
        let components = [Fixture.component("zeta"), Fixture.component("alpha"), Fixture.component("Alpha")]
        let later = Fixture.plan("B", components: components, participants: [Fixture.person("R1", start: "2026-03-15")])
        let earlier = Fixture.plan("Z", components: [Fixture.component("all")],
                                   participants: [Fixture.person("R1", end: "2026-03-14"), Fixture.person("R0")])
        let march = Scenario(month: "2026-03", plans: [later, earlier], deals: [])
        let rows = AttainmentReport.rows(march.schedule.runMonthMeasures, book: march.book).map { measure in
            "\(march.book.entry(measure.entry).id) \(march.book.plan(measure.entry).id) \(march.book.plan(measure.entry).components[measure.component].id)"
        }
        #expect(rows == ["R0 Z all", "R1 B Alpha", "R1 B alpha", "R1 B zeta", "R1 Z all"])
    }
}
