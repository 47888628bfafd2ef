import Foundation
import Testing
@testable import CompKit

/// `comp import` (§8.1) on exports written the way Salesforce and HubSpot write them.
@Suite struct CRMImportTests {
    static let people = """
        participant_id,system,external_id
        R1,salesforce,005A
        R2,salesforce,005B
        R3,salesforce,005C
        R1,hubspot,101
        R2,hubspot,102

        """

    /// Imports `export` (and `splits`) in a fresh folder; the deals.csv written, or the problems.
    func run(_ system: CRMSystem, export: String, splits: String? = nil, configure: (inout CRMImport.Options) -> Void = { _ in })
        throws -> (deals: String?, pipeline: String?, summary: CRMImport.Summary?, problems: [String]) {
        try run(system, export: Array(export.utf8), splits: splits, configure: configure)
    }

    func run(_ system: CRMSystem, export: [UInt8], splits: String? = nil, configure: (inout CRMImport.Options) -> Void = { _ in })
        throws -> (deals: String?, pipeline: String?, summary: CRMImport.Summary?, problems: [String]) {
        try withTemporaryFolder { folder in
            let exportPath = (folder as NSString).appendingPathComponent("export.csv")
            try Data(export).write(to: URL(fileURLWithPath: exportPath))
            var options = CRMImport.Options(system: system, exportPath: exportPath,
                                            outPath: (folder as NSString).appendingPathComponent("out/deals.csv"))
            if let splits { options.splitsPath = try write(splits, to: "splits.csv", in: folder) }
            let log = DiagnosticLog()
            options.people = try PeopleCrosswalk.read(path: try write(Self.people, to: "people.csv", in: folder), log: log)
            configure(&options)
            let read = { (path: String) in try? String(contentsOfFile: path, encoding: .utf8) }
            do {
                let summary = try CRMImport.run(options)
                return (read(options.outPath), options.pipeline.flatMap { read($0.path) }, summary, [])
            } catch CompError.invalidInput(let diagnostics, _) {
                // Nothing written: no deals.csv, no pipeline, no temporary file left behind.
                let left = (try? FileManager.default.contentsOfDirectory(atPath: (folder as NSString).appendingPathComponent("out"))) ?? []
                #expect(left.isEmpty, "\(left)")
                return (nil, nil, nil, diagnostics.map { "\($0.location.lineAndColumn) \($0.message)" })
            }
        }
    }

    /// Data Loader writes every field quoted, \r\n line ends and, here, upper-case API names. Won:
    /// O1 (owner 005A → R1, 100 %), O2 split 60/40 between 005B and 005C of the revenue type
    /// (the overlay split is left aside), O4 cancelled in the cancel-date column. O3 is lost, O5
    /// open, O6 won without an amount.
    static let salesforce = [
        #""ID","AMOUNT","CLOSEDATE","STAGENAME","ISWON","ISCLOSED","TYPE","OWNERID","CURRENCYISOCODE","CREATEDDATE","PROBABILITY","PRODUCT__C","CANCELLED__C""#,
        #""O1","1200.50","2026-03-02","Closed Won","true","true","New Business","005A","USD","2026-01-31T23:30:00.000Z","100","Analytics Suite","""#,
        #""O2","2000","2026-03-05","Closed Won","true","true","Existing Customer - Upgrade","005A","EUR","","100","","""#,
        #""O3","500","2026-03-06","Closed Lost","false","true","New Business","005B","USD","","0","","""#,
        #""O4","300.000001","2026-03-07","Closed Won","1","1","","005C","USD","","100","","2026-03-20""#,
        #""O5","900","2026-04-30","Negotiation/Review","false","false","New Business","005A","USD","","75","","""#,
        #""O6","","2026-03-08","Closed Won","true","true","New Business","005A","USD","","100","","""#,
    ].joined(separator: "\r\n") + "\r\n"

    static let splits = [
        #""OPPORTUNITYID","SPLITOWNERID","SPLITPERCENTAGE","SPLITTYPEID""#,
        #""O2","005B","60.00","REV""#, #""O2","005C","40.00","REV""#, #""O2","005A","25","OVERLAY""#,
        #""O5","005A","50","REV""#, #""O5","005B","50","REV""#,
    ].joined(separator: "\r\n") + "\r\n"

