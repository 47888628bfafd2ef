import Testing
@testable import CompKit

/// people.csv and earning-codes.csv (§2.3): their checks and lookups.
@Suite struct CrosswalkTests {
    @Test func peopleAreLookedUpBothWays() throws {
        try withTemporaryFolder { folder in
            let path = try write("""
                participant_id,system,external_id
                R1,adp,000101
                R1,salesforce,005A
                R2,adp,000101
                R1,adp,000102
                R3,,X

                """, to: "people.csv", in: folder)
            let log = DiagnosticLog()
            let people = try PeopleCrosswalk.read(path: path, log: log)
            #expect(people.externalID(system: "adp", participant: "R1") == "000101")
            #expect(people.participants(system: "salesforce").map { "\($0.externalID) \($0.participant)" } == ["005A R1"])
            #expect(people.participants(system: "adp").map { "\($0.externalID) \($0.participant)" } == ["000101 R1"])
            #expect(people.externalID(system: "gusto", participant: "R1") == nil)
            #expect(log.sorted.map { "\($0.location.lineAndColumn) \($0.message)" } == [
                "4:3 adp id '000101' is given twice (first on line 2, for R1)",
                "5:1 R1 has two adp ids ('000101' on line 2 and '000102')",
                "6:2 system is required",
            ])
        }
    }

    @Test func aComponentsCodeWinsOverTheGeneralOne() throws {
        try withTemporaryFolder { folder in
            let path = try write("""
                system,pay_type,component,code
                adp,COMMISSION,,C
                adp,COMMISSION,renewals,CR
                adp,BONUS,,B
                adp,BONUS,,B2
                adp,PAYCHECK,,X

                """, to: "codes.csv", in: folder)
            let log = DiagnosticLog()
            let codes = try EarningCodes.read(path: path, log: log)
            #expect(codes.code(system: "adp", payType: .commission, component: "renewals") == "CR")
            #expect(codes.code(system: "adp", payType: .commission, component: "new-business") == "C")
            #expect(codes.code(system: "adp", payType: .bonus, component: "q-club") == "B")
            #expect(codes.code(system: "gusto", payType: .commission, component: "") == nil)
            #expect(log.sorted.map { "\($0.location.lineAndColumn)" } == ["5", "6:2"])
        }
    }
}
