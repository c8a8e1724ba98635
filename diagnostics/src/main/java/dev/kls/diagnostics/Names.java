package dev.kls.diagnostics;

import java.util.Collection;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** The nearest of a set of names, for "did you mean" messages and quick fixes. */
public final class Names {

    private Names() {
    }

    /**
     * The candidate closest to {@code name} by edit distance (case-insensitive),
     * if it is close enough to be a likely typo: at most a third of the
     * name's length, and at least one edit. Ties go to the first candidate in
     * sorted order, so the answer does not depend on iteration order.
     */
    public static String nearest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = Math.max(1, name.length() / 3);
        String lower = name.toLowerCase(Locale.ROOT);
        LevenshteinDistance measure = new LevenshteinDistance(limit);
        for (String c : candidates) {
            if (c.equals(name) || Math.abs(c.length() - name.length()) > limit) {
                continue;
            }
            int d = measure.apply(lower, c.toLowerCase(Locale.ROOT));
            if (d >= 0 && (d < bestDistance || d == bestDistance && c.compareTo(best) < 0)) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }
}
