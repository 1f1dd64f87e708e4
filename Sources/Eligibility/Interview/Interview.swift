/// Asks the open questions for one patient one at a time, the answer that decides most
/// first, and evaluates again after each answer. The front end only shows the question
/// and passes on what was typed.
public struct Interview: Sendable {
    public let engine: Engine
    /// The patient with every answer so far.
    public private(set) var patient: Patient
    public let asOf: Day?
    /// The services the interview decides (nil: all of the patient's country).
    public let services: [String]?
    /// Facts answered "don't know": not asked again, written as `null`.
    public private(set) var unknown: Set<String> = []
    /// Facts given a value in this interview, in the order answered.
    public private(set) var answered: [String] = []

    /// - Throws: a failure naming unknown service ids.
    public init(engine: Engine, patient: Patient, asOf: Day? = nil, services: [String]? = nil) throws(LoadFailure) {
        self.engine = engine
        self.patient = patient
        self.asOf = asOf
        self.services = services
        _ = try engine.serviceIndices(services)
    }

    /// The alert that replaces the planned route (acute risk), once the answers so far
    /// show it: the interview stops there, and the alert is shown at once.
    public func acuteRoute() -> Alert? {
        (try? engine.report(for: patient, asOf: asOf, services: services))?.acuteRoute
    }

    /// The question to ask next: the first open question not answered "don't know"; nil
    /// when the chosen services are decided or only "don't know" answers remain.
    public func next() -> Question? {
        let open = (try? engine.questions(for: patient, asOf: asOf, services: services)) ?? []
        return open.first { !unknown.contains($0.fact) }
    }

    /// Records an answer to a question, after checking that the patient file stays valid
    /// (ranges, ICD-10 codes, dates: the checks a patient file gets).
    /// - Throws: what was expected and what was found; nothing is recorded then.
    public mutating func answer(_ typed: String, to question: Question) throws(AnswerProblem) {
        switch try question.read(typed) {
        case .unknown:
            unknown.insert(question.fact)
        case .value(let value):
            var trial = patient
            trial.facts[question.fact] = value
            let text = PatientYAML.render(trial, catalog: engine.library.catalog)
            do {
                trial = try engine.decoder.decode(SourceText(name: "answer", text: text))
            } catch {
                throw AnswerProblem(expected: question.answerForm, found: typed.trimmingWhitespace,
                                    refusal: error.diagnostics.first?.message ?? "the answer is not accepted")
            }
            patient = trial
            answered.append(question.fact)
        }
    }

    /// The full report with every answer so far.
    public func report() -> Report? {
        try? engine.report(for: patient, asOf: asOf, services: services)
    }

    /// The patient file with the answers: readable YAML, "don't know" answers as `null`.
    public var patientFile: String {
        PatientYAML.render(patient, unknown: unknown.subtracting(patient.facts.keys), catalog: engine.library.catalog)
    }

    /// The question as shown: its words, the services it decides by title, its choices
    /// numbered, and what to type.
    public func prompt(_ question: Question, number: Int) -> String {
        let first = "\(number). "
        var text = Wrapping.block(question.question, width: 100, first: first, indent: first.count)
        let titles = question.decides.map { id in
            engine.library.services.first { $0.id == id }.map { ServiceOutcome.shortened($0.title) } ?? id
        }
        text += Wrapping.block("(decides: " + titles.joined(separator: "; ") + ")", width: 100,
                               first: String(repeating: " ", count: first.count), indent: first.count + 1)
        for (i, choice) in question.choices.enumerated() {
            text += Wrapping.block(choice.label, width: 100, first: "   \(i + 1). ", indent: 6)
        }
        text += "   [\(question.answerForm), ? = don't know] > "
        return text
    }
}
