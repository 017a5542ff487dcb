// MARK: - Help on statements

/// Short help on each statement and on the lists of names, in the wording of the language sketch: what `:help`
/// shows in the REPL.
public enum StatementHelp {
    /// The statement forms and their meaning, by the keyword that starts them.
    public static let statements: [String: String] = [
        "seed": """
            seed N
              one seed for everything; init, data noise and shuffling draw from separate streams derived from it
            """,
        "data": """
            data EXPR [noise S] on [A, B] [samples N] [grid]
              targets EXPR(x) plus Gaussian noise of standard deviation S at N points, uniform random in [A, B]
              (or evenly spaced with grid)
            data [E1, E2] … on [A, B] x [C, D] …
              several outputs (y1 …) and inputs (x1 …, x is x1): one range per input
            data spiral | circles | xor | blobs | moons [classes K] [noise S] [samples N]
              two inputs, one class label per point (classes only for spiral and blobs)
            data csv "points.csv" [target NAME, …]
              a table: every column but the targets (default: the last) is an input; a target that is not
              numeric holds class labels
            """,
        "holdout": """
            holdout csv "test.csv"
              a table with the training table's columns, never trained on; report and holdout_* metrics judge it
            holdout on [A, B] [x [C, D] …] [samples N]
              extra noiseless points never trained on, e.g. to see extrapolation past the data
            """,
        "normalize": """
            normalize
              standardise the network's inputs with the training rows' mean and std (kept in checkpoints, applied
              to the holdout, predict and exports)
            """,
        "features": """
            features EXPR, EXPR …
              the network's inputs as expressions of the raw ones: features x1, x2, x1 * x2, sin(x1), sin(x2)
            """,
        "let": "let NAME = EXPR\n  a named constant",
        "input": "input N\n  optional; inferred from the data",
        "layer": """
            layer N ACT [init=NAME] [bias=false]
              append a hidden dense layer; :help activations lists ACT
            """,
        "output": "output [N] ACT\n  the output layer; N inferred from the data",
        "activation": """
            activation NAME(x) = EXPR
              a new activation, usable in layer/output, differentiated automatically
            """,
        "insert": """
            insert layer K N ACT
              put a hidden layer at position K (counting from 1); the next train keeps the weights of every layer
              whose shape did not change
            """,
        "remove": "remove layer K\n  take hidden layer K out of the stack",
        "replace": "replace layer K N ACT\n  change hidden layer K's size or activation",
        "loss": "loss mse | sse | l1 | huber [delta=D] | cross_entropy\n  sse is sum((y_pred-y)^2); cross_entropy "
            + "(softmax over the outputs) is the default for class targets",
        "optimizer": """
            optimizer NAME [key=value …]
              sgd momentum nesterov adam adamw rmsprop adagrad; options lr, momentum, beta1, beta2, eps, alpha,
              weight_decay, clip (global gradient norm); defaults as PyTorch's. A new optimizer starts afresh.
            """,
        "schedule": """
            schedule constant | step every=N gamma=G | exponential gamma=G | cosine [min_lr=L]  [warmup=N]
              learning-rate schedule; a cosine spans the optimizer's steps so far plus those of each train
            """,
        "init": """
            init NAME
              default weight init: default (PyTorch Linear's), randn, xavier, xavier_normal, he, he_normal, lecun,
              siren
            """,
        "batch": "batch N | full\n  mini-batch size (default full batch)",
        "train": """
            train N [iterations | epochs]
              train, continuing from the current weights; Ctrl-C stops it and keeps the weights
            """,
        "report": """
            report
              metrics: final loss, MSE against the noiseless target, worst error and where, local extrema of the fit
              vs of the target, error by region, holdout error; for classes: accuracy, precision and recall, the
              confusion matrix; for several inputs or outputs: mse and r2 per output
            """,
        "plot": "plot [fit | loss] [\"file.svg\"]\n  a plot in the terminal, or an SVG file; two inputs: the decision regions or "
            + "the fitted surface; more: predicted against actual, or the confusion matrix",
        "expect": """
            expect METRIC OP VALUE
              loss mse r2 accuracy max_error extrema target_extrema holdout_loss holdout_mse holdout_r2
              holdout_accuracy parameters; < <= == >= > !=
            expect STATISTIC METRIC OP VALUE
              over a sweep's seeds: all mean median min max std (recipes only; nnscript sweep checks it)
            """,
        "predict": """
            predict X [, X …] | predict (X1, X2) [, …]
              print the model's outputs (for classes: the class and its probabilities)
            predict on [A, B] [samples N] ["file.csv"]
              evenly spaced predictions, printed or written as CSV
            predict csv "new.csv" "predictions.csv"
              one row out per row in: the inputs, then the outputs (or the class and each class's probability)
            """,
        "save": "save \"file\"\n  checkpoint: recipe, weights, optimizer state, RNG counters",
        "load": "load \"file\"\n  resume from a checkpoint; resuming equals never having stopped",
        "export": "export onnx \"file.onnx\" | export pytorch \"file.py\"\n  the trained model for other tools",
        "print": "print EXPR\n  print a value",
        "compare": "compare …\n  train variants of the set-up side by side and compare their fits (data that is not "
            + "1-D: their loss and accuracy, or mse and r2)",
        "sweep": """
            sweep AXIS V, V … | sweep AXIS A to B
              one axis of a grid of trials, run by 'nnscript sweep FILE' (recipes only; see docs/sweeps.md)
            """,
    ]

    /// Topics beyond statements: the lists of names.
    public static var topics: [String: String] {
        [
            "activations": "activations: " + Vocabulary.activations.map(\.name).joined(separator: " ")
                + "\n  sin(w0), leaky_relu(a) and elu(a) take a parameter; activation NAME(x) = EXPR defines more",
            "optimizers": "optimizers: " + Vocabulary.optimizers.map {
                "\($0.name) (\($0.options.joined(separator: " ")))"
            }.joined(separator: ", "),
            "losses": "losses: " + Vocabulary.losses.map(\.name).joined(separator: " "),
            "schedules": "schedules: " + Vocabulary.schedules.map(\.name).joined(separator: " "),
            "metrics": "metrics: " + Vocabulary.metrics.joined(separator: " "),
            "functions": "functions: " + Vocabulary.functions.map(\.name).joined(separator: " "),
        ]
    }

    /// The overview: statements by kind and the topics.
    public static var overview: String {
        """
        set-up   seed data holdout normalize features let input layer output activation insert remove replace loss
                 optimizer schedule init batch
        actions  train report plot expect predict save load export print compare
        Statements run as typed; ';' joins several on a line. :help STATEMENT for one, or :help activations,
        optimizers, losses, schedules, metrics, functions.
        """
    }

    /// Help on `topic` (a statement keyword or a topic name), or a "did you mean" line.
    public static func text(topic: String?) -> String {
        guard let topic else { return overview }
        let word = topic.split(separator: " ").first.map(String.init) ?? topic
        if let text = statements[word] ?? topics[word] { return text }
        var message = "no help on '\(topic)'"
        if let near = Suggestions.nearest(to: word, in: Array(statements.keys) + Array(topics.keys)) {
            message += "; did you mean '\(near)'?"
        }
        return message
    }
}
