import Testing
@testable import CompKit

/// summary.md and summary.html (§5): the same content, the page self-contained.
@Suite struct FinanceSummaryTests {
    @Test func numbersForPeople() {
        #expect(SummaryFormat.money(dec("1234567.891"), .usd) == "1,234,567.89")
        #expect(SummaryFormat.money(dec("-1234"), .usd) == "-1,234.00")
        #expect(SummaryFormat.money(dec("999"), .jpy) == "999")
        #expect(SummaryFormat.change(dec("4440"), .usd) == "+4,440.00" && SummaryFormat.change(dec("-0.001"), .usd) == "0.00")
        #expect(SummaryFormat.percent(dec("0.875")) == "87.5 %" && SummaryFormat.percent(nil) == "–")
        #expect(SummaryFormat.signedPercent(dec("133.606026")) == "+133.6 %")
        #expect(SummaryFormat.monthName(month("2026-03")) == "March 2026")
    }

    @Test func htmlIsEscaped() {
        #expect(SummaryHTML.escape("Baker & <Sons> \"x\" 'y'") == "Baker &amp; &lt;Sons&gt; &quot;x&quot; &#39;y&#39;")
        #expect(SummaryHTML.inline("we pay **1 < 2** now") == "we pay <strong>1 &lt; 2</strong> now")
        #expect(SummaryHTML.inline("a ** b") == "a ** b")
    }

    @Test func markdownAndHTMLSayTheSame() throws {
        let result = try FinanceFixture.run("2026-02")
        let files = FinanceSummary(result).files
        #expect(files.map(\.name) == ["summary.md", "summary.html"])
        let markdown = FinanceFixture.text(files[0].bytes), html = FinanceFixture.text(files[1].bytes)
        let sections = ["At a glance", "What we pay this month", "What changed since last month", "Flagged for review",
                        "How good were the forecasts", "Quota attainment", "Sales activity", "Control totals"]
        #expect(markdown.hasPrefix("# Compensation summary — February 2026 (2026-02)\n"))
        #expect(markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) } == sections)
        for section in sections { #expect(html.contains("<h2>\(section)</h2>")) }
        // What we pay: USD 1,320.00 (BASE 1000 + COMMISSION 215 + 105) and EUR 45.00 (R3's commission).
        #expect(markdown.contains("We pay **45.00 EUR** and **1,320.00 USD** this month"))
        // Flagged: R1 against last month and target, R2 against last month and target.
        #expect(markdown.contains("| R1 | Ann One | vs last month | USD | 215.00 | 100.00 | +115.00 | +115.0 % |"))
        // The year to date of the forecasts, and the rounding residual of the control totals.
        #expect(markdown.contains("| FY2026 to date | commit | 4,800.00 | 4,995.02 | -195.02 | 96.1 % |"))
        #expect(markdown.contains("| USD | 6 | 3,500.010000 | 3,500.02 | 0.010000 | 6 / 3,500.02 | yes |"))
        #expect(!markdown.contains("<svg"))
        // Self-contained: no script, no link, nothing fetched; every chart sized.
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="))
        #expect(html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http") == false)
        let charts = html.components(separatedBy: "<svg ").dropFirst()
        #expect(charts.count == 4)  // payout EUR and USD, forecast vs actual, stage calibration
        for chart in charts {
            #expect(chart.hasPrefix("xmlns=\"http://www.w3.org/2000/svg\" id=\"chart-") && chart.contains("width=\"720\" height=\""))
        }
        // The same inputs give the same bytes.
        #expect(FinanceSummary(result).files.map(\.bytes) == files.map(\.bytes))
    }
}
