/// "Did you mean …?" suggestions by edit distance.
public enum Suggestions {
    /// The candidate nearest to `word`, if it is near enough to be a plausible misspelling.
    ///
    /// Near enough: at most one edit for words of up to four letters, two up to eight, three beyond
    /// (a transposition such as `tahn` → `tanh` counts as one edit).
    public static func nearest<S: Sequence>(to word: String, in candidates: S) -> String? where S.Element == String {
        guard !word.isEmpty, word.utf8.count <= 64 else { return nil }
        let source = Array(word.lowercased().unicodeScalars)
        let limit = source.count <= 4 ? 1 : source.count <= 8 ? 2 : 3
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let target = Array(candidate.lowercased().unicodeScalars)
            guard abs(target.count - source.count) <= limit else { continue }
            let distance = editDistance(source, target)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rolling rows: the transposition rule looks two rows back.
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = Swift.min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