    @Test func salesforceExportBecomesDeals() throws {
        let result = try run(.salesforce, export: Self.salesforce, splits: Self.splits) {
            $0.splitType = "REV"
            $0.timeZone = TimeZone(identifier: "Europe/Warsaw")!
            $0.productField = "Product__c"
            $0.cancelDateField = "Cancelled__c"
            $0.pipeline = ((($0.outPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("pipeline.csv"), day("2026-04-01"))
        }
        #expect(result.problems.isEmpty, "\(result.problems)")
        // O1's CreatedDate 2026-01-31 23:30 UTC is 1 February 00:30 in Warsaw.
        #expect(result.deals == """
            deal_id,close_date,amount,currency,type,product,reps,status,cancel_date,created_date
            O1,2026-03-02,1200.50,USD,New-Business,Analytics-Suite,R1,won,,2026-02-01
            O2,2026-03-05,2000,EUR,Existing-Customer-Upgrade,,R2:60.00;R3:40.00,won,,
            O4,2026-03-07,300.000001,USD,other,,R3,cancelled,2026-03-20,

            """)
        // O5, 900 USD split 50/50: 450 each, probability 75 % = 0.75.
        #expect(result.pipeline == """
            opp_id,rep_id,snapshot_date,stage,probability,amount,currency,expected_close
            O5,R1,2026-04-01,Negotiation/Review,0.75,450,USD,2026-04-30
            O5,R2,2026-04-01,Negotiation/Review,0.75,450,USD,2026-04-30

            """)
        let summary = try #require(result.summary)
        #expect(summary.rowsRead == 6 && summary.dealsWritten == 3 && summary.pipelineRowsWritten == 2)
        #expect(summary.skipped == [.lost: 1, .noAmount: 1])
    }

    @Test func severalSplitTypesNeedOneChosen() throws {
        let result = try run(.salesforce, export: Self.salesforce, splits: Self.splits)
        #expect(result.problems.contains("4:4 the file holds several split types (REV, OVERLAY); choose one with --split-type"), "\(result.problems)")
    }

    /// Unknown owners are listed once each, with how many rows name them; other problems keep
    /// their line and column.
    @Test func everyProblemIsListedAndNothingWritten() throws {
        let export = """
            Id,Amount,CloseDate,StageName,IsWon,OwnerId,CurrencyIsoCode
            A1,100,2026-03-01,Closed Won,true,005X,USD
            A2,100,2026-03-01,Closed Won,true,005X,USD
            A3,-5,2026-03-01,Closed Won,true,005A,USD
            A4,100,2026-13-01,Closed Won,true,005A,USD
            A5,100,2026-03-01,Closed Won,maybe,005A,USD
            A6,100,2026-03-01,Closed Won,true,005A,XYZ
            A1,100,2026-03-01,Closed Won,true,005A,USD
            A8,100,2026-03-01,Closed Won,true,,USD

            """
        let result = try run(.salesforce, export: export)
        #expect(result.problems == [
            "2:6 owner '005X' has no participant in people.csv for salesforce (2 rows name it)",
            "4:2 Amount '-5' is not a plain decimal number (digits with an optional '.' and decimals)",
            "5:3 CloseDate '2026-13-01' is neither a date YYYY-MM-DD nor a timestamp such as 2026-03-31T18:02:11Z",
            "6:5 IsWon 'maybe' is neither true nor false",
            "7:7 unknown currency 'XYZ' (not an ISO 4217 code)",
            "8:1 Id A1 is given twice (first on line 2)",
            "9:6 OwnerId is required",
        ])
    }

    @Test func missingColumnsAreNamed() throws {
        let result = try run(.salesforce, export: "Id,Amount,StageName,IsWon\nA1,100,Closed Won,true\n")
        #expect(result.problems == [
            "1 missing columns: CloseDate, OwnerId, CurrencyIsoCode (a single-currency org's export has no currency column: give --currency)",
        ])
        let single = try run(.salesforce, export: "Id,Amount,CloseDate,StageName,IsWon,OwnerId\nA1,100,2026-03-01,Closed Won,true,005A\n") {
            $0.currency = .usd
        }
        #expect(single.deals?.hasSuffix("A1,2026-03-01,100,USD,other,,R1,won,,\n") == true, "\(single.problems)")
    }

    /// HubSpot's export with English labels and a BOM; `Contract Won` counted as won too.
    @Test func hubSpotLabels() throws {
        let export = "\u{FEFF}Record ID,Deal Name,Amount,Close Date,Deal Stage,Deal owner,Currency,Deal Type,Create Date\n"
            + "11,\"Acme, Inc.\",5000,2026-03-09 23:15,Closed Won,101,USD,newbusiness,2026-01-05 08:00\n"
            + "12,Globex,750.25,2026-03-10 00:05,Contract Won,102,EUR,Existing Business,\n"
            + "13,Initech,900,2026-03-11 10:00,Closed Lost,101,USD,newbusiness,\n"
            + "14,Hooli,900,2026-04-11 10:00,appointmentscheduled,101,USD,newbusiness,\n"
        let result = try run(.hubspot, export: export) { $0.wonStages = ["Contract Won"] }
        #expect(result.deals == """
            deal_id,close_date,amount,currency,type,product,reps,status,cancel_date,created_date
            11,2026-03-09,5000,USD,newbusiness,,R1,won,,2026-01-05
            12,2026-03-10,750.25,EUR,Existing-Business,,R2,won,,

            """, "\(result.problems)")
        #expect(result.summary?.skipped == [.lost: 1, .open: 1])
    }

    /// HubSpot's export with internal property names, every field quoted and \r\n; the open deal
    /// goes to the pipeline with HubSpot's 0–1 probability as it is, its owner at 100 %.
    @Test func hubSpotInternalNames() throws {
        let export = [
            #""hs_object_id","dealname","amount","closedate","dealstage","hubspot_owner_id","deal_currency_code","dealtype","createdate","hs_deal_stage_probability""#,
            #""31","Acme","1000","2026-03-31T22:30:00Z","closedwon","101","USD","newbusiness","2026-03-01T08:00:00Z","1""#,
            #""32","Globex","2500.5","2026-04-15T10:00:00Z","contractsent","102","EUR","existingbusiness","","0.9""#,
        ].joined(separator: "\r\n") + "\r\n"
        let result = try run(.hubspot, export: Array(export.utf8)) {
            $0.timeZone = TimeZone(identifier: "Europe/Warsaw")!
            $0.pipeline = ((($0.outPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("pipeline.csv"), day("2026-04-01"))
        }
        // 22:30 UTC on 31 March is 00:30 on 1 April in Warsaw.
        #expect(result.deals == """
            deal_id,close_date,amount,currency,type,product,reps,status,cancel_date,created_date
            31,2026-04-01,1000,USD,newbusiness,,R1,won,,2026-03-01

            """, "\(result.problems)")
        #expect(result.pipeline == """
            opp_id,rep_id,snapshot_date,stage,probability,amount,currency,expected_close
            32,R2,2026-04-01,contractsent,0.9,2500.5,EUR,2026-04-15

            """)
    }

    @Test func hostileExportsGiveAClearError() throws {
        // An unterminated quote, a field past 1 MiB, bytes that are not UTF-8.
        let header = "Id,Amount,CloseDate,StageName,IsWon,OwnerId,CurrencyIsoCode\n"
        let unterminated = try run(.salesforce, export: header + "\"A1,100,2026-03-01,Closed Won,true,005A,USD\n")
        #expect(unterminated.problems.count == 1 && unterminated.problems[0].hasPrefix("2:"), "\(unterminated.problems)")
        let huge = try run(.salesforce, export: header + "A1," + String(repeating: "9", count: 1 << 21) + ",2026-03-01,Closed Won,true,005A,USD\n")
        #expect(huge.problems.count == 1 && huge.problems[0].hasPrefix("2:"), "\(huge.problems)")
        let invalid = try run(.salesforce, export: Array((header + "A").utf8) + [0xFF] + Array("1,100,2026-03-01,Closed Won,true,005A,USD\n".utf8))
        #expect(invalid.problems == ["2:1 Id is not valid UTF-8"])
    }

    /// An export large enough to be read on two cores (over 4 MiB a part): the deals come out in
    /// the export's order, and a problem near the end is reported on its own line.
    @Test func aLargeExportReadOnEveryCore() throws {
        let rows = 120_000
        var export = "Id,Amount,CloseDate,StageName,IsWon,OwnerId,CurrencyIsoCode,Description\n"
        for row in 1...rows {
            let date = row == 100_000 ? "2026-02-30" : "2026-03-01"
            export += "OPP\(row),\(row).50,\(date),Closed Won,true,005A,USD,\"a note, with \"\"quotes\"\"\nand a second line\"\n"
        }
        let broken = try run(.salesforce, export: export)
        // Header on line 1, each row two lines: row 100 000 starts on line 2 × 100 000.
        #expect(broken.problems == ["200000:3 CloseDate '2026-02-30' is neither a date YYYY-MM-DD nor a timestamp such as 2026-03-31T18:02:11Z"])
        let fixed = try run(.salesforce, export: export.replacingOccurrences(of: "2026-02-30", with: "2026-03-01"))
        let lines = try #require(fixed.deals).split(separator: "\n")
        #expect(lines.count == rows + 1 && fixed.summary?.dealsWritten == rows)
        #expect(lines[1] == "OPP1,2026-03-01,1.50,USD,other,,R1,won,,")
        #expect(lines[rows] == "OPP\(rows),2026-03-01,\(rows).50,USD,other,,R1,won,,")
        #expect(lines.enumerated().dropFirst().allSatisfy { $0.element.hasPrefix("OPP\($0.offset),") })
    }
}
