/// The type and product of the deals a statement lists, kept as the deals stream past
/// (`RunOptions.dealObservers`): credit rows do not carry them, and a statement needs them to show
/// which deals earned which SPIFF.
public final class DealTags: @unchecked Sendable {
    public struct Tag: Sendable, Hashable {
        public var type: String
        public var product: String
    }

    /// Whose deals to keep (nil: everyone's).
    private let reps: Set<String>?
    private var tags: [String: Tag] = [:]

    public init(reps: Set<String>? = nil) { self.reps = reps }

    /// Keeps the deal's tag when one of its reps is kept.
    public func observe(_ deal: Deal) {
        if let reps, !deal.splits.contains(where: { reps.contains($0.repID) }) { return }
        tags[deal.id] = Tag(type: deal.type, product: deal.product)
    }

    public subscript(dealID: String) -> Tag? { tags[dealID] }
}
