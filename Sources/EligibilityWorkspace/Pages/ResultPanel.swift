/// The result beside the form, also rendered alone for the page's script.
struct ResultPanel {
    var report: ResultView?
    var problem: String?
    var unsaved: Bool
}
