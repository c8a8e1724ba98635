package dev.kls.kconfig.sat;

import org.sat4j.core.LiteralsUtils;
import org.sat4j.minisat.core.IPhaseSelectionStrategy;

/**
 * Sat4j's decision phases fixed per variable: when the solver decides a
 * variable it tries the preferred value first, so a model comes out close to
 * the preferred assignment without one solve per preference. Sat4j's own
 * fixed strategy resets every phase to "false" at each solve (init), which is
 * why this keeps its own table across init calls.
 */
final class PreferredPhases implements IPhaseSelectionStrategy {

    private static final long serialVersionUID = 1L;

    private int[] phase = new int[0];

    /** Prefers {@code literal} (DIMACS) when its variable is decided. */
    void prefer(int literal) {
        int var = Math.abs(literal);
        grow(var + 1);
        phase[var] = literal > 0 ? LiteralsUtils.posLit(var) : LiteralsUtils.negLit(var);
    }

    private void grow(int length) {
        if (phase.length < length) {
            int old = phase.length;
            phase = java.util.Arrays.copyOf(phase, Math.max(length, old * 2));
            for (int i = old; i < phase.length; i++) {
                phase[i] = LiteralsUtils.negLit(i);
            }
        }
    }

    @Override
    public void init(int nlength) {
        grow(nlength);
    }

    @Override
    public void init(int var, int p) {
        // Kept as preferred: the solver's own initial phases do not override them.
    }

    @Override
    public void assignLiteral(int p) {
    }

    @Override
    public int select(int var) {
        grow(var + 1);
        return phase[var];
    }

    @Override
    public void updateVar(int p) {
    }

    @Override
    public void updateVarAtDecisionLevel(int q) {
    }
}
