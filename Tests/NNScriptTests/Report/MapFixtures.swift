import Foundation
import NNScript

/// Fixed pictures of two inputs for the map tests: three classes split by angle around the origin (as a network
/// that learned three wedges would pick them), points on a fixed spiral, and the surface sin(x)·cos(y).
enum MapFixtures {
    /// Class of a point by its angle: three wedges of 120°.
    static func wedge(_ x: Double, _ y: Double) -> Int {
        let angle = atan2(y, x) + .pi  // 0 … 2π
        return min(2, Int(angle / (2 * .pi / 3)))
    }

    /// 90 points on three arms, labelled by the wedge they lie in (so every point sits in its own region), except
    /// the last, labelled wrong on purpose.
    static let points: [LabelledPoint] = (0..<90).map { i in
        let t = Double(i % 30) / 30, arm = Double(i / 30)
        let angle = 2 * .pi * arm / 3 + 2.5 * t
        let (x, y) = (t * cos(angle), t * sin(angle))
        let label = i == 89 ? (wedge(x, y) + 1) % 3 : wedge(x, y)
        return LabelledPoint(x: x, y: y, label: label)
    }

    static func regions(width: Int, height: Int) -> RegionPicture {
        let grid = TerminalPlot.mapGrid(xName: "x1", yName: "x2", xs: points.map(\.x), ys: points.map(\.y),
                                        width: width, height: height)
        return regions(grid)
    }

    static func regions(_ grid: MapGrid) -> RegionPicture {
        let centres = grid.centres
        let predicted = (0..<grid.cellCount).map { wedge(centres[2 * $0], centres[2 * $0 + 1]) }
        return RegionPicture(title: "wedges", grid: grid, classes: ["setosa", "versicolor", "virginica"],
                             predicted: predicted, points: points)
    }

    static func surface(_ grid: MapGrid, withTarget: Bool = true) -> SurfacePicture {
        let centres = grid.centres
        let target = (0..<grid.cellCount).map { sin(centres[2 * $0]) * cos(centres[2 * $0 + 1]) }
        let fit = target.enumerated().map { $0.element + 0.05 * Double($0.offset % 3 - 1) }
        let points = (0..<50).map { i -> (x: Double, y: Double, value: Double) in
            let (x, y) = (-3 + 6 * Double(i % 10) / 9, -3 + 6 * Double(i / 10) / 4)
            return (x, y, sin(x) * cos(y))
        }
        return SurfacePicture(title: "surface", grid: grid, outputName: "y", fit: fit,
                              target: withTarget ? target : nil, points: points)
    }

    static func surfaceGrid(width: Int, height: Int) -> MapGrid {
        TerminalPlot.mapGrid(xName: "x1", yName: "x2", xs: [-3, 3], ys: [-3, 3], width: width, height: height)
    }

    static func squareGrid(cells: Int) -> MapGrid {
        let (xAxis, yAxis) = MapGrid.axes(xs: [-3, 3], ys: [-3, 3])
        return MapGrid(xName: "x1", yName: "x2", xAxis: xAxis, yAxis: yAxis, columns: cells, rows: cells)
    }
}
