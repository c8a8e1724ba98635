package dev.kls.kconfig.sat;

import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.eval.PropositionalEncoder;
import dev.kls.kconfig.eval.PropositionalEncoder.SymbolVars;
import dev.kls.kconfig.eval.Tristate;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which values each bool/tristate symbol can take on one arch, for the
 * editor, without a solver kept in memory: a value seen in one of the seed
 * configurations ({@link DeadSymbols.Seeds}, all conf-exact, each with the
 * kernel command that makes it) is possible, and a value that unit
 * propagation of the model's clauses rules out is impossible (the proof that
 * finds Linux's dead symbols). What neither shows is left open, never guessed.
 * Building it costs one encoding (its clauses are dropped after propagation)
 * and eleven evaluator runs.
 */
public final class PossibleValues {

    /**
     * @param seen       each value seen, with the command that makes a configuration where the symbol has it
     * @param impossible values no valid configuration gives it (bool symbols: m is not listed, it is no value)
     * @param tristate   whether m is a value of its type
     */
    public record Answer(String symbol, Map<Tristate, String> seen, Set<Tristate> impossible, boolean tristate) {
        public Answer {
            seen = Collections.unmodifiableMap(new EnumMap<>(seen.isEmpty() ? Map.of() : seen));
            impossible = Collections.unmodifiableSet(impossible.isEmpty() ? EnumSet.noneOf(Tristate.class)
                    : EnumSet.copyOf(impossible));
        }

        /** Values neither seen nor proven impossible. */
        public Set<Tristate> open() {
            Set<Tristate> out = EnumSet.noneOf(Tristate.class);
            for (Tristate t : Tristate.values()) {
                if ((t != Tristate.MOD || tristate) && !seen.containsKey(t) && !impossible.contains(t)) {
                    out.add(t);
                }
            }
            return out;
        }
    }

    private final Map<String, Answer> answers;
    private final int seeds;

    private PossibleValues(Map<String, Answer> answers, int seeds) {
        this.answers = answers;
        this.seeds = seeds;
    }

    /**
     * The answers for every bool/tristate symbol of the tree's model.
     *
     * @throws java.util.concurrent.CancellationException when the thread is interrupted (the editor moved on)
     */
    public static PossibleValues of(KconfigTree tree) {
        RootPropagation root = new RootPropagation();
        PropositionalEncoder.Encoding enc = PropositionalEncoder.encodeModel(tree, new PropositionalEncoder.Sink() {
            private int next;
            private int clauses;

            @Override
            public int newVar() {
                return ++next;
            }

            @Override
            public void clause(int... literals) {
                if ((++clauses & 0xFFF) == 0) {
                    DeadSymbols.stopIfInterrupted();
                }
                root.add(literals);
            }
        });
        DeadSymbols.stopIfInterrupted();
        BitSet fixed = root.propagate();
        DeadSymbols.Seeds seeds = DeadSymbols.Seeds.of(tree, enc.symbols().keySet());
        Map<String, Answer> out = new java.util.HashMap<>();
        for (SymbolVars v : enc.symbols().values()) {
            Map<Tristate, String> seen = new EnumMap<>(Tristate.class);
            for (int i = 0; i < seeds.configurations().size(); i++) {
                Tristate t = seeds.configurations().get(i).getOrDefault(v.name(), Tristate.NO);
                seen.putIfAbsent(t, seeds.names().get(i));
            }
            Set<Tristate> impossible = EnumSet.noneOf(Tristate.class);
            if (fixed == null) {
                // The model has no configuration at all: nothing is possible (and nothing was seen).
                impossible.addAll(EnumSet.allOf(Tristate.class));
                seen.clear();
            } else {
                boolean mFalse = fixed.get(RootPropagation.index(-v.m()));
                boolean mTrue = fixed.get(RootPropagation.index(v.m()));
                boolean yFalse = fixed.get(RootPropagation.index(-v.y()));
                boolean yTrue = fixed.get(RootPropagation.index(v.y()));
                if (mTrue) {
                    impossible.add(Tristate.NO);
                }
                if (mFalse || yFalse) {
                    impossible.add(Tristate.YES);
                }
                if (v.tristate() && (mFalse || yTrue)) {
                    impossible.add(Tristate.MOD);
                }
            }
            out.put(v.name(), new Answer(v.name(), seen, impossible, v.tristate()));
        }
        return new PossibleValues(Map.copyOf(out), seeds.configurations().size());
    }

    /** Empty for names that are not bool/tristate symbols of the model. */
    public Optional<Answer> answer(String symbol) {
        return Optional.ofNullable(answers.get(symbol));
    }

    /** How many seed configurations were looked at. */
    public int seeds() {
        return seeds;
    }
}
