/// The fields of one deal before checking, from a CSV row or an XML `<deal>` element; an optional
/// column the file lacks is empty.
struct RawDeal {
    var line: Int
    var id: RawField
    var closeDate: RawField
    var amount: RawField
    var currency: RawField
    var type: RawField
    var product: RawField
    var status: RawField
    var cancelDate: RawField
    var createdDate: RawField
}
