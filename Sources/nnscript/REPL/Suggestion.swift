// TODO(lead): the front end's "did you mean" (NNScript/Diagnostics) should serve both; this one is for `:` commands.

/// "Did you mean" for mistyped names.
public enum Suggestion {
    /// The name in `names` nearest to `typed`, when it is close enough to be a likely typo.
    ///
    /// Close enough: at most one edit for short names, two for longer ones, and fewer edits than the name is long.
    public static func nearest(to typed: String, among names: [String]) -> String? {
        let limit = typed.count <= 4 ? 1 : 2
        let scored = names.map { (name: $0, distance: editDistance(typed, $0)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }),
              best.distance <= limit, best.distance < best.name.count else { return nil }
        return best.name
    }

    /// Edits (insert, delete, substitute, swap two neighbours) turning `a` into `b`: optimal string alignment.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        // Three rows suffice: the swap looks two rows back.
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
