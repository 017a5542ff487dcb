// MARK: - Predictions as CSV

/// The table `predict … "pred.csv"` writes: one row per input, inputs then outputs.
///
/// Numbers are Swift's shortest round-trip decimals, so reading the file back gives exactly the Doubles written;
/// non-finite values are `nan`, `inf` and `-inf`, which pandas, numpy and spreadsheets read.
public enum PredictionCSV {
    /// The CSV text: a header (`x,y` for one input and one output, else `x1,x2,…,y1,y2,…`), then the rows.
    /// Rows pair up `inputs[i]` with `outputs[i]`; extra rows of the longer list are left out.
    public static func render(inputs: [[Double]], outputs: [[Double]]) -> String {
        let inputWidth = inputs.first?.count ?? 1
        let outputWidth = outputs.first?.count ?? 1
        var text = (columnNames("x", inputWidth) + columnNames("y", outputWidth)).joined(separator: ",") + "\n"
        for (row, prediction) in zip(inputs, outputs) {
            text += (row + prediction).map(number).joined(separator: ",") + "\n"
        }
        return text
    }

    private static func columnNames(_ stem: String, _ count: Int) -> [String] {
        count == 1 ? [stem] : (1...max(1, count)).map { "\(stem)\($0)" }
    }

    /// A value as the file writes it: the shortest round-trip decimal, or `nan`, `inf`, `-inf`.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return "\(value)"
    }
}
