package dev.kls.lsp.findings;

import java.util.Collection;

/** The defined name closest to a misspelt one (edit distance), if one is close enough to be meant. */
public final class Nearest {

    private Nearest() {
    }

    /** Null when nothing is within a third of the name's length (at least 1, at most 3 edits). */
    public static String name(String wrong, Collection<String> names) {
        int limit = Math.max(1, Math.min(3, wrong.length() / 3));
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String n : names) {
            if (Math.abs(n.length() - wrong.length()) > limit) {
                continue;
            }
            int d = distance(wrong, n, limit);
            if (d < bestD || d == bestD && best != null && n.compareTo(best) < 0) {
                bestD = d;
                best = n;
            }
        }
        return bestD <= limit ? best : null;
    }

    /** Levenshtein distance, giving up (limit + 1) once it must exceed {@code limit}. */
    static int distance(String a, String b, int limit) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
