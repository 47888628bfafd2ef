/// How many deal rows a run read, and how many of the deals were won and cancelled: the first
/// control totals of the summary and manifest.json's `rowCounts`.
public struct DealCounts: Codable, Sendable, Equatable {
    public var dealRows: Int
    public var won: Int
    public var cancelled: Int

    enum CodingKeys: String, CodingKey {
        case dealRows = "deal_rows", won, cancelled
    }

    public init(dealRows: Int = 0, won: Int = 0, cancelled: Int = 0) {
        self.dealRows = dealRows
        self.won = won
        self.cancelled = cancelled
    }
}
