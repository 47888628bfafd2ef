import Testing
@testable import CompKit

@Suite struct PayLineTests {
    @Test func payTypesInPayrollOrderWithTheirLabels() {
        #expect(PayType.allCases.sorted().map(\.label) == ["BASE", "COMMISSION", "HOLDBACK", "HOLDBACK_RELEASE", "BONUS", "SPIFF", "DRAW", "DRAW_RECOVERY"])
        #expect(PayType(label: "DRAW_RECOVERY") == .drawRecovery)
        #expect(PayType(label: "draw") == nil)
    }
}
