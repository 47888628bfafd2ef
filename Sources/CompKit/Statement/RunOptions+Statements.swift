extension RunOptions {
    /// The options of a run that makes statements: the credit rows of `participants` (nil: everyone)
    /// captured for every date, and the types and products of their deals (the file's, as they are
    /// read, and `extraDeals`, at once) kept in `tags`.
    public static func statements(for participants: Set<String>?, tags: DealTags, extraDeals: [Deal] = []) -> RunOptions {
        for deal in extraDeals { tags.observe(deal) }
        return RunOptions(capture: participants.map { .participants($0) } ?? .all, extraDeals: extraDeals, dealObservers: [tags.observe])
    }
}
