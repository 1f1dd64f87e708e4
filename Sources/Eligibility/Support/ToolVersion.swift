/// The version of the eligcheck tool (the rules carry their own, per rule set).
public enum ToolVersion {
    public static let current = "1.0.0"
}
