import Foundation
import Testing
@testable import CompKit

/// `comp export` (§8.2): payroll.csv into each payroll system's file, amounts per employee as in
/// payroll.csv, every missing mapping listed, a changed payroll.csv refused.
@Suite struct PayrollExportTests {
    /// R1 (USD) has base, two commissions (one a clawback) and a reversed SPIFF; R2 is paid in EUR;
    /// the BONUS row of 0.00 is left out of every file.
    static let payroll = """
        period,employee_id,employee_name,pay_type,component,amount,currency,prior_adjustment
        2026-03,R1,"Kowalska, Anna",BASE,,5000.00,USD,0.00
        2026-03,R1,"Kowalska, Anna",COMMISSION,new-business,1234.56,USD,0.00
        2026-03,R1,"Kowalska, Anna",COMMISSION,renewals,-100.00,USD,-100.00
        2026-03,R1,"Kowalska, Anna",BONUS,new-business,0.00,USD,0.00
        2026-03,R1,"Kowalska, Anna",SPIFF,launch,-200.00,USD,0.00
        2026-03,R2,Ben Carter,COMMISSION,new-business,99.99,EUR,0.00

        """

    static let people = """
        participant_id,system,external_id
        R1,adp,000101
        R2,adp,000102
        R1,paychex,W1
        R2,paychex,W2
        R1,workday,E-1
        R2,workday,E-2
        R1,gusto,GUS001
        R2,gusto,GUS002

        """

    static let codes = """
        system,pay_type,component,code
        adp,BASE,,REG
        adp,COMMISSION,,C
        adp,COMMISSION,renewals,CR
        adp,SPIFF,,SP
        paychex,BASE,,Salary
        paychex,COMMISSION,,Commission
        paychex,SPIFF,,Bonus
        workday,BASE,,OTP_Base
        workday,COMMISSION,,OTP_Commission
        workday,SPIFF,,OTP_Spiff
        gusto,BASE,,correction_payment
        gusto,COMMISSION,,commission
        gusto,SPIFF,,bonus

        """

