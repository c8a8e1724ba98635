package dev.kls.kconfig.sat;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Unit propagation of a clause set with no decision: the literals every
 * model must make true. The encoder folds constants inside one expression,
 * but a symbol's value is its own variable, so "X depends on an undefined
 * symbol" reaches the symbols that depend on X only through propagation.
 * Sat4j 2.3.6 does not expose its root-level trail
 * ({@code getLiteralsPropagatedAt} throws), hence this pass over the clauses
 * as the encoder emits them. What it fixes is implied by the clauses alone,
 * so a symbol whose m variable it sets false is dead without a search.
 */
final class RootPropagation {

    private int[] lits = new int[1 << 20];
    private int[] starts = new int[1 << 16];
    private int size;
    private int clauses;
    private int maxVar;

    void add(int... clause) {
        if (clauses + 1 >= starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        if (size + clause.length > lits.length) {
            lits = Arrays.copyOf(lits, Math.max(lits.length * 2, size + clause.length));
        }
        starts[clauses++] = size;
        for (int l : clause) {
            lits[size++] = l;
            maxVar = Math.max(maxVar, Math.abs(l));
        }
        starts[clauses] = size;
    }

    /**
     * The fixed literals: bit {@code 2v} set when variable v is true in every
     * model, bit {@code 2v+1} when it is false. Null when propagation alone
     * refutes the clauses (the model has no configuration).
     */
    BitSet propagate() {
        int n = maxVar + 1;
        // occurrence lists in compressed form: clauses holding each literal (index 2v / 2v+1)
        int[] count = new int[2 * n + 1];
        for (int i = 0; i < size; i++) {
            count[index(lits[i]) + 1]++;
        }
        for (int i = 1; i < count.length; i++) {
            count[i] += count[i - 1];
        }
        int[] occ = new int[size];
        int[] fill = Arrays.copyOf(count, count.length);
        for (int c = 0; c < clauses; c++) {
            for (int i = starts[c]; i < starts[c + 1]; i++) {
                occ[fill[index(lits[i])]++] = c;
            }
        }
        int[] open = new int[clauses];
        boolean[] satisfied = new boolean[clauses];
        BitSet fixed = new BitSet(2 * n);
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int c = 0; c < clauses; c++) {
            open[c] = starts[c + 1] - starts[c];
            if (open[c] == 0) {
                return null;
            }
            if (open[c] == 1) {
                int l = lits[starts[c]];
                if (fixed.get(index(-l))) {
                    return null;
                }
                if (!fixed.get(index(l))) {
                    fixed.set(index(l));
                    queue[tail++] = l;
                }
            }
        }
        while (head < tail) {
            int l = queue[head++];
            for (int k = count[index(l)]; k < count[index(l) + 1]; k++) {
                satisfied[occ[k]] = true;
            }
            for (int k = count[index(-l)]; k < count[index(-l) + 1]; k++) {
                int c = occ[k];
                if (satisfied[c]) {
                    continue;
                }
                if (--open[c] > 1) {
                    continue;
                }
                // one literal left that is not false: find it (clauses are short)
                int unit = 0;
                for (int i = starts[c]; i < starts[c + 1] && unit == 0; i++) {
                    int x = lits[i];
                    if (fixed.get(index(x))) {
                        satisfied[c] = true;
                        unit = x;
                    } else if (!fixed.get(index(-x))) {
                        unit = x;
                    }
                }
                if (satisfied[c]) {
                    continue;
                }
                if (unit == 0) {
                    return null;
                }
                fixed.set(index(unit));
                satisfied[c] = true;
                queue[tail++] = unit;
            }
        }
        return fixed;
    }

    static int index(int literal) {
        return literal > 0 ? 2 * literal : 2 * -literal + 1;
    }
}
