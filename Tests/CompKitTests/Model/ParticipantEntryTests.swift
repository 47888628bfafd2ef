import Testing
@testable import CompKit

@Suite struct ParticipantEntryTests {
    @Test func endIsInclusive() {
        let entry = Fixture.person("R1", start: "2026-01-15", end: "2026-03-31")
        #expect(!entry.isActive(on: day("2026-01-14")))
        #expect(entry.isActive(on: day("2026-01-15")))
        #expect(entry.isActive(on: day("2026-03-31")))
        #expect(!entry.isActive(on: day("2026-04-01")))
        // Jan 15 … Mar 31: 17 + 28 + 31 = 76 days.
        #expect(entry.activeRange.dayCount == 76)
    }

    @Test func withoutEndStaysActive() {
        #expect(Fixture.person("R1").isActive(on: day("2030-06-30")))
    }
}
