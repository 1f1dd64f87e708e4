import Mustache

/// The templates, parsed once when the workspace starts.
struct PageRenderer: Sendable {
    enum Page: String, CaseIterable {
        case layout, list, newCase, message, casePage, field, result, evidence, accessLog, meeting, meetingPrint, diagram, members, tokens

        var template: String {
            switch self {
            case .layout: return PageTemplates.layout
            case .list: return PageTemplates.list
            case .newCase: return PageTemplates.newCase
            case .message: return PageTemplates.message
            case .casePage: return PageTemplates.casePage
            case .field: return PageTemplates.field
            case .result: return PageTemplates.result
            case .evidence: return PageTemplates.evidence
            case .accessLog: return PageTemplates.accessLog
            case .meeting: return PageTemplates.meeting
            case .meetingPrint: return PageTemplates.meetingPrint
            case .diagram: return PageTemplates.diagram
            case .members: return PageTemplates.members
            case .tokens: return PageTemplates.tokens
            }
        }
    }

    private let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        for page in Page.allCases {
            try library.register(page.template, named: page.rawValue)
        }
        self.library = library
    }

    func render(_ page: Page, _ view: Any) -> String {
        library.render(view, withTemplate: page.rawValue) ?? ""
    }
}
