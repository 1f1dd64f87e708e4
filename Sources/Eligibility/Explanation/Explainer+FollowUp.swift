extension Explainer {
    /// The steps that would follow a way out of a deadlock: the way out is taken, the
    /// fixed point runs again, and the steps that the freed services (and the services
    /// granted now) then rest on are planned. Only a way out that is an action can be
    /// taken; a fact that would have to be different has no steps.
    /// - Parameters:
    ///   - way: a way out of the deadlock.
    ///   - cycle: the services of the deadlock.
    /// - Returns: the planned steps, without the way out itself.
    func followUp(_ way: WayOut, cycle: [String]) -> [PlanStep] {
        guard way.kind == .action, let action = program.item(way.id) else { return [] }
        var trial = evaluator
        trial.run(trackAchievers: true, allowing: action)
        let after = Explainer(evaluator: trial)
        let freed = cycle.compactMap(program.item).filter { trial.granted[$0] }
        guard !freed.isEmpty else { return [] }
        var needed = PlanNeeds()
        for s in freed { needed.merge(after.neededItems(for: s)) }
        return after.steps(needed).filter { $0.id != way.id }
    }
}
