/// How a deals file is read: deals.xml by streaming its `<deal>` elements, anything else as CSV
/// (§2.2). Decided by the file's name, the same way by every reader.
enum DealFileFormat {
    case csv, xml

    init(path: String) { self = path.hasSuffix(".xml") ? .xml : .csv }
}
