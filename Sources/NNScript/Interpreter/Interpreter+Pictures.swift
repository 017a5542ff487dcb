import Foundation

// MARK: - Pictures of data that is not 1-D

/// Which picture explains a fit of the data's shape: the plane of two inputs where there is one, else how the
/// network's outputs compare with the data's row by row.
enum PictureKind: Equatable {
    /// Two inputs, class targets: the class picked at each point of the plane, with the data.
    case regions
    /// Two inputs, one numeric output: the fitted surface (with the target and the error in SVG).
    case surface
    /// Other numeric targets: predicted against actual, one panel per output.
    case scatter
    /// Other class targets: the confusion matrix.
    case confusion

    /// How `wrote FILE (…)` names the picture.
    var what: String {
        switch self {
        case .regions: return "decision regions"
        case .surface: return "fit, target and error maps"
        case .scatter: return "predicted against actual"
        case .confusion: return "confusion matrix"
        }
    }

    init(_ shape: DataShape) {
        switch (shape.inputCount, shape.isClassification) {
        case (2, true): self = .regions
        case (2, false) where shape.outputNames.count == 1: self = .surface
        case (_, true): self = .confusion
        default: self = .scatter
        }
    }
}

extension Interpreter {
    /// Rows of a terminal picture of two inputs (a character each: a finer grid than the 1-D plot's braille).
    static let mapHeight = 18
    /// Cells of the SVG pictures of two inputs, across and down.
    static let svgRegionCells = 80
    static let svgSurfaceCells = 40

    /// The terminal picture of non-1-D data: a map of two inputs `mapHeight` rows tall, or scatters `scatterHeight`
    /// rows tall; nil for the confusion matrix, which the report's text already shows.
    func terminalPicture(_ data: DataSet, scatterHeight: Int, range: SourceRange) -> Result<String?, Diagnostic> {
        let (width, color, height) = (options.width, options.color, Interpreter.mapHeight)
        // The maps sample the network once per character cell of the plane of the two inputs.
        func mapGrid() -> MapGrid {
            TerminalPlot.mapGrid(xName: data.shape.inputNames[0], yName: data.shape.inputNames[1],
                                 xs: inputColumn(data, 0), ys: inputColumn(data, 1), width: width, height: height)
        }
        switch PictureKind(data.shape) {
        case .regions:
            return regionPicture(data, grid: mapGrid(), range: range)
                .map { TerminalPlot.regions($0, width: width, height: height, color: color) }
        case .surface:
            return surfacePicture(data, grid: mapGrid(), range: range)
                .map { TerminalPlot.surface($0, width: width, height: height, color: color) }
        case .scatter:
            return scatterPanels(data, range: range).map {
                TerminalPlot.predictedVersusActual($0, width: width, height: scatterHeight, color: color)
            }
        case .confusion:
            return .success(nil)
        }
    }

    /// The SVG picture of non-1-D data: decision regions with the data, the fit, target and error maps, predicted
    /// against actual, or the confusion matrix as a heat map.
    func svgPicture(_ data: DataSet, values: ReportValues, range: SourceRange) -> Result<String, Diagnostic> {
        let title = options.file
        func grid(cells: Int) -> MapGrid {
            let (xAxis, yAxis) = MapGrid.axes(xs: inputColumn(data, 0), ys: inputColumn(data, 1))
            return MapGrid(xName: data.shape.inputNames[0], yName: data.shape.inputNames[1], xAxis: xAxis,
                           yAxis: yAxis, columns: cells, rows: cells)
        }
        switch PictureKind(data.shape) {
        case .regions:
            return regionPicture(data, grid: grid(cells: Interpreter.svgRegionCells), range: range)
                .map(SVGPlot.regions)
        case .surface:
            return surfacePicture(data, grid: grid(cells: Interpreter.svgSurfaceCells), range: range)
                .map(SVGPlot.surfaces)
        case .scatter:
            return scatterPanels(data, range: range).map { SVGPlot.predictedVersusActual(title: title, $0) }
        case .confusion:
            guard let metrics = values.classification else { return .failure(.metricUnavailable("accuracy", at: range)) }
            return .success(SVGPlot.confusion(title: title, metrics))
        }
    }

