extension Engine {
    /// The plan for one patient as a meeting document, with the steps that would follow
    /// each way out of a deadlock.
    /// - Parameters:
    ///   - asOf: the evaluation date; else the patient's `as_of`; else today.
    ///   - services: only these service ids (all of the patient's jurisdiction when nil).
    /// - Throws: a failure naming unknown service ids.
    public func meetingPlan(for patient: Patient, asOf: Day? = nil, services: [String]? = nil) throws(LoadFailure) -> MeetingPlan {
        let only = try serviceIndices(services)
        let explainer = explainer(for: patient, asOf: asOf)
        let report = explainer.report(patientId: patient.id ?? "(no id)", only: only)
        var followUps: [String: [PlanStep]] = [:]
        for deadlock in report.deadlocks {
            for way in deadlock.waysOut where followUps[way.sentence] == nil {
                followUps[way.sentence] = explainer.followUp(way, cycle: deadlock.cycle)
            }
        }
        return MeetingPlan(report: report, followUps: followUps)
    }
}
