/// Something a patient needs that one or more services meet, such as a course of talk
/// treatment for moderate depression. When the patient has the need and every service of
/// the country that meets it fails for them, they fall between services: a gap.
public struct Need: Sendable {
    public var id: String
    /// The need in plain words.
    public var title: String
    /// Which patients have the need; nil means every patient of the country.
    public var when: Condition?
    public var because: String?
    public var sources: [SourceReference]
    public var origin: RuleOrigin
}

/// What the patient pays for a service themselves, as data: the share of the fee.
public struct PatientCost: Sendable {
    /// Percent of the fee the patient pays (0-100).
    public var percent: Double
    /// The cost in plain words.
    public var description: String
    /// When the patient cannot bear the cost (e.g. `{fact: finances.can_pay_share, equals: false}`).
    public var unaffordableWhen: Condition?
    public var sources: [SourceReference]
    public var origin: RuleOrigin
}
