/// Damages recipe text the way editors, pastes and broken files do: byte and token edits, truncations, splices,
/// odd Unicode, NUL, invalid UTF-8. Works on bytes, because a file's bytes are what `SourceFile.read` repairs.
struct RecipeMutator {
    var rng: SplitMix64

    /// Bytes worth inserting: separators, brackets, quotes, huge numbers, control characters, odd and broken UTF-8.
    static let interestingPieces: [[UInt8]] = ([
        "", " ", "\n", "\r", "\r\n", "\t", ";", "(", ")", "[", "]", ",", "=", "==", "-", "^", "|", ":", "\"", "\\",
        "#", ".", "0", "1e", "x", "layer", "data", "on", "samples", "tanh", "\0", "é", "e\u{301}", "\u{FEFF}",
        "\u{202E}", "\u{200B}", "\u{2028}", "\u{FFFD}", "😀", "👩‍👩‍👧", "ｌａｙｅｒ", "\u{1B}[2J", "\u{7F}",
        "99999999999999999999", "1e400", "1e308", "-1e308", "4.9e-324", "9007199254740993", "2^1024", ".", "..",
    ].map { Array($0.utf8) }) + [
        [0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0x80],
        [0xF0, 0x9F, 0x98],
    ]

    /// Words and punctuation a token may be replaced by.
    static let replacementTokens = RecipeGenerator.allWords
        + ["(", ")", "[", "]", ",", "=", "|", "-", "1", "1e999", "\"s\""]

    /// One to a few random edits of `bytes`; `corpus` supplies text to splice in.
    mutating func mutate(_ bytes: [UInt8], corpus: [[UInt8]]) -> [UInt8] {
        var out = bytes
        for _ in 0..<rng.int(in: 1...rng.pick([1, 3, 8])) {
            switch rng.below(12) {
            case 0: insert(rng.pick(Self.interestingPieces), into: &out)
            case 1: insert([UInt8(truncatingIfNeeded: rng.next())], into: &out)
            case 2: deleteRange(&out)
            case 3: duplicateRange(&out)
            case 4: if !out.isEmpty { out[rng.below(out.count)] = UInt8(truncatingIfNeeded: rng.next()) }
            case 5: if !out.isEmpty { out[rng.below(out.count)] ^= 1 << UInt8(rng.below(8)) }
            case 6: out = Array(out.prefix(rng.below(out.count + 1)))  // truncation, often mid-character
            case 7: out = splice(out, with: rng.pick(corpus))
            case 8: out = tokenEdit(out, corpus: corpus)
            case 9: swapLines(&out)
            case 10: insert(Array(rng.pick(Self.interestingPieces).prefix(1)) + [UInt8(ascii: " ")], into: &out)
            default:
                var generator = RecipeGenerator(rng: SplitMix64(seed: rng.next()))
                insert(Array(generator.statement().utf8) + [10], into: &out)
            }
        }
        return out
    }

    // MARK: - Byte edits

    private mutating func insert(_ piece: [UInt8], into bytes: inout [UInt8]) {
        bytes.insert(contentsOf: piece, at: rng.below(bytes.count + 1))
    }

    private mutating func randomRange(in bytes: [UInt8]) -> Range<Int> {
        let start = rng.below(bytes.count + 1)
        return start..<min(bytes.count, start + rng.skewedLength(64))
    }

    private mutating func deleteRange(_ bytes: inout [UInt8]) {
        bytes.removeSubrange(randomRange(in: bytes))
    }

    private mutating func duplicateRange(_ bytes: inout [UInt8]) {
        let range = randomRange(in: bytes)
        let copy = Array(bytes[range])
        for _ in 0..<(rng.chance(5) ? rng.int(in: 2...500) : 1) { insert(copy, into: &bytes) }
    }

    /// The head of one text joined to the tail of another, at random points.
    private mutating func splice(_ a: [UInt8], with b: [UInt8]) -> [UInt8] {
        Array(a.prefix(rng.below(a.count + 1))) + Array(b.suffix(rng.below(b.count + 1)))
    }

    private mutating func swapLines(_ bytes: inout [UInt8]) {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        guard lines.count > 1 else { return }
        lines.swapAt(rng.below(lines.count), rng.below(lines.count))
        bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }

    // MARK: - Token edits

    /// Re-lexes the text and deletes, repeats, swaps or replaces one token, keeping the rest byte for byte.
    private mutating func tokenEdit(_ bytes: [UInt8], corpus: [[UInt8]]) -> [UInt8] {
        let tokens = Lexer.tokenize(String(decoding: bytes, as: UTF8.self), file: "m").tokens.dropLast()
        guard !tokens.isEmpty else { return bytes }
        // Offsets refer to the repaired text, which equals `bytes` when they were valid UTF-8.
        let text = Array(String(decoding: bytes, as: UTF8.self).utf8)
        let token = rng.pick(Array(tokens))
        let range = token.range.start.offset..<token.range.end.offset
        var out = text
        switch rng.below(4) {
        case 0: out.removeSubrange(range)
        case 1: out.insert(contentsOf: Array(text[range]) + [UInt8(ascii: " ")], at: range.lowerBound)
        case 2:
            let other = rng.pick(Array(tokens))
            let otherRange = other.range.start.offset..<other.range.end.offset
            out.replaceSubrange(range, with: text[otherRange])
        default:
            out.replaceSubrange(range, with: Array(rng.pick(Self.replacementTokens).utf8))
        }
        return out
    }
}
