import Foundation

/// Finds the rule files under folders, in a stable order, and reads them.
enum RuleFiles {
    /// Every `.yaml`/`.yml` file below each folder, sorted by path; a path to a file is taken as is.
    static func find(in paths: [String]) throws(LoadFailure) -> [RuleFile] {
        var files: [RuleFile] = []
        var problems: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
                problems.append(Diagnostic(file: path, location: nil, message: "no such rule folder or file"))
                continue
            }
            guard isFolder.boolValue else {
                files.append(RuleFile(path: path, shown: (path as NSString).lastPathComponent))
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let found = (manager.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                .sorted()
                .map { RuleFile(path: "\(base)/\($0)", shown: $0) }
            if found.isEmpty {
                problems.append(Diagnostic(file: path, location: nil, message: "no rule files (*.yaml) in this folder"))
            }
            files.append(contentsOf: found)
        }
        guard problems.isEmpty else { throw LoadFailure(problems, cause: .unreadable) }
        return files
    }

    /// A file read by its path, shown by its name alone.
    static func read(_ path: String) throws(Diagnostic) -> SourceText {
        try read(RuleFile(path: path, shown: (path as NSString).lastPathComponent))
    }

    static func read(_ file: RuleFile) throws(Diagnostic) -> SourceText {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw Diagnostic(file: file.path, location: nil, message: "cannot read the file")
        }
        return SourceText(name: file.path, bytes: [UInt8](data), shownName: file.shown)
    }
}

/// A rule file found: its path as the user can open it, and its path under the rules
/// folder that explanations show.
struct RuleFile: Sendable {
    var path: String
    var shown: String
}
