extension StatementDocument {
    /// The words of a heading or a paragraph, as UTF-8 bytes. Written as a string literal whose
    /// amounts, decimals and dates are interpolated straight from their values
    /// (`"Quota \(quota, in: money)."`): a run writes tens of thousands of statements, and a string
    /// per figure would cost more than the page they are on.
    public struct Text: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
        public private(set) var bytes: [UInt8]

        public init(_ string: String) { bytes = Array(string.utf8) }
        public init(stringLiteral string: String) { self.init(string) }
        public init(stringInterpolation: Interpolation) { bytes = stringInterpolation.bytes }

        public var description: String { String(decoding: bytes, as: UTF8.self) }

        public static func + (first: Text, second: Text) -> Text {
            var joined = first
            joined += second
            return joined
        }

        public static func += (text: inout Text, more: Text) { text.bytes += more.bytes }

        /// A literal's pieces and figures appended one after another.
        public struct Interpolation: StringInterpolationProtocol {
            fileprivate var bytes: [UInt8] = []

            public init(literalCapacity: Int, interpolationCount: Int) {
                bytes.reserveCapacity(literalCapacity + 12 * interpolationCount)
            }

            public mutating func appendLiteral(_ literal: String) { bytes.append(utf8Of: literal) }
            public mutating func appendInterpolation(_ value: some CustomStringConvertible) { bytes.append(utf8Of: value.description) }
            public mutating func appendInterpolation(_ text: Text) { bytes += text.bytes }
            /// An amount as `currency` writes it: rounded to its minor unit.
            public mutating func appendInterpolation(_ amount: ExactDecimal, in currency: Currency) { bytes.append(amount, in: currency) }
            /// `value` rounded half away from zero to `decimals` decimals, written with exactly that many.
            public mutating func appendInterpolation(_ value: ExactDecimal, decimals: Int) { bytes.append(value, decimals: decimals) }
            /// `value` exactly, as `ExactDecimal.exactText(minDecimals:)` writes it.
            public mutating func appendInterpolation(exact value: ExactDecimal, minDecimals: Int = 0) {
                bytes.append(exact: value, minDecimals: minDecimals)
            }
            /// A rate as a percentage, exactly (`12.5 %`).
            public mutating func appendInterpolation(percent rate: ExactDecimal) { bytes.append(percent: rate) }
            public mutating func appendInterpolation(_ date: CalendarDate) { bytes.append(date) }
        }
    }
}

/// How a statement writes figures as UTF-8 bytes, for the words (`StatementDocument.Text`) and the
/// table cells (`StatementDocument.Table`) alike.
extension [UInt8] {
    mutating func append(utf8Of string: String) {
        var string = string
        string.withUTF8 { append(contentsOf: $0) }
    }

    mutating func append(_ value: ExactDecimal, decimals: Int) {
        value.withFormattedBytes(decimals: decimals) { append(contentsOf: $0) }
    }

    mutating func append(_ amount: ExactDecimal, in currency: Currency) {
        append(amount, decimals: currency.minorUnits)
    }

    mutating func append(exact value: ExactDecimal, minDecimals: Int) {
        let exact = value.exactDigits(minDecimals: minDecimals)
        append(exact.value, decimals: exact.decimals)
    }

    mutating func append(percent rate: ExactDecimal) {
        append(exact: rate.percentValue, minDecimals: 0)
        append(UInt8(ascii: " "))
        append(UInt8(ascii: "%"))
    }

    mutating func append(_ date: CalendarDate) {
        date.withISOBytes { append(contentsOf: $0) }
    }
}
