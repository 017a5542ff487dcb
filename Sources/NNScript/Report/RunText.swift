import Foundation

/// The text of a run's output, line by line: plain functions over the description structs, so the interpreter only
/// fills values and the wording stays in one place.
///
/// Every line after the header starts with a label padded to `labelWidth` (`data    `, `model   `, `report  `…), so
/// the values line up in one column.
public enum RunText {
    public static let labelWidth = 8

    /// `nnscript · examples/sin.nn · seed 7`
    public static func header(_ header: RunHeader) -> String {
        var parts = ["nnscript", header.file]
        if let seed = header.seed { parts.append("seed \(seed)") }
        return parts.joined(separator: " · ")
    }

    /// `data    4000 points   y = sin(x)/2.5 + N(0, 0.05²)   x in [-1, 9]`
    public static func data(_ data: DataDescription) -> String {
        var parts = ["\(data.count) \(data.count == 1 ? "point" : "points")\(data.evenlySpaced ? " on a grid" : "")"]
        switch data.source {
        case let .expression(expression, noise):
            if let noise, noise > 0 {
                parts.append("y = \(expression) + N(0, \(NumberFormat.short(noise))²)")
            } else {
                parts.append("y = \(expression)")
            }
        case let .csv(file):
            parts.append("from \(file)")
        case let .builtin(name, noise):
            parts.append(noise > 0 ? "\(name), noise \(NumberFormat.short(noise))" : name)
        }
        // One input and one output keep the 1-D line; other shapes name their columns instead of the x range.
        if data.shape.isScalar {
            parts.append("x in \(interval(data.lower, data.upper))")
        } else {
            parts.append(data.shape.summary)
        }
        return labelled("data", parts.joined(separator: "   "))
    }

    /// `model   1 → 128 tanh → 1 linear   385 parameters`
    public static func model(_ model: ModelOverview) -> String {
        let stack = ([String(model.inputs)] + model.layers.map { "\($0.units) \($0.activation)" })
            .joined(separator: " → ")
        let count = "\(model.parameters) \(model.parameters == 1 ? "parameter" : "parameters")"
        return labelled("model", stack + "   " + count)
    }

    /// `train   adam lr=0.01 · mse · full batch`
    public static func train(_ train: TrainDescription) -> String {
        var parts = [train.optimizerText]
        if let schedule = train.schedule { parts.append("schedule \(schedule)") }
        parts.append(train.loss)
        parts.append(train.batchSize.map { "batch \($0)" } ?? "full batch")
        return labelled("train", parts.joined(separator: " · "))
    }

    // MARK: - Progress

    /// The progress line for a terminal, redrawn in place: a bar filling what the other parts leave of `width`,
    /// `iteration/total`, loss, iterations per second and time left. On a narrow terminal the rate and then the time
    /// go first; the bar never shrinks below 6 cells.
    public static func progressBar(_ progress: TrainingProgress, width: Int) -> String {
        let counter = "\(progress.iteration)/\(progress.total)"
        let loss = "loss \(NumberFormat.short(progress.loss))"
        let rate = progress.rate.map { "\(NumberFormat.rate($0)) it/s" }
        let left = progress.secondsLeft.map { "\(NumberFormat.duration($0)) left" }
        let candidates: [[String?]] = [[counter, loss, rate, left], [counter, loss, left], [counter, loss], [counter]]
        let indent = String(repeating: " ", count: labelWidth)
        for candidate in candidates {
            let tail = candidate.compactMap { $0 }.joined(separator: "   ")
            let barWidth = width - labelWidth - 1 - tail.count
            if barWidth >= 6 || candidate.count == 1 {
                return indent + bar(fraction: fraction(progress), width: max(6, barWidth)) + " " + tail
            }
        }
        return indent + counter
    }

    /// The one line written instead of the bar when output is not a terminal (and after the bar finishes):
    /// `3000 iterations   loss 0.00251   0.4 s   7500 it/s`, or `stopped at 1200/3000 …` when cut short.
    public static func trainingSummary(_ progress: TrainingProgress) -> String {
        let done = progress.iteration >= progress.total
            ? "\(progress.iteration) \(progress.iteration == 1 ? "iteration" : "iterations")"
            : "stopped at \(progress.iteration)/\(progress.total)"
        var parts = [done, "loss \(NumberFormat.short(progress.loss))", NumberFormat.duration(progress.elapsedSeconds)]
        if let rate = progress.rate { parts.append("\(NumberFormat.rate(rate)) it/s") }
        return String(repeating: " ", count: labelWidth) + parts.joined(separator: "   ")
    }

    private static func fraction(_ progress: TrainingProgress) -> Double {
        progress.total > 0 ? min(1, max(0, Double(progress.iteration) / Double(progress.total))) : 1
    }

    /// A bar of `width` cells, `█` for done with an eighth-block for the partial cell, `░` for the rest.
    static func bar(fraction: Double, width: Int) -> String {
        let eighths = Int((fraction * Double(width * 8)).rounded(.down))
        let full = eighths / 8
        let partials: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var text = String(repeating: "█", count: full)
        if full < width {
            text.append(eighths % 8 == 0 ? "░" : partials[eighths % 8])
            text += String(repeating: "░", count: width - full - 1)
        }
        return text
    }

    // MARK: - Expectations

    /// `expect  extrema == target_extrema ✓   mse < 5e-4 ✗ (mse = 1.2e-3)`, wrapped to `width`.
    public static func expectations(_ outcomes: [ExpectationOutcome], width: Int) -> String {
        let items = outcomes.map { outcome in
            outcome.passed ? "\(outcome.text) ✓" : "\(outcome.text) ✗" + (outcome.actual.map { " (\($0))" } ?? "")
        }
        return wrapped(label: "expect", items: items, separator: "   ", width: width)
    }

    // MARK: - Lints

    /// A set-up lint located in the recipe, as LANGUAGE.md sketches it:
    /// ```
    /// lint    examples/seed-original.nn:7:1: warning: loss moved 0.3 % over the last 1000 iterations with sgd lr=4e-7
    ///         note: try `optimizer adam lr=1e-2`, or a larger lr
    /// ```
    /// `location` is `file:line:col` (empty to leave it out).
    public static func lint(_ lint: SetupLint, location: String) -> String {
        let place = location.isEmpty ? "" : location + ": "
        return labelled("lint", "\(place)warning: \(lint.message)") + "\n"
            + String(repeating: " ", count: labelWidth) + "note: \(lint.advice)"
    }

    // MARK: - Helpers

    /// `label` padded to the label column, then `text`.
    static func labelled(_ label: String, _ text: String) -> String {
        label.padding(toLength: max(labelWidth, label.count + 1), withPad: " ", startingAt: 0) + text
    }

    /// `[-1, 9]`
    static func interval(_ lower: Double, _ upper: Double) -> String {
        "[\(NumberFormat.short(lower)), \(NumberFormat.short(upper))]"
    }

    /// Items after a label, as many per line as fit in `width`, continuation lines indented to the label column.
    static func wrapped(label: String, items: [String], separator: String, width: Int) -> String {
        var lines: [String] = []
        var current = ""
        for item in items {
            if current.isEmpty {
                current = item
            } else if labelWidth + current.count + separator.count + item.count <= width {
                current += separator + item
            } else {
                lines.append(current)
                current = item
            }
        }
        lines.append(current)
        let indent = String(repeating: " ", count: labelWidth)
        return lines.enumerated().map { $0.offset == 0 ? labelled(label, $0.element) : indent + $0.element }
            .joined(separator: "\n")
    }
}
