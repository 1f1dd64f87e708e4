import Foundation
import Synchronization

extension RuleLibrary {
    /// Loads and validates every rule file under the given folders.
    /// - Parameter paths: folders (searched recursively) or single files.
    /// - Throws: every problem found, in file order, each at file:line:column; with cause
    ///   `.unreadable` when a folder or file is missing, empty of rules or unreadable.
    public static func load(from paths: [String]) throws(LoadFailure) -> RuleLibrary {
        try load(try texts(in: paths))
    }

    /// Loads `count` copies of the library from one reading of the files: alike in every
    /// answer, and sharing no reference-counted storage with each other.
    /// - Throws: as ``load(from:)``, once.
    public static func load(from paths: [String], copies count: Int) throws(LoadFailure) -> [RuleLibrary] {
        let texts = try texts(in: paths)
        var copies: [RuleLibrary] = []
        for _ in 0..<max(1, count) { copies.append(try load(texts)) }
        return copies
    }

    /// The rule files under `paths`, read.
    private static func texts(in paths: [String]) throws(LoadFailure) -> [SourceText] {
        let files = try RuleFiles.find(in: paths)
        var texts: [SourceText] = []
        var problems: [Diagnostic] = []
        for file in files {
            do { texts.append(try RuleFiles.read(file)) } catch { problems.append(error) }
        }
        guard problems.isEmpty else { throw LoadFailure(problems, cause: .unreadable) }
        return texts
    }

    /// Loads several rule libraries at once, each on a thread of its own (the current and
    /// the proposed rules of a diff).
    /// - Throws: the failure of the first library, in the order given, that has problems.
    public static func load(libraries: [[String]]) throws(LoadFailure) -> [RuleLibrary] {
        let results = Mutex<[Int: Result<RuleLibrary, LoadFailure>]>([:])
        DispatchQueue.concurrentPerform(iterations: libraries.count) { i in
            let result: Result<RuleLibrary, LoadFailure>
            do throws(LoadFailure) { result = .success(try load(from: libraries[i])) } catch { result = .failure(error) }
            results.withLock { $0[i] = result }
        }
        let all = results.withLock { $0 }
        var loaded: [RuleLibrary] = []
        for i in libraries.indices {
            switch all[i] {
            case .success(let library): loaded.append(library)
            case .failure(let failure): throw failure
            case nil: preconditionFailure("every library is loaded")
            }
        }
        return loaded
    }

    /// Loads rule sets from texts already in memory (tests, editors).
    public static func load(_ texts: [SourceText]) throws(LoadFailure) -> RuleLibrary {
        var problems: [Diagnostic] = []
        var parsed: [(RuleSet, DiagnosticSink)] = []
        for text in texts {
            let sink = DiagnosticSink(source: text)
            do {
                guard let root = try YAMLDocument.parse(text) else {
                    problems.append(text.diagnostic("the rule file is empty", at: nil))
                    continue
                }
                if let ruleSet = RuleSetDecoder(sink: sink).decode(root) {
                    parsed.append((ruleSet, sink))
                }
            } catch {
                problems.append(error)
            }
            problems.append(contentsOf: sink.diagnostics)
        }
        if parsed.count == texts.count {
            var validator = LibraryValidator(files: parsed)
            let library = validator.validate(version: ContentHash.of(texts.map(\.bytes)))
            problems.append(contentsOf: validator.diagnostics)
            if problems.isEmpty, let library { return library }
        }
        throw LoadFailure(problems)
    }
}
