import Foundation
import NNScript

// MARK: - Results

/// One word tab completion may put in place of the word being typed.
public struct CompletionCandidate: Equatable, Sendable {
    /// The replacement for the word from `Completion.wordStart` to the cursor.
    public var text: String
    /// What to type after `text` when it is the only candidate: a space after a whole word, nothing after `lr=`
    /// or a directory, the closing quote after a file name.
    public var suffix: String

    public init(_ text: String, suffix: String = " ") {
        self.text = text
        self.suffix = suffix
    }
}

/// What tab completion offers at a cursor position.
public struct Completion: Equatable, Sendable {
    /// UTF-8 offset into the line where the word being completed starts.
    public var wordStart: Int
    /// Candidates sorted by text, without duplicates.
    public var candidates: [CompletionCandidate]

    /// The candidates' texts, for display and for tests.
    public var words: [String] { candidates.map(\.text) }
}

/// An entry of a directory listing, as file-name completion sees it.
public struct DirectoryEntry: Equatable, Sendable {
    public var name: String
    public var isDirectory: Bool

    public init(name: String, isDirectory: Bool) {
        self.name = name
        self.isDirectory = isDirectory
    }
}

// MARK: - Completer

/// Works out what may be typed at the cursor from the statement around it; pure apart from directory listings.
public struct Completer: Sendable {
    /// Characters that end a word, as readline must be told too (`rl_completer_word_break_characters`).
    public static let wordBreakCharacters = " \t\n;\"(),[]=<>!+-*/^"

    /// Names the session defined (custom activations, `let` constants), offered beside the built-in ones.
    public var userNames: REPLUserNames
    /// Lists a directory (a path as typed, `""` for the working directory); nil when it cannot be read.
    public var listDirectory: @Sendable (String) -> [DirectoryEntry]?

    /// Makes a completer; directory listings come from the file system unless `listDirectory` is given.
    public init(
        userNames: REPLUserNames = REPLUserNames(),
        listDirectory: @escaping @Sendable (String) -> [DirectoryEntry]? = Completer.fileSystemListing
    ) {
        self.userNames = userNames
        self.listDirectory = listDirectory
    }

    /// The candidates for the word that ends at `cursor` (a UTF-8 offset; the end of `line` when nil).
    public func complete(_ line: String, cursor: Int? = nil) -> Completion {
        let bytes = Array(line.utf8)
        let end = min(max(cursor ?? bytes.count, 0), bytes.count)
        let scan = StatementScan(bytes[..<end])
        if scan.inComment { return Completion(wordStart: end, candidates: []) }
        if let quoteEnd = scan.openQuoteEnd {
            let typed = String(decoding: bytes[quoteEnd..<end], as: UTF8.self)
            return Completion(wordStart: quoteEnd, candidates: sorted(fileCandidates(typed, closing: "\"")))
        }
        var wordStart = end
        while wordStart > scan.statementStart, !Self.breaks.contains(bytes[wordStart - 1]) { wordStart -= 1 }
        let word = String(decoding: bytes[wordStart..<end], as: UTF8.self)
        let before = String(decoding: bytes[scan.statementStart..<wordStart], as: UTF8.self)
        let tokens = before.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        let isMeta = scan.statementStart == 0 && (tokens.first ?? word).hasPrefix(":")
        let offered = isMeta ? metaCandidates(tokens, word: word) : statementCandidates(tokens, endsWithKey: before)
        return Completion(wordStart: wordStart, candidates: sorted(offered.filter { $0.text.hasPrefix(word) }))
    }

    private static let breaks = Set(wordBreakCharacters.utf8)

    // MARK: - Contexts

    /// Candidates after `:` at the start of a line: the commands, then their arguments.
    private func metaCandidates(_ tokens: [String], word: String) -> [CompletionCandidate] {
        guard let command = tokens.first else { return words(REPLCommand.completionNames) }
        guard tokens.count == 1 else { return [] }
        switch command {
        case ":help": return words(REPLCommand.completionNames + Vocabulary.statements)
        case ":save", ":load": return fileCandidates(word, closing: "")
        default: return []
        }
    }