    /// Exports the payroll above (its manifest written as a run would) and returns the file, or the problems.
    func export(_ format: PayrollFormat, payroll: String = payroll, people: String = people, codes: String = codes,
                change: String? = nil) throws -> (file: String?, problems: [String]) {
        try withTemporaryFolder { folder in
            try write(payroll, to: "payroll.csv", in: folder)
            let manifest = Manifest(tool: "comp", version: "test", command: [], period: "2026-03", generatedAt: "", inputs: [], rowCounts: DealCounts(),
                                    outputs: [Manifest.Output(file: "payroll.csv", bytes: payroll.utf8.count, sha256: Manifest.sha256(Array(payroll.utf8)))])
            try Data(manifest.json()).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("manifest.json")))
            if let change { try write(change, to: "payroll.csv", in: folder) }
            let log = DiagnosticLog()
            var options = PayrollExport.Options(
                format: format, period: month("2026-03"), folder: folder,
                people: try PeopleCrosswalk.read(path: try write(people, to: "people.csv", in: folder), log: log),
                earningCodes: try EarningCodes.read(path: try write(codes, to: "codes.csv", in: folder), log: log))
            try #require(log.isEmpty)
            options.companyCode = "K7Q"
            options.batchID = "2603"
            options.payDate = day("2026-03-31")
            do {
                _ = try PayrollExport.run(options)
                return (try String(contentsOfFile: options.outputPath, encoding: .utf8), [])
            } catch CompError.invalidInput(let diagnostics, _) {
                #expect(!FileManager.default.fileExists(atPath: options.outputPath), "nothing is written")
                return (nil, diagnostics.map { "\(($0.location.file as NSString).lastPathComponent):\($0.location.lineAndColumn) \($0.message)" })
            }
        }
    }

    @Test func adp() throws {
        // Five rows (the BONUS of 0.00 left out): R1 5000.00 + 1234.56 − 100.00 − 200.00 = 5934.56 USD, R2 99.99 EUR.
        #expect(try export(.adp).file == """
            Co Code,Batch ID,File #,Earnings 3 Code,Earnings 3 Amount
            K7Q,2603,000101,REG,5000.00
            K7Q,2603,000101,C,1234.56
            K7Q,2603,000101,CR,-100.00
            K7Q,2603,000101,SP,-200.00
            K7Q,2603,000102,C,99.99

            """)
    }

    @Test func paychex() throws {
        #expect(try export(.paychex).file == """
            Client ID,Worker ID,Org,Job Number,Pay Component,Rate,Rate Number,Hours,Units,Line Date,Amount,Check Seq Number,Override State,Override Local,Override Local Jurisdiction,Labor Override
            K7Q,W1,,,Salary,,,,,03/31/2026,5000.00,,,,,
            K7Q,W1,,,Commission,,,,,03/31/2026,1234.56,,,,,
            K7Q,W1,,,Commission,,,,,03/31/2026,-100.00,,,,,
            K7Q,W1,,,Bonus,,,,,03/31/2026,-200.00,,,,,
            K7Q,W2,,,Commission,,,,,03/31/2026,99.99,,,,,

            """)
    }

    @Test func workday() throws {
        #expect(try export(.workday).file == """
            Spreadsheet Key,Employee ID,Effective Date,One-Time Payment Plan,Scheduled Payment Date,Amount,Currency,Send to Payroll,Comment
            2603-1,E-1,2026-03-31,OTP_Base,2026-03-31,5000.00,USD,Y,comp 2026-03 BASE
            2603-2,E-1,2026-03-31,OTP_Commission,2026-03-31,1234.56,USD,Y,comp 2026-03 COMMISSION new-business
            2603-3,E-1,2026-03-31,OTP_Commission,2026-03-31,-100.00,USD,Y,comp 2026-03 COMMISSION renewals
            2603-4,E-1,2026-03-31,OTP_Spiff,2026-03-31,-200.00,USD,Y,comp 2026-03 SPIFF launch
            2603-5,E-2,2026-03-31,OTP_Commission,2026-03-31,99.99,EUR,Y,comp 2026-03 COMMISSION new-business

            """)
    }

    @Test func gustoAddsUpAnEmployeesRowsPerColumn() throws {
        // R1: commission 1234.56 − 100.00 = 1134.56, bonus −200.00, correction_payment 5000.00.
        #expect(try export(.gusto).file == """
            gusto_employee_id,first_name,last_name,bonus,commission,correction_payment
            GUS001,Anna,Kowalska,-200.00,1134.56,5000.00
            GUS002,Ben,Carter,,99.99,

            """)
    }

    @Test func everyMissingMappingIsListed() throws {
        let people = Self.people.replacingOccurrences(of: "R2,adp,000102\n", with: "")
        let codes = Self.codes.replacingOccurrences(of: "adp,SPIFF,,SP\n", with: "").replacingOccurrences(of: "adp,BASE,,REG\n", with: "")
        #expect(try export(.adp, people: people, codes: codes).problems == [
            "payroll.csv:2:4 no adp earning code for BASE in earning-codes.csv",
            "payroll.csv:6:4 no adp earning code for SPIFF launch in earning-codes.csv",
            "payroll.csv:7:2 R2 has no adp id in people.csv",
        ])
    }

    @Test func aPayrollChangedSinceItsRunIsRefused() throws {
        let changed = Self.payroll.replacingOccurrences(of: "1234.56", with: "9234.56")
        let problems = try export(.adp, change: changed).problems
        #expect(problems.count == 1 && problems[0].hasPrefix("payroll.csv:file changed since the run that wrote it"), "\(problems)")
    }

    @Test func aPayrollOfAnotherPeriodIsRefused() throws {
        let problems = try export(.adp, payroll: Self.payroll.replacingOccurrences(of: "2026-03,R2,", with: "2026-02,R2,")).problems
        #expect(problems == ["payroll.csv:7:1 the row is for 2026-02, not 2026-03"])
    }

    @Test func aFolderWithoutManifestIsRefused() throws {
        try withTemporaryFolder { folder in
            try write(Self.payroll, to: "payroll.csv", in: folder)
            let options = PayrollExport.Options(format: .gusto, period: month("2026-03"), folder: folder, people: PeopleCrosswalk(),
                                                earningCodes: EarningCodes())
            #expect(throws: CompError.self) { try PayrollExport.run(options) }
            #expect(!FileManager.default.fileExists(atPath: options.outputPath))
        }
    }

    @Test func gustoNames() {
        #expect(PayrollExportLayout.names("Kowalska, Anna") == ("Anna", "Kowalska"))
        #expect(PayrollExportLayout.names("Ana María Núñez") == ("Ana María", "Núñez"))
        #expect(PayrollExportLayout.names("Cher") == ("", "Cher"))
    }
}
