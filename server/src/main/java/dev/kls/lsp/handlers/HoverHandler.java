package dev.kls.lsp.handlers;

import dev.kls.kconfig.explain.Explainer;
import dev.kls.kconfig.explain.ExplanationText;
import dev.kls.kconfig.explain.SymbolExplanation;
import dev.kls.c.CFile;
import dev.kls.c.Configuration;
import dev.kls.c.ObjectDecl;
import dev.kls.c.ObjectEvaluation;
import dev.kls.c.cond.Cond;
import dev.kls.c.provenance.Place;
import dev.kls.c.provenance.Provenance;
import dev.kls.lsp.CSide;
import dev.kls.lsp.Document;
import dev.kls.lsp.FileKind;
import dev.kls.lsp.Lsp;
import dev.kls.lsp.Snapshot;
import java.util.Optional;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

/**
 * Hover on a symbol anywhere: the explanation API's account of it (type,
 * prompts, value now and why, depends on, selected/implied by, what it would
 * take to be y, where defined, help), and where the values come from; on an
 * object of a C file, its size and section under the current values; on a
 * pointer expression in a function body, where its value may point (per-cpu
 * area, a global), with the place that made the address.
 */
public final class HoverHandler {

    private final CSide c;
    private final CallHierarchyHandler calls;
    private final java.util.function.Supplier<java.util.Collection<Document>> open;

    /** @param c the C side, for hovers on a C file's objects (their size under the current values) */
    public HoverHandler(CSide c) {
        this(c, null, java.util.List::of);
    }

    /**
     * @param calls for hovers on a C function: its callers and callees counted in the call graph (may be null)
     * @param open  the open documents (their unsaved text goes into the graph)
     */
    public HoverHandler(CSide c, CallHierarchyHandler calls,
            java.util.function.Supplier<java.util.Collection<Document>> open) {
        this.c = c;
        this.calls = calls;
        this.open = open;
    }

    public Hover hover(Snapshot s, Document doc, Position pos) {
        SymbolAt at = SymbolAt.find(s, doc, pos);
        if (at == null) {
            return doc.kind() == FileKind.C ? object(s, doc, pos) : null;
        }
        Explainer explainer = s.model() == null ? null : s.derived().explainer();
        if (explainer == null) {
            return hover("**CONFIG_" + at.name() + "**\n\n_kls is still reading the Kconfig tree; ask again shortly._",
                    at);
        }
        Optional<SymbolExplanation> e = explainer.explain(at.name());
        if (e.isEmpty()) {
            boolean elsewhere = s.index() != null && s.index().definedAnywhere().contains(at.name());
            return hover("**CONFIG_" + at.name() + "**\n\n" + (s.defines(at.name())
                    ? "Defined for ARCH=" + s.settings().tree().arch + ", but without a value in this configuration."
                    : elsewhere ? "Not defined for ARCH=" + s.settings().tree().arch
                            + " (defined in another architecture's Kconfig)."
                            : "Not defined in any Kconfig file of the tree."), at);
        }
        return hover(ExplanationText.render(e.get()) + "\n_Values: " + s.configSource() + ", ARCH="
                + s.settings().tree().arch + "._" + possible(s, at.name()), at);
    }

    /**
     * The values the symbol can take in every configuration of the arch, worked out off the hover once the
     * tree has stopped changing: every keystroke in a Kconfig file makes a new tree, and the work (an encoding
     * and eleven evaluator runs; seconds on Linux) for a tree that is gone by the time it ends is wasted.
     */
    private record Pending(dev.kls.kconfig.KconfigTree tree,
            java.util.concurrent.CompletableFuture<dev.kls.kconfig.sat.PossibleValues> values,
            java.util.concurrent.Future<?> task) {
    }

    /** How long a tree must stay the newest before its values are worked out. */
    static final long QUIET_MILLIS = 400;

    private volatile Pending pending;
    private java.util.concurrent.ScheduledThreadPoolExecutor background;

