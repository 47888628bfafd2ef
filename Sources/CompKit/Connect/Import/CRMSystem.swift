/// The CRMs `comp import` reads (§8.1), and the columns of their opportunity exports: the API
/// field names Salesforce's Data Loader and Bulk API write, HubSpot's internal property names or
/// its export's English labels. Header names are matched whatever their case.
public enum CRMSystem: String, Sendable, CaseIterable {
    case salesforce, hubspot

    /// A field of an export, under each name it may have.
    struct Field {
        let names: [String]
        /// What error messages call it.
        var title: String { names[0] }
    }

    var id: Field { self == .salesforce ? Field(names: ["Id"]) : Field(names: ["hs_object_id", "Record ID"]) }
    var amount: Field { self == .salesforce ? Field(names: ["Amount"]) : Field(names: ["amount", "Amount"]) }
    var closeDate: Field { self == .salesforce ? Field(names: ["CloseDate"]) : Field(names: ["closedate", "Close Date"]) }
    var stage: Field { self == .salesforce ? Field(names: ["StageName"]) : Field(names: ["dealstage", "Deal Stage"]) }
    var owner: Field { self == .salesforce ? Field(names: ["OwnerId"]) : Field(names: ["hubspot_owner_id", "Deal owner"]) }
    var currency: Field {
        self == .salesforce ? Field(names: ["CurrencyIsoCode"]) : Field(names: ["deal_currency_code", "Currency"])
    }
    var type: Field { self == .salesforce ? Field(names: ["Type"]) : Field(names: ["dealtype", "Deal Type"]) }
    var createdDate: Field { self == .salesforce ? Field(names: ["CreatedDate"]) : Field(names: ["createdate", "Create Date"]) }
    /// Salesforce: a percent (0–100); HubSpot: a fraction (0–1).
    var probability: Field {
        self == .salesforce ? Field(names: ["Probability"]) : Field(names: ["hs_deal_stage_probability", "Deal Stage Probability", "Deal probability"])
    }
    /// Salesforce only: whether the opportunity is won.
    static let isWon = Field(names: ["IsWon"])
    /// Whether the opportunity is closed (won or lost), when the export has the column.
    var isClosed: Field { self == .salesforce ? Field(names: ["IsClosed"]) : Field(names: ["hs_is_closed", "Is Closed", "Is Deal Closed?"]) }

    /// HubSpot's deal stages that are won and lost, as internal value and as label.
    static let hubSpotWonStages: Set<String> = ["closedwon", "Closed Won"]
    static let hubSpotLostStages: Set<String> = ["closedlost", "Closed Lost"]
}
