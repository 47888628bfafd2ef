import Foundation
import Testing
@testable import CompKit

/// How `comp import` reads CRM values (§8.1): dates and timestamps in a time zone, flags, tokens.
@Suite struct CRMValueTests {
    func date(_ text: String, _ zone: String = "UTC") -> String? {
        var text = text
        var values = CRMValue(zone: TimeZone(identifier: zone)!)
        return text.withUTF8 { values.date($0) }?.description
    }

    @Test func datesAndTimestamps() {
        #expect(date("2026-03-31") == "2026-03-31")
        // 2026-03-31T22:30Z is 00:30 on 1 April in Warsaw (UTC+2 from 29 March) and 18:30 on 31 March in New York.
        #expect(date("2026-03-31T22:30:00.000Z") == "2026-03-31")
        #expect(date("2026-03-31T22:30:00.000Z", "Europe/Warsaw") == "2026-04-01")
        #expect(date("2026-03-31T22:30:00Z", "America/New_York") == "2026-03-31")
        // The same instant on 1 January: Warsaw is UTC+1 in winter, so 23:30 stays on the 1st.
        #expect(date("2026-01-01T22:30:00Z", "Europe/Warsaw") == "2026-01-01")
        #expect(date("2026-01-01T23:30:00Z", "Europe/Warsaw") == "2026-01-02")
        // An offset: 01:00+02:00 is 23:00 UTC the day before.
        #expect(date("2026-03-01T01:00:00+02:00") == "2026-02-28")
        #expect(date("2026-03-01T01:00:00+0200") == "2026-02-28")
        #expect(date("2026-02-28T20:00:00-05:00") == "2026-03-01")
        // HubSpot's export: a time in the time zone already.
        #expect(date("2026-03-31 23:59", "Asia/Tokyo") == "2026-03-31")
        for bad in ["", "2026-02-30", "31/03/2026", "2026-03-31T25:00:00Z", "2026-03-31T10:00:00", "2026-03-31 10", "2026-03-31T10:00:00.Z"] {
            #expect(date(bad) == nil, "\(bad)")
        }
    }

    @Test func tokens() {
        func token(_ text: String) -> String? {
            var text = text
            return text.withUTF8 { CRMValue.token($0) }
        }
        #expect(token("Existing Customer - Upgrade") == "Existing-Customer-Upgrade")
        #expect(token("new") == "new")
        #expect(token("  --New Business!! ") == "New-Business")
        #expect(token("Überweisung") == "berweisung")
        #expect(token(" - ") == nil && token("") == nil)
    }

    @Test func flags() {
        func flag(_ text: String) -> Bool? {
            var text = text
            return text.withUTF8 { CRMValue.flag($0) }
        }
        #expect(flag("true") == true && flag("TRUE") == true && flag("1") == true)
        #expect(flag("false") == false && flag("0") == false && flag("") == false)
        #expect(flag("yes") == nil && flag("tru") == nil && flag("2") == nil)
    }
}