    private synchronized Pending pending(dev.kls.kconfig.KconfigTree tree) {
        Pending p = pending;
        if (p == null || p.tree() != tree) {
            if (p != null) {
                // Interrupts a run in progress (PossibleValues checks) and drops a queued one.
                p.task().cancel(true);
                p.values().cancel(false);
            }
            if (background == null) {
                background = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
                    Thread t = new Thread(r, "kls-possible-values");
                    t.setDaemon(true);
                    t.setPriority(Thread.MIN_PRIORITY);
                    return t;
                });
                // Cancelled runs leave the queue at once, not at their due time: a burst of edits queues nothing.
                background.setRemoveOnCancelPolicy(true);
            }
            java.util.concurrent.CompletableFuture<dev.kls.kconfig.sat.PossibleValues> values =
                    new java.util.concurrent.CompletableFuture<>();
            java.util.concurrent.Future<?> task;
            try {
                task = background.schedule(() -> {
                try {
                    values.complete(dev.kls.kconfig.sat.PossibleValues.of(tree));
                } catch (java.util.concurrent.CancellationException e) {
                    values.cancel(false);
                } catch (RuntimeException | Error e) {
                    values.completeExceptionally(e);
                }
                }, QUIET_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                values.cancel(false); // shut down: no values any more
                task = values;
            }
            p = new Pending(tree, values, task);
            pending = p;
        }
        return p;
    }

    /**
     * Waits until the values of the newest tree asked about are worked out (or given up): what a caller that
     * measures the server at rest (the soak test) waits for, so that work in flight is not taken for a leak.
     */
    public void awaitBackground(long timeout, java.util.concurrent.TimeUnit unit)
            throws InterruptedException, java.util.concurrent.TimeoutException {
        Pending p = pending;
        if (p == null) {
            return;
        }
        try {
            p.values().get(timeout, unit);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
            // Given up or failed: nothing is running for it any more.
        }
    }

    /** Stops the background thread (the server's shutdown). */
    public synchronized void close() {
        if (background != null) {
            background.shutdownNow();
        }
    }

    /** "Can be y / m / n on ARCH", each with a configuration that shows it, or the proof that it cannot. */
    private String possible(Snapshot s, String name) {
        if (s.kconfig() == null) {
            return "";
        }
        String arch = s.settings().tree().arch;
        java.util.concurrent.CompletableFuture<dev.kls.kconfig.sat.PossibleValues> f = pending(s.kconfig().tree())
                .values();
        if (!f.isDone()) {
            return "\n\n_kls is working out which values " + name + " can take on " + arch + "; ask again shortly._";
        }
        dev.kls.kconfig.sat.PossibleValues values;
        try {
            values = f.join();
        } catch (java.util.concurrent.CancellationException | java.util.concurrent.CompletionException e) {
            return "";
        }
        Optional<dev.kls.kconfig.sat.PossibleValues.Answer> a = values.answer(name);
        return a.isEmpty() ? "" : "\n\n" + renderPossible(a.get(), arch, values.seeds());
    }

    /** The answer as Markdown: one line per value of the symbol's type. */
    static String renderPossible(dev.kls.kconfig.sat.PossibleValues.Answer a, String arch, int seeds) {
        StringBuilder md = new StringBuilder("**In every configuration of ").append(arch).append("**\n");
        for (dev.kls.kconfig.eval.Tristate t : java.util.List.of(dev.kls.kconfig.eval.Tristate.YES,
                dev.kls.kconfig.eval.Tristate.MOD, dev.kls.kconfig.eval.Tristate.NO)) {
            if (t == dev.kls.kconfig.eval.Tristate.MOD && !a.tristate()) {
                continue;
            }
            md.append("- `").append(t.letter()).append("`: ");
            String seen = a.seen().get(t);
            if (seen != null) {
                md.append("can be, e.g. `").append(seen).append('`');
            } else if (a.impossible().contains(t)) {
                md.append("never: no valid configuration gives it (proven from the dependencies)");
            } else {
                md.append("not seen in the ").append(seeds).append(" configurations kls tried, not proven impossible");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /**
     * A file-scope object of a C file: its type, and its size, section and
     * presence under the current values, as the C analyzer computes them.
     */
    private Hover object(Snapshot s, Document doc, Position pos) {
        CFile f = c.file(s, doc);
        Configuration cfg = c.configuration(s);
        if (f == null) {
            return null;
        }
        if (calls != null) {
            String fn = calls.counts(s, doc, open.get(), pos);
            if (fn != null) {
                return new Hover(new MarkupContent(MarkupKind.MARKDOWN, fn));
            }
        }
        for (ObjectDecl d : f.objects()) {
            if (!Lsp.contains(d.nameRange(), pos)) {
                continue;
            }
            StringBuilder md = new StringBuilder("**").append(d.name()).append("**: `").append(d.typeText())
                    .append('`');
            if (!(d.presence() instanceof Cond.True)) {
                md.append(", compiled when ").append(d.presence().toKconfig());
            }
            md.append("\n\n");
            if (cfg == null) {
                md.append("_kls is still reading the Kconfig tree._");
            } else {
                ObjectEvaluation e = c.project(s).evaluate(f, d, cfg);
                if (!e.present()) {
                    md.append("Not compiled under the current values.");
                } else {
                    md.append(e.sizeKnown() ? e.size().getAsLong() + " bytes" : "Size unknown: " + e.unknownReason());
                    if (e.section() != null) {
                        md.append(" in `").append(e.section()).append('`');
                    }
                    md.append('.');
                }
                md.append("\n\n_Values: ").append(s.configSource()).append(", ARCH=").append(s.settings().tree().arch)
                        .append("._");
            }
            return new Hover(new MarkupContent(MarkupKind.MARKDOWN, md.toString()), Lsp.range(d.nameRange()));
        }
        return pointer(s, f, pos);
    }

    /** A pointer expression in a function body: where its value may point (the provenance analysis). */
    private Hover pointer(Snapshot s, CFile f, Position pos) {
        Optional<Provenance.Hit> hit = new Provenance(c.project(s)).pointerAt(f, pos.getLine() + 1,
                pos.getCharacter() + 1);
        if (hit.isEmpty()) {
            return null;
        }
        String md = "`" + hit.get().text() + "` " + hit.get().describe() + ".";
        if (hit.get().places().stream().anyMatch(p -> p.region() == Place.Region.PER_CPU)) {
            md += "\n\nThe per-cpu area may be vmalloc-mapped: take its physical address with "
                    + "`per_cpu_ptr_to_phys()`, not `__pa()`.";
        }
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, md), Lsp.range(hit.get().expr().range()));
    }

    private static Hover hover(String markdown, SymbolAt at) {
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown), Lsp.range(at.range()));
    }
}
