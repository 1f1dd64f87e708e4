import Eligibility

extension RecordFacts {
    static let purposeSystem = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
    static let roleSystem = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
    /// Purpose of use "coordination of care": sharing between the health and social sectors.
    static let coordinationOfCare = "COC"
    /// Role "family member": the patient's relatives.
    static let familyMember = "FAMMEMB"

    /// One active Consent's say on one topic.
    private struct Decision {
        var permits: Bool
        var written: Bool
        var date: Day?
        var path: String
    }

    /// Active Consents → `consent.health_social_sharing` (purpose COC: `written` with a
    /// signed source document, else `verbal`; a denial: `none`) and `consent.relatives`
    /// (actor role FAMMEMB: permit true, deny false). When Consents disagree, the latest
    /// (`dateTime`) holds.
    /// A Consent whose `provision.period` has not begun or has ended on `day` says nothing.
    mutating func readConsents(_ resources: [FHIRElement], on day: Day, into writer: inout FactWriter) throws(FHIRError) {
        var sharing: [Decision] = []
        var relatives: [Decision] = []
        for resource in resources {
            guard try resource.string("resourceType") == "Consent", try resource.string("status") == "active" else { continue }
            guard let provision = try resource.object("provision") else { continue }
            guard let type = try provision.string("type") else { continue }
            if let period = try provision.object("period") {
                if let end = try period.string("end"),
                   let last = try FHIRDate.day(end, at: period.path + ".end", allowTime: true), last < day { continue }
                if let start = try period.string("start"),
                   let first = try FHIRDate.day(start, at: period.path + ".start", allowTime: true), first > day { continue }
            }
            guard type == "permit" || type == "deny" else {
                throw FHIRError(path: provision.path + ".type", message: "expected permit or deny, found '\(type)'")
            }
            let date = try resource.string("dateTime").flatMap { text throws(FHIRError) in
                try FHIRDate.day(text, at: resource.path + ".dateTime", allowTime: true)
            }
            let written = resource.child("sourceAttachment") != nil || resource.child("sourceReference") != nil
            let decision = Decision(permits: type == "permit", written: written, date: date, path: provision.path)
            var purposes: [Coding] = []
            for item in try provision.array("purpose") {
                purposes.append(Coding(system: try item.string("system"), code: try item.string("code"), path: item.path))
            }
            if purposes.contains(where: { $0.system == Self.purposeSystem && $0.code == Self.coordinationOfCare }) {
                sharing.append(decision)
            }
            for actor in try provision.array("actor") {
                if try actor.codings("role").contains(where: { $0.system == Self.roleSystem && $0.code == Self.familyMember }) {
                    relatives.append(Decision(permits: decision.permits, written: written, date: date, path: actor.path))
                }
            }
        }
        if let latest = Self.latest(sharing) {
            let value = latest.permits ? (latest.written ? "written" : "verbal") : "none"
            writer.set("consent.health_social_sharing", .string(value), from: latest.path)
        }
        if let latest = Self.latest(relatives) {
            writer.set("consent.relatives", .bool(latest.permits), from: latest.path)
        }
    }

    /// The latest decision by date; among equals, the last in the bundle.
    private static func latest(_ decisions: [Decision]) -> Decision? {
        decisions.enumerated().max { a, b in
            let da = a.element.date?.ordinal ?? .min, db = b.element.date?.ordinal ?? .min
            return da != db ? da < db : a.offset < b.offset
        }?.element
    }
}
