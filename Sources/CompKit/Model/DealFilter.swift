/// Token filters on a deal's `type` and `product` (`nil` matches anything).
public struct DealFilter: Sendable, Hashable {
    public var types: Set<String>?
    public var products: Set<String>?

    public init(types: Set<String>? = nil, products: Set<String>? = nil) {
        self.types = types
        self.products = products
    }

    public static let any = DealFilter()

    public func matches(type: String, product: String) -> Bool {
        if let types, !types.contains(type) { return false }
        if let products, !products.contains(product) { return false }
        return true
    }
}
