import Foundation

/// Finds the rule files under folders, in a stable order, and reads them.
enum RuleFiles {
    /// Every `.yaml`/`.yml` file below each folder, sorted by path; a path to a file is taken as is.
    static func find(in paths: [String]) throws(LoadFailure) -> [String] {
        var files: [String] = []
        var problems: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
                problems.append(Diagnostic(file: path, location: nil, message: "no such rule folder or file"))
                continue
            }
            guard isFolder.boolValue else {
                files.append(path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let found = (manager.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                .sorted()
                .map { "\(base)/\($0)" }
            if found.isEmpty {
                problems.append(Diagnostic(file: path, location: nil, message: "no rule files (*.yaml) in this folder"))
            }
            files.append(contentsOf: found)
        }
        guard problems.isEmpty else { throw LoadFailure(problems, cause: .unreadable) }
        return files
    }

    static func read(_ path: String) throws(Diagnostic) -> SourceText {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic(file: path, location: nil, message: "cannot read the file")
        }
        return SourceText(name: path, bytes: [UInt8](data))
    }
}
