#include <stdio.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/select.h>
#include <readline/readline.h>
#include <readline/history.h>

// C helpers for the REPL's terminal side: signal handling must be async-signal-safe, and readline's callbacks and
// globals are simplest to reach from C.
//
// The state below is `static`, so every object file that uses it gets its own copy. Only one Swift file
// (Sources/nnscript/REPL/ReadlineReader.swift) may call these functions, which keeps a single copy.

// MARK: - Ctrl-C

/// Set by the SIGINT handler; taken by whoever is waiting: the prompt (clears the line) or the watcher of a
/// running statement (interrupts it).
static volatile sig_atomic_t nn_sigint_pending = 0;

/// Set when the line readline returned was ended by Ctrl-C rather than Enter.
static volatile sig_atomic_t nn_line_cancelled = 0;

static void nn_sigint_handler(int signal_number) {
    (void)signal_number;
    nn_sigint_pending = 1;   // all a signal handler may safely do
}

/// Installs the SIGINT handler. No SA_RESTART: a blocked read returns EINTR, so the prompt notices at once.
static inline int nn_install_sigint_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = nn_sigint_handler;
    return sigaction(SIGINT, &action, NULL);
}

/// Whether Ctrl-C was pressed since the last call.
static inline int nn_take_sigint(void) {
    int pending = nn_sigint_pending;
    nn_sigint_pending = 0;
    return pending;
}

/// Whether the last line readline returned was ended by Ctrl-C; clears the mark.
static inline int nn_take_line_cancelled(void) {
    int cancelled = nn_line_cancelled;
    nn_line_cancelled = 0;
    return cancelled;
}

// MARK: - Reading keys

/// readline's key source: like its own, but Ctrl-C ends the line (as if Enter) with `nn_line_cancelled` set.
/// SIGINT stays blocked except inside pselect, so a Ctrl-C between the check and the wait is never lost.
static int nn_readline_getc(FILE *stream) {
    int fd = fileno(stream);
    for (;;) {
        sigset_t interrupt, previous;
        sigemptyset(&interrupt);
        sigaddset(&interrupt, SIGINT);
        sigprocmask(SIG_BLOCK, &interrupt, &previous);
        if (nn_sigint_pending) {
            nn_sigint_pending = 0;
            sigprocmask(SIG_SETMASK, &previous, NULL);
            nn_line_cancelled = 1;
            return '\n';
        }
        fd_set readable;
        FD_ZERO(&readable);
        FD_SET(fd, &readable);
        sigset_t waiting = previous;
        sigdelset(&waiting, SIGINT);
        int ready = pselect(fd + 1, &readable, NULL, NULL, NULL, &waiting);
        int wait_error = errno;
        sigprocmask(SIG_SETMASK, &previous, NULL);
        if (ready < 0) {
            if (wait_error != EINTR) return EOF;
            rl_check_signals();   // a window resize, say
            continue;
        }
        unsigned char key;
        ssize_t count = read(fd, &key, 1);
        if (count == 1) return key;
        if (count == 0 || errno != EINTR) return EOF;
    }
}

// MARK: - Set-up

/// Configures readline for the REPL: our key source and Ctrl-C, our completion (which decides the word breaks,
/// quotes and what follows a word), no readline signal handlers (readline's would end the process on Ctrl-C).
static inline void nn_readline_setup(rl_completion_func_t *complete, const char *word_breaks) {
    rl_readline_name = "nnscript";
    rl_catch_signals = 0;
    rl_getc_function = nn_readline_getc;
    rl_attempted_completion_function = complete;
    rl_completer_word_break_characters = word_breaks;
    rl_basic_word_break_characters = word_breaks;
    rl_completer_quote_characters = NULL;
    rl_basic_quote_characters = NULL;   // else readline closes a quote itself when `"` ends the word
}

/// Called from the completion function: no fallback to file names, and no space added by readline (the
/// completer decides what follows a word).
static inline void nn_completion_settings(void) {
    rl_attempted_completion_over = 1;
    rl_completion_suppress_append = 1;
}

/// The line being edited and the cursor's byte offset in it.
static inline const char *nn_line_buffer(void) { return rl_line_buffer; }
static inline int nn_line_point(void) { return rl_point; }

/// The newest history line, or NULL when the history is empty.
static inline const char *nn_last_history_line(void) {
    HIST_ENTRY *entry = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    return entry ? entry->line : NULL;
}
