import Foundation

/// The recipe folder of `--hostile-files`: the names the generator and the corpus use for files (`points.csv`,
/// `m.ckpt`, `fit.svg`, …) are FIFOs, folders and symbolic links (to a FIFO, to a folder, to outside, in a loop), so
/// every statement that reads or writes a file meets one. A FIFO opened for reading would block until a writer
/// appears — the hang the probe looks for. Writes replace some entries, so `reset` rebuilds them before each run.
enum HostileFolder {
    /// FIFOs: what `data csv`, `load` and the recipes read.
    static let fifos = ["points.csv", "out.csv", "p.csv", "model.ckpt", "m.ckpt", "s.nn", "x.csv"]
    /// Folders where a file is expected (writes and reads of them must be refused, not followed).
    static let folders = ["fit.svg", "m.onnx", "dir", "dir/f.svg", "loss.svg"]
    /// Symbolic links: name → target.
    static let links = [
        ("m.py", "/dev/zero"), ("ü.svg", "fit.svg"), ("a b", "points.csv"), ("loop.csv", "loop.csv"),
        ("c.ckpt", "m.ckpt"), ("up", ".."),
    ]

    /// Rebuilds every entry in `folder` (which must exist), removing what a previous run wrote in its place.
    static func reset(_ folder: String) {
        let files = FileManager.default
        for name in fifos + folders.reversed() + links.map(\.0) { try? files.removeItem(atPath: folder + "/" + name) }
        for name in folders { try? files.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: true) }
        for name in fifos { _ = mkfifo(folder + "/" + name, 0o600) }
        for (name, target) in links { try? files.createSymbolicLink(atPath: folder + "/" + name, withDestinationPath: target) }
    }
}
