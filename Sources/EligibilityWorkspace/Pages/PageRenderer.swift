import Mustache

/// The templates, parsed once when the workspace starts.
struct PageRenderer: Sendable {
    enum Page: String, CaseIterable {
        case layout, list, newCase, message, casePage, field, result, evidence, printView
    }

    private let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        let texts: [Page: String] = [
            .layout: PageTemplates.layout, .list: PageTemplates.list, .newCase: PageTemplates.newCase,
            .message: PageTemplates.message, .casePage: PageTemplates.casePage, .field: PageTemplates.field,
            .result: PageTemplates.result, .evidence: PageTemplates.evidence, .printView: PageTemplates.printView,
        ]
        for page in Page.allCases {
            try library.register(texts[page] ?? "", named: page.rawValue)
        }
        self.library = library
    }

    func render(_ page: Page, _ view: Any) -> String {
        library.render(view, withTemplate: page.rawValue) ?? ""
    }
}
