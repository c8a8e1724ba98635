package dev.kls.cli;

import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.sweep.Sweep;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The progress line of a long run (rules done / total, rate), rewritten in
 * place on stderr, only when stderr is a terminal and the run has gone on for
 * a second: nothing at all in CI logs or pipes.
 */
final class Progress implements RuleEngine.Progress, Sweep.Progress, AutoCloseable {

    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private boolean shown;

    private Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static Progress onTerminal(PrintWriter err) {
        return new Progress(err, stderrIsTerminal());
    }

    /** Whether file descriptor 2 is a terminal (Linux: /proc tells where it points). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false; // cannot tell: behave as in a pipe and print nothing extra
        }
    }

    @Override
    public synchronized void ruleDone(String ruleId, int done, int total) {
        long elapsed = System.nanoTime() - start;
        if (!enabled || elapsed < SHOW_AFTER_NANOS) {
            return;
        }
        double rate = done / (elapsed / 1e9);
        err.printf("\rkls lint: %d/%d rules done (%.1f/s), last: %-30s", done, total, rate, ruleId);
        err.flush();
        shown = true;
    }

    /** kls sweep: configurations done of total, the rate and the time left at that rate. */
    @Override
    public synchronized void configurationDone(int done, int total) {
        long elapsed = System.nanoTime() - start;
        if (!enabled || elapsed < SHOW_AFTER_NANOS) {
            return;
        }
        double rate = done / (elapsed / 1e9);
        long eta = Math.round((total - done) / Math.max(rate, 1e-9));
        err.printf("\rkls sweep: %d/%d configurations (%.1f/s), ETA %s\033[K", done, total, rate, clock(eta));
        err.flush();
        shown = true;
    }

    static String clock(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    @Override
    public synchronized void close() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
