// MARK: - Completer

/// Works out what may be typed at the cursor: the Lexer finds the word being typed (and whether the cursor is in a
/// comment or a string), the Parser says which `GrammarSlot`s its rules tried where that word starts, and
/// `Vocabulary` and the session's names fill them. Pure apart from directory listings and CSV headers.
public struct Completer: Sendable {
    /// Names the session defined, offered beside the built-in ones.
    public var userNames: UserNames
    /// Lists a directory (a path as typed, `""` for the working directory); nil when it cannot be read.
    public var listDirectory: @Sendable (String) -> [DirectoryEntry]?
    /// The header of a CSV file (a path as typed); nil when it cannot be read.
    public var readHeader: @Sendable (String) -> [String]?

    /// Makes a completer; directory listings and CSV headers come from the file system unless `listDirectory`
    /// and `readHeader` are given.
    public init(
        userNames: UserNames = UserNames(),
        listDirectory: @escaping @Sendable (String) -> [DirectoryEntry]? = DirectoryEntry.fileSystemListing,
        readHeader: @escaping @Sendable (String) -> [String]? = DirectoryEntry.csvHeader
    ) {
        self.userNames = userNames
        self.listDirectory = listDirectory
        self.readHeader = readHeader
    }

    /// The candidates for the word that ends at `cursor` (a UTF-8 offset into `line`; its end when nil).
    /// - Parameter pending: the lines of an entry still open before `line` (an open bracket), joined by line
    ///   breaks, so a continuation line completes as part of its statement.
    public func complete(_ line: String, cursor: Int? = nil, after pending: String = "") -> Completion {
        let lineBytes = Array(line.utf8)
        let end = min(max(cursor ?? lineBytes.count, 0), lineBytes.count)
        let lead = pending.isEmpty ? [] : Array(pending.utf8) + [UInt8(ascii: "\n")]
        let text = String(decoding: lead + lineBytes[..<end], as: UTF8.self)
        let word = TypedWord(text)
        let wordStart = max(word.start - lead.count, 0)
        switch word.kind {
        case .nothing:
            return Completion(wordStart: end, candidates: [])
        case .quoted(let typed):
            return Completion(wordStart: wordStart, candidates: sorted(files(typed, closing: "\"")))
        case .word(let typed):
            let before = EntryAssembler.joiningBracketedLines(String(decoding: Array(text.utf8)[..<word.start],
                                                                     as: UTF8.self))
            let offered = Parser.slots(atEndOf: before).flatMap { candidates(for: $0, typed: typed) }
            return Completion(wordStart: wordStart, candidates: sorted(offered.filter { $0.text.hasPrefix(typed) }))
        }
    }

    // MARK: - Slots to words

    private func candidates(for slot: GrammarSlot, typed: String) -> [CompletionCandidate] {
        switch slot {
        case .statement: return words(Vocabulary.statements)
        case .command: return words(MetaCommand.typedNames)
        case .commandArgument(let name):
            switch MetaCommand(named: name)?.argument ?? MetaArgumentKind.none {
            case .optionalTopic: return words(MetaCommand.typedNames + Vocabulary.statements)
            case .file: return files(typed, closing: "")
            case .none: return []
            }
        case .keyword(let keyword): return words([keyword.rawValue])
        case .name(let kind): return names(kind)
        case .option(let owner, let given):
            return Vocabulary.optionKeys(of: owner).filter { !given.contains($0) }
                .map { CompletionCandidate($0 + "=", suffix: "") }
        case .expression(let role): return expressionCandidates(role)
        case .column(let file): return words((readHeader(file) ?? []) + userNames.columns)
        }
    }

    /// Names in an expression: whole words where the role names a choice, else the names an expression may use
    /// (which take no space after them: a bracket or an operator follows).
    private func expressionCandidates(_ role: ExpressionRole) -> [CompletionCandidate] {
        let counts = userNames.constants
        let numbers = Vocabulary.constants + Vocabulary.functions.map(\.name) + userNames.activations + counts
        switch role {
        case .count: return bare(counts)
        case .number: return bare(numbers)
        case .function(let input): return bare([input] + numbers)
        case .feature: return bare((userNames.inputs.isEmpty ? [Vocabulary.inputVariable] : userNames.inputs) + numbers)
        case .option(let owner, let key):
            return Vocabulary.optionValues(of: owner, key: key).map(words) ?? bare(numbers)
        case .alternative(let compare):
            guard let kind = Vocabulary.alternativeNames(of: compare) else {
                return compare == CompareKind.batch.rawValue ? words([Keyword.full.rawValue]) + bare(counts) : []
            }
            return names(kind)
        case .expectedValue: return words(Vocabulary.metrics) + bare(numbers)
        case .sweepValue(let axis):
            return Vocabulary.sweepValueNames(of: axis).map(names) ?? bare(numbers)
        }
    }

    private func names(_ kind: NameKind) -> [CompletionCandidate] {
        words(Vocabulary.names(kind) + (kind == .activation ? userNames.activations : []))
    }

    private func words(_ list: [String]) -> [CompletionCandidate] {
        list.map { CompletionCandidate($0) }
    }

    private func bare(_ list: [String]) -> [CompletionCandidate] {
        list.map { CompletionCandidate($0, suffix: "") }
    }

    /// Files and directories whose path starts with `typed`; a directory ends in `/` and takes no suffix.
    private func files(_ typed: String, closing: String) -> [CompletionCandidate] {
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
}

// MARK: - The word at the cursor

/// The word the cursor ends, as the Lexer reads the text before the cursor.
private struct TypedWord {
    enum Kind {
        /// Nothing to complete: in a comment, or in a number or other token that no name continues.
        case nothing
        /// Inside a string not closed yet: a file name, typed so far.
        case quoted(String)
        /// A name, keyword, `:` command or unquoted command argument, typed so far (maybe empty).
        case word(String)
    }

    var kind: Kind
    /// UTF-8 offset where the word starts (after the quote of a string).
    var start: Int

    init(_ text: String) {
        let end = text.utf8.count
        let lexed = Lexer.tokenize(text, file: "")
        kind = .word("")
        start = end
        if let comment = lexed.comments.last, comment.range.end.offset == end {
            kind = .nothing
            return
        }
        let tokens = lexed.tokens.dropLast()  // end of file
        guard let last = tokens.last, last.range.end.offset == end else { return }
        start = last.range.start.offset
        switch last.kind {
        case .identifier:
            // `:lo`: the colon that starts a command belongs to the word, as readline's word breaks have it.
            let colon = tokens.dropLast().last
            if let colon, colon.kind == .colon, colon.range.end.offset == start {
                start = colon.range.start.offset
                kind = .word(":" + last.text)
            } else {
                kind = .word(last.text)
            }
        case .colon: kind = .word(":")
        case .text: kind = .word(last.text)
        case .invalid where Self.isOpenString(last, in: lexed):
            start += 1
            kind = .quoted(String(decoding: Array(text.utf8)[start...], as: UTF8.self))
        case .number, .invalid: kind = .nothing
        default:
            start = end  // punctuation or a closed string: a new word starts at the cursor
        }
    }

    /// Whether `token` is a string the Lexer found no closing quote for.
    private static func isOpenString(_ token: Token, in lexed: Lexer.Output) -> Bool {
        lexed.diagnostics.contains { $0.id == .unterminatedString && $0.range.start == token.range.start }
    }
}