    /// The picture of non-1-D data, in the terminal or (with `file`) as SVG: what `report` and `plot fit` show.
    func writePicture(_ data: DataSet, values: ReportValues, file: String?, scatterHeight: Int,
                      range: SourceRange) -> Diagnostic? {
        guard let file else {
            switch terminalPicture(data, scatterHeight: scatterHeight, range: range) {
            case .failure(let diagnostic): return diagnostic
            case .success(let picture):
                if let picture { out.write(picture + "\n") }
                return nil
            }
        }
        switch svgPicture(data, values: values, range: range) {
        case .failure(let diagnostic): return diagnostic
        case .success(let svg): return writeFile(svg, to: file, range: range, what: PictureKind(data.shape).what)
        }
    }

    // MARK: - The pictures' data

    private func inputColumn(_ data: DataSet, _ column: Int) -> [Double] {
        let k = data.shape.inputCount
        return stride(from: column, to: data.inputs.count, by: k).map { Double(data.inputs[$0]) }
    }

    /// The network's outputs at every cell centre of `grid`.
    private func outputs(on grid: MapGrid, range: SourceRange) -> Result<[Double], Diagnostic> {
        predictRows(grid.centres, points: grid.cellCount, of: training, spec: spec, range: range).map(\.values)
    }

    private func regionPicture(_ data: DataSet, grid: MapGrid, range: SourceRange)
        -> Result<RegionPicture, Diagnostic>
    {
        let classes = data.shape.classes ?? []
        let xs = inputColumn(data, 0), ys = inputColumn(data, 1), labels = data.labels
        return outputs(on: grid, range: range).map { logits in
            RegionPicture(title: options.file, grid: grid, classes: classes,
                          predicted: RegionPicture.picks(logits: logits, classes: classes.count),
                          points: xs.indices.map { LabelledPoint(x: xs[$0], y: ys[$0], label: labels[$0]) })
        }
    }

    private func surfacePicture(_ data: DataSet, grid: MapGrid, range: SourceRange)
        -> Result<SurfacePicture, Diagnostic>
    {
        let xs = inputColumn(data, 0), ys = inputColumn(data, 1)
        let centres = grid.centres
        let target = data.spec.map { dataSpec in
            (0..<grid.cellCount).map { dataSpec.target(0, at: [centres[2 * $0], centres[2 * $0 + 1]]) }
        }
        return outputs(on: grid, range: range).map { fit in
            SurfacePicture(title: options.file, grid: grid, outputName: data.shape.outputNames[0], fit: fit,
                           target: target,
                           points: xs.indices.map { (xs[$0], ys[$0], Double(data.targets[$0])) })
        }
    }

    private func scatterPanels(_ data: DataSet, range: SourceRange) -> Result<[ScatterPanel], Diagnostic> {
        predictRows(data.inputs.map(Double.init), points: data.count, of: training, spec: spec, range: range)
            .map { result in
                ScatterPanel.panels(names: data.shape.outputNames, actual: actualTargets(data),
                                    predicted: result.values)
            }
    }

    /// The numeric targets a fit of several inputs or outputs is measured against, row-major: the noiseless
    /// target where the data came from expressions, else the data's own.
    func actualTargets(_ data: DataSet) -> [Double] {
        let m = data.shape.outputNames.count
        var actual = data.targets.map(Double.init)
        if let dataSpec = data.spec {
            for row in 0..<data.count {
                let point = data.inputRow(row)
                for j in 0..<m { actual[row * m + j] = dataSpec.target(j, at: point) }
            }
        }
        return actual
    }
}
