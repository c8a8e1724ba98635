package dev.kls.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers that depend on a configuration only through the symbols they read: an answer computed for one
 * configuration is reused for any other that gives those symbols the same values. The C side names what
 * an evaluation read (its touched symbols, "not defined" included), which is what makes this exact.
 *
 * <p>A rule gets one per run through {@link RuleContext#shared}; a sweep puts one into the analyses kept
 * between its runs, so the re-runs of a rule on a thousand configurations share it. Keys must stay valid
 * for as long as the memo lives (a tree's own file models, not an editor buffer's).
 */
public final class ConfigMemo {

    /** An answer and the symbols it depends on. */
    public record Answer<T>(T value, Set<String> reads) {
        public Answer {
            reads = Set.copyOf(reads);
        }
    }

    private record Entry(Map<String, String> seen, Object value) {
    }

    private final Map<Object, List<Entry>> entries = new ConcurrentHashMap<>();

    /**
     * The answer for {@code key} under {@code values} (symbol → value as in a .config, absent when the
     * configuration does not have it): one computed before for values that agree on every symbol it read,
     * else {@code compute}'s, remembered.
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Map<String, String> values, Function<Map<String, String>, Answer<T>> compute) {
        List<Entry> known = entries.computeIfAbsent(key, k -> new ArrayList<>());
        synchronized (known) {
            for (Entry e : known) {
                if (agrees(e.seen(), values)) {
                    return (T) e.value();
                }
            }
        }
        Answer<T> a = compute.apply(values);
        java.util.HashMap<String, String> seen = new java.util.HashMap<>();
        for (String s : a.reads()) {
            seen.put(s, values.get(s));
        }
        synchronized (known) {
            known.add(new Entry(seen, a.value()));
        }
        return a.value();
    }

    private static boolean agrees(Map<String, String> seen, Map<String, String> values) {
        for (Map.Entry<String, String> s : seen.entrySet()) {
            if (!Objects.equals(s.getValue(), values.get(s.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** How many answers are remembered (for tests and benchmarks). */
    public int size() {
        return entries.values().stream().mapToInt(l -> {
            synchronized (l) {
                return l.size();
            }
        }).sum();
    }
}
