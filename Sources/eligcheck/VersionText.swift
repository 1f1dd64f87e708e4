import Eligibility

/// `eligcheck --version`: the tool's version and the versions of the rules it would use.
enum VersionText {
    /// The text to print and the exit status (2 when the rules cannot be loaded).
    static func render(arguments: [String]) -> (text: String, status: Int32) {
        var folders: [String] = []
        var i = 0
        while i < arguments.count {
            if arguments[i] == "--rules", i + 1 < arguments.count { folders.append(arguments[i + 1]); i += 1 }
            i += 1
        }
        let paths = folders.isEmpty ? [BundledRules.folder] : folders
        var text = "eligcheck \(ToolVersion.current)\n"
        do {
            let library = try RuleLibrary.load(from: paths)
            var versions: [String] = []
            for set in library.ruleSets where !versions.contains(set.version) { versions.append(set.version) }
            text += "rules \(versions.joined(separator: ", ")) (content \(library.version); \(library.ruleSets.count) files in \(paths.joined(separator: ", ")))\n"
            return (text, 0)
        } catch {
            text += "rules: cannot be loaded from \(paths.joined(separator: ", "))\n\(error.description)\n"
            return (text, 2)
        }
    }
}
