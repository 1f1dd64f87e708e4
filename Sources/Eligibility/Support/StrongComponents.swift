/// The strongly connected components of a directed graph (Tarjan's algorithm): groups of
/// nodes that each reach all the others. The order in which items are granted and the
/// cycles the service graph draws are both read from them.
enum StrongComponents {
    /// - Parameter successors: per node, the nodes it has an edge to.
    /// - Returns: the components in the order the algorithm closes them, so that a
    ///   component comes after every component it has an edge to.
    /// - Complexity: O(nodes + edges).
    static func of(_ successors: [[Int]]) -> [[Int]] {
        let count = successors.count
        var index = Array(repeating: -1, count: count)
        var low = Array(repeating: 0, count: count)
        var onStack = Array(repeating: false, count: count)
        var stack: [Int] = []
        var next = 0
        var components: [[Int]] = []
        func connect(_ v: Int) {
            index[v] = next
            low[v] = next
            next += 1
            stack.append(v)
            onStack[v] = true
            for w in successors[v] {
                if index[w] < 0 {
                    connect(w)
                    low[v] = min(low[v], low[w])
                } else if onStack[w] {
                    low[v] = min(low[v], index[w])
                }
            }
            guard low[v] == index[v] else { return }
            var component: [Int] = []
            while let w = stack.popLast() {
                onStack[w] = false
                component.append(w)
                if w == v { break }
            }
            components.append(component)
        }
        for v in 0..<count where index[v] < 0 { connect(v) }
        return components
    }
}