    /// Candidates inside a statement, from the words already typed before the cursor's word.
    private func statementCandidates(_ tokens: [String], endsWithKey before: String) -> [CompletionCandidate] {
        guard let keyword = tokens.first else { return words(Vocabulary.statements) }
        if let key = optionKey(before) {
            switch key {
            case "init": return words(Vocabulary.initSchemes)
            case "bias": return words(["true", "false"])
            default: return []
            }
        }
        let count = tokens.count
        let used = Set(tokens.compactMap { $0.split(separator: "=").first.map(String.init) })
        /// The options of the named thing in `tokens[1]`, or every option when it is not (yet) known.
        func options(of list: [(name: String, options: [String])]) -> [CompletionCandidate] {
            let known = list.first { $0.name == tokens[1] }?.options ?? list.flatMap(\.options)
            return self.options(known, except: used)
        }
        switch keyword {
        case "layer":
            return count == 2 ? activations : count > 2 ? self.options(Vocabulary.layerOptions, except: used) : []
        case "output":
            return count == 1 || (count == 2 && Double(tokens[1]) != nil) ? activations : []
        case "insert", "replace":
            if count == 1 { return words(["layer"]) }
            return count == 4 ? activations : count > 4 ? self.options(Vocabulary.layerOptions, except: used) : []
        case "remove":
            return count == 1 ? words(["layer"]) : []
        case "optimizer":
            return count == 1 ? words(Vocabulary.optimizers.map(\.name)) : options(of: Vocabulary.optimizers)
        case "loss":
            return count == 1 ? words(Vocabulary.losses.map(\.name)) : options(of: Vocabulary.losses)
        case "schedule":
            return count == 1 ? words(Vocabulary.schedules.map(\.name)) : options(of: Vocabulary.schedules)
        case "init":
            return count == 1 ? words(Vocabulary.initSchemes) : []
        case "expect":
            return count == 1 || count == 3 ? words(Vocabulary.metrics) : []
        case "train":
            return count == 2 ? words(Vocabulary.trainUnits) : []
        case "data":
            let keywords: [Keyword] = count == 1 ? [.csv, .noise, .on, .samples, .grid] : [.noise, .on, .samples, .grid]
            return words(keywords.map(\.rawValue)) + expressionNames
        case "holdout":
            return words([Keyword.on.rawValue, Keyword.samples.rawValue])
        case "let":
            return count >= 3 ? expressionNames : []
        case "print", "predict":
            return expressionNames
        case "activation":
            return count >= 2 ? expressionNames : []
        case "plot":
            return count == 1 ? words(Vocabulary.plotKinds) : []
        case "export":
            return count == 1 ? words(Vocabulary.exportFormats) : []
        case "batch":
            return count == 1 ? words([Keyword.full.rawValue]) : []
        case "compare":
            return count == 1 ? words(Vocabulary.compareKinds) : []
        default:
            return []
        }
    }

    // MARK: - Candidate lists

    private var activations: [CompletionCandidate] {
        words(Vocabulary.activations.map(\.name) + userNames.activations)
    }

    /// Expression names take no space after them: a bracket or an operator follows.
    private var expressionNames: [CompletionCandidate] {
        let names = [Vocabulary.inputVariable] + Vocabulary.constants + Vocabulary.functions.map(\.name)
        return (names + userNames.constants).map { CompletionCandidate($0, suffix: "") }
    }

    private func words(_ list: [String]) -> [CompletionCandidate] {
        list.map { CompletionCandidate($0) }
    }

    /// `key=` candidates for the keys not given yet.
    private func options(_ keys: [String], except used: Set<String>) -> [CompletionCandidate] {
        keys.filter { !used.contains($0) }.map { CompletionCandidate($0 + "=", suffix: "") }
    }

    /// The key when the text before the word ends in `key=` (but not in `==`, `<=`…).
    private func optionKey(_ before: String) -> String? {
        guard before.hasSuffix("="), let last = before.split(separator: " ").last else { return nil }
        let key = last.dropLast()
        guard let first = key.first, first.isLetter || first == "_",
              key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return String(key)
    }

    /// Files and directories whose path starts with `typed`; a directory ends in `/` and takes no suffix.
    private func fileCandidates(_ typed: String, closing: String) -> [CompletionCandidate] {
        let slash = typed.lastIndex(of: "/")
        let directory = slash.map { String(typed[...$0]) } ?? ""
        let namePrefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        guard let entries = listDirectory(directory) else { return [] }
        return entries
            .filter { $0.name.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.name.hasPrefix(".")) }
            .map { entry in
                entry.isDirectory
                    ? CompletionCandidate(directory + entry.name + "/", suffix: "")
                    : CompletionCandidate(directory + entry.name, suffix: closing)
            }
    }

    private func sorted(_ candidates: [CompletionCandidate]) -> [CompletionCandidate] {
        var seen = Set<String>()
        return candidates.sorted { $0.text < $1.text }.filter { seen.insert($0.text).inserted }
    }

    // MARK: - File system

    /// Lists a directory as typed: relative to the working directory, `~/` meaning the home directory.
    public static func fileSystemListing(_ directory: String) -> [DirectoryEntry]? {
        var path = directory.isEmpty ? "." : directory
        if path.hasPrefix("~/") {
            path = FileManager.default.homeDirectoryForCurrentUser.path + path.dropFirst()
        }
        let files = FileManager.default
        guard let names = try? files.contentsOfDirectory(atPath: path) else { return nil }
        return names.map { name in
            var isDirectory: ObjCBool = false
            _ = files.fileExists(atPath: (path as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
            return DirectoryEntry(name: name, isDirectory: isDirectory.boolValue)
        }
    }
}
