/// The first bad line of a cohort read with `--strict`.
public struct CohortLineError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: DiffReport.BadLine
    public var description: String { "\(file):\(line.line):\(line.column): error: \(line.message)" }
}
