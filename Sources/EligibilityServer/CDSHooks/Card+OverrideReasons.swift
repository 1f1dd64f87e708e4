extension Card {
    /// The system of the override reasons this service offers.
    static let overrideReasonSystem = "urn:eligcheck:override-reason"

    /// Why a GP may set a card aside, offered on every card (CDS Hooks `overrideReasons`)
    /// and read back from feedback: the few reasons that tell the rule authors something
    /// different (a wrong fact is the record's to fix; a clinical judgement is the rules').
    static let overrideReasons: [(code: String, display: String)] = [
        ("clinical-judgement", "Clinical judgement differs from the rules"),
        ("record-out-of-date", "The record's facts are wrong or out of date"),
        ("patient-declines", "The patient declines"),
        ("already-arranged", "Already arranged another way"),
    ]
}
