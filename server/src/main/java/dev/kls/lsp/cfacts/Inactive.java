package dev.kls.lsp.cfacts;

import dev.kls.lsp.Snapshot;

/** Which lines of a C file the current configuration compiles out. */
public final class Inactive {

    private Inactive() {
    }

    /**
     * @return per 0-based line, true when it lies in a branch known to be out:
     *         its condition is false, or an earlier branch of its block is true
     */
    public static boolean[] lines(CFacts facts, Snapshot s, int lineCount) {
        boolean[] out = new boolean[lineCount];
        if (s.config() == null) {
            return out;
        }
        for (CFacts.CondBlock b : facts.blocks()) {
            boolean taken = false;
            for (CFacts.Branch br : b.branches()) {
                Truth t = br.condition().evaluate(s::value, facts.defines());
                if (taken || t == Truth.FALSE) {
                    for (int l = br.line(); l < br.endLine() && l < lineCount; l++) {
                        out[l] = true; // 0-based l is the 1-based line after the directive
                    }
                }
                taken |= t == Truth.TRUE;
            }
        }
        return out;
    }
}
