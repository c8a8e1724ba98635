package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.c.CFile;
import dev.kls.c.cond.Cond;
import dev.kls.c.kbuild.Kbuild;
import dev.kls.c.pp.Branch;
import dev.kls.c.pp.Directive;
import dev.kls.c.pp.FileModel;
import dev.kls.diagnostics.CMatchers;
import dev.kls.diagnostics.Condition;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Input;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.Severity;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.model.KconfigModel;
import dev.kls.kconfig.sat.DeadSymbols;
import dev.kls.kconfig.sat.FormulaQuestions;
import dev.kls.kconfig.sat.FormulaQuestions.Answer;
import dev.kls.kconfig.sat.FormulaQuestions.Verdict;
import dev.kls.kconfig.sat.KconfigSat;
import dev.kls.kconfig.semantics.Formula;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * dead-ifdef: an {@code #if}/{@code #ifdef}/{@code #ifndef}/{@code #elif}
 * test over CONFIG_ symbols that no valid configuration of this arch makes
 * true (the block is dead code) or false (the test is redundant, its
 * {@code #else} dead), wherever the line is reached: inside the blocks
 * around it and, in a .c file, under the condition kbuild builds the file
 * at all (an {@code #ifdef CONFIG_X} in a file only built for X=y is
 * undead). Makefile list lines ({@code obj-$(CONFIG_X) += foo.o}) whose
 * condition never holds where kbuild reaches their folder are dead too.
 * The questions go to {@link FormulaQuestions}: seed configurations, unit
 * propagation, then the SAT solver within the budget; what is not decided
 * in time is never reported. A block inside a dead block, or a file or
 * folder kbuild never reaches, is left to the outer finding.
 */
@AutoService(Rule.class)
public final class DeadIfdefRule implements CMatchers.Matching {

    @Override
    public String id() {
        return "dead-ifdef";
    }

    @Override
    public String summary() {
        return "#if test or Makefile obj- line over CONFIG_ symbols that no configuration of this arch makes true "
                + "(dead) or false (undead)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.KCONFIG, Input.C_FILES);
    }

    @Override
    public Map<String, List<String>> options() {
        // Off unless asked for, as dead-symbol: "#ifdef CONFIG_ARM64" in a shared header is dead on x86 by design.
        return Map.of("all-configurations", List.of("never"), "budget", List.of("60"));
    }

    /** The conditional directives of the .c and .h files that mention CONFIG_. */
    private static final class Tests extends CMatchers.Interest {
        final List<FileModel> files = new ArrayList<>();

        /** @param on whether the rule runs at all: when it does not, no file is read for it (no extension) */
        Tests(boolean on) {
            super(on ? Set.of(".c", ".h") : Set.of());
        }

        @Override
        protected boolean filtersText() {
            return true;
        }

        @Override
        protected boolean mayMatch(String text) {
            return text.contains("CONFIG_");
        }

        @Override
        protected void file(CFile cf) {
            if (cf.path().startsWith("tools/") || cf.path().startsWith("scripts/")) {
                return; // user-space programs with CONFIG_ names of their own
            }
            files.add(cf.model());
        }
    }

    @Override
    public CMatchers.Interest interest(RuleContext context) {
        boolean on;
        try {
            on = AllConfigurations.wanted(context, this, context.kconfig().model().symbols().size(),
                    DeadSymbolRule.AUTO_LIMIT);
        } catch (IllegalArgumentException e) {
            on = false; // a bad option value: check() reports it
        }
        return new Tests(on);
    }

    /**
     * One test asked about: where it is, how it reads, when its line is
     * reached ({@code reach}) and its own condition ({@code test}); for a
     * Makefile line {@code elseBranch} is false. {@code undefined}: the
     * CONFIG_ names it tests that no Kconfig file of the arch defines, sorted.
     */
    record Item(SourceRange range, String text, boolean makefile, Formula reach, Formula test, boolean elseBranch,
            List<String> undefined) {
        Item {
            undefined = List.copyOf(undefined);
        }
    }

    /** A test found dead ({@code dead}) or undead, with the answer that shows it. */
    record Found(Item item, boolean dead, Answer proof) {
    }

    /**
     * One run's questions and answers: for item i, {@code answers} holds
     * "reached" at 3i, "reached and the test holds" at 3i+1 and "reached and
     * it fails" at 3i+2 (FALSE for a Makefile line, whose undead is not asked).
     */
    record Analysis(List<Item> items, List<Answer> answers, FormulaQuestions.Result result, List<Found> found,
            String arch) {
    }

    @Override
    public List<Finding> check(RuleContext context) throws Exception {
        Analysis a = analyse(context);
        List<Finding> out = new ArrayList<>();
        if (a != null) {
            for (Found f : a.found()) {
                out.add(finding(f.item(), f.dead(), f.proof(), a.arch()));
            }
        }
        return out;
    }

    /** The questions of this run and their answers; null when the rule is not wanted on this tree. */
    Analysis analyse(RuleContext context) throws Exception {
        Tests fed = CMatchers.fed(context, this);
        KconfigModel model = context.kconfig().model();
        if (!AllConfigurations.wanted(context, this, model.symbols().size(), DeadSymbolRule.AUTO_LIMIT)) {
            return null;
        }
        java.time.Duration budget = DeadSymbolRule.budget(context, this);
        var env = context.kconfig().environment();
        Kbuild kbuild = new Kbuild(context.srctree(), env.srcarch(), env.arch());
        List<Item> items = new ArrayList<>();
        for (FileModel fm : fed.files) {
            context.checkCancelled();
            if (context.inScope(fm.path())) {
                items.addAll(directives(fm, model, kbuild));
            }
        }
        items.addAll(makefileLines(context, model, kbuild));
        String arch = env.arch();
        if (items.isEmpty()) {
            return new Analysis(List.of(), List.of(), null, List.of(), arch);
        }
        KconfigSat sat = context.shared(KconfigSat.class, k -> KconfigSat.of(k.kconfig().tree()));
        DeadSymbols.Seeds seeds = context.shared(DeadSymbols.Seeds.class, c -> DeadSymbols.Seeds.of(sat));
        FormulaQuestions questions = new FormulaQuestions(sat, seeds, model::symbolType);
        List<Formula> asked = new ArrayList<>();
        for (Item it : items) {
            asked.add(it.reach());
            asked.add(Formula.and(it.reach(), it.test()));
            asked.add(it.makefile() ? Formula.FALSE : Formula.and(it.reach(), Formula.not(it.test())));
        }
        FormulaQuestions.Result result = questions.ask(asked, budget);
        List<Answer> answers = result.answers();
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            Verdict reach = answers.get(3 * i).verdict();
            if (reach != Verdict.LIVE && reach != Verdict.UNDEAD) {
                continue; // never reached (the outer block, file or folder is the finding) or not known to be
            }
            Answer holds = answers.get(3 * i + 1);
            Answer fails = answers.get(3 * i + 2);
            if (holds.verdict() == Verdict.DEAD) {
                found.add(new Found(it, true, holds));
            } else if (!it.makefile() && fails.verdict() == Verdict.DEAD) {
                found.add(new Found(it, false, fails));
            }
        }
        return new Analysis(items, answers, result, found, arch);
    }

    private Finding finding(Item it, boolean dead, Answer proof, String arch) {
        String how = proof.proof() == FormulaQuestions.Proof.PROPAGATION
                ? "proven by unit propagation over the Kconfig model, no search"
                : "proven by the SAT solver over every configuration of the Kconfig model";
        String undefined = it.undefined().isEmpty() ? ""
                : "; no Kconfig file of this arch defines " + String.join(", ", it.undefined());
        String message;
        if (it.makefile()) {
            message = "'" + it.text() + "' never applies on " + arch + " where kbuild reaches this folder: "
                    + it.test().toKconfig() + " can never hold, so nothing it names is ever built (" + how
                    + undefined + ")";
        } else if (dead) {
            message = "'" + it.text() + "' is never true on " + arch + (it.reach() == Formula.TRUE ? ""
                    : " where this line is reached") + ": the block is dead code (" + how + undefined + ")";
        } else {
            message = "'" + it.text() + "' is always true on " + arch + (it.reach() == Formula.TRUE ? ""
                    : " where this line is reached") + ": the test is redundant"
                    + (it.elseBranch() ? " and its #else is dead code" : "") + " (" + how + undefined + ")";
        }
        return Finding.of(id(), defaultSeverity(), it.range(), message).withCondition(Condition.ALWAYS);
    }

    /** The #if/#ifdef/#ifndef/#elif tests of one file that mention CONFIG_ symbols, each with when it is reached. */
    static List<Item> directives(FileModel fm, KconfigModel model, Kbuild kbuild) {
        Set<String> ownDefines = new HashSet<>();
        for (var m : fm.macros()) {
            if (m.name().startsWith("CONFIG_")) {
                ownDefines.add(m.name().substring(7)); // a file's own CONFIG_ macro is not Kconfig's
            }
        }
        Cond built = null;
        List<Item> out = new ArrayList<>();
        List<Branch> brs = fm.branches();
        for (Branch br : brs) {
            if (br.kind().equals("else") || br.id() == fm.guardBranch()) {
                continue;
            }
            Set<String> names = br.condition().symbols();
            if (names.isEmpty() || names.stream().anyMatch(ownDefines::contains)) {
                continue;
            }
            if (built == null) {
                built = fm.path().endsWith(".c") ? kbuild.compiled(fm.path()).condition() : Cond.TRUE;
            }
            List<Cond> reach = new ArrayList<>();
            reach.add(built);
            if (br.parent() >= 0) {
                reach.add(fm.presence(br.parent()));
            }
            boolean hasElse = false;
            boolean before = true;
            for (int id : fm.block(br.block())) {
                if (id == br.id()) {
                    before = false;
                } else if (before) {
                    reach.add(Cond.not(brs.get(id).condition()));
                } else if (brs.get(id).kind().equals("else")) {
                    hasElse = true;
                }
            }
            Set<String> undefined = new TreeSet<>();
            for (String s : names) {
                if (model.symbol(s) == null) {
                    undefined.add("CONFIG_" + s);
                }
            }
            Directive d = fm.directives().get(br.directiveIndex());
            out.add(new Item(d.range(), text(fm, d.range()), false, Condition.formula(Cond.and(reach), model),
                    Condition.formula(br.condition(), model), hasElse, List.copyOf(undefined)));
        }
        return out;
    }

    /** The source of a directive on one line, blanks and continuations squeezed, cut at 100 characters. */
    private static String text(FileModel fm, SourceRange r) {
        int a = fm.lines().offset(r.startLine(), r.startColumn());
        int b = fm.lines().offset(r.endLine(), r.endColumn());
        String t = fm.text().substring(Math.max(0, a), Math.min(fm.text().length(), Math.max(a, b)));
        t = t.replace("\\\n", " ").replaceAll("\\s+", " ").strip();
        return t.length() > 100 ? t.substring(0, 97) + "..." : t;
    }

    /** A makefile line as written, continuations joined, blanks squeezed, cut at 100 characters. */
    private static String lineText(RuleContext context, Kbuild.Mention m) throws java.io.IOException {
        String[] all = context.text(m.range().file()).split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int l = m.range().startLine(); l <= m.range().endLine() && l <= all.length; l++) {
            String line = all[l - 1];
            sb.append(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line).append(' ');
        }
        int hash = sb.indexOf("#");
        String t = (hash >= 0 ? sb.substring(0, hash) : sb.toString()).replaceAll("\\s+", " ").strip();
        return t.length() > 100 ? t.substring(0, 97) + "..." : t;
    }

    /** The obj-/lib- lines over CONFIG_ symbols of the makefiles in scope, each with when its folder is reached. */
    private static List<Item> makefileLines(RuleContext context, KconfigModel model, Kbuild kbuild)
            throws java.io.IOException {
        Set<String> dirs = new LinkedHashSet<>();
        for (String f : context.sourceFiles(Set.of("makefile", "kbuild"))) {
            String name = f.substring(f.lastIndexOf('/') + 1);
            if (name.equals("Makefile") || name.equals("Kbuild")) {
                dirs.add(f.substring(0, f.lastIndexOf('/') + 1));
            }
        }
        List<Item> out = new ArrayList<>();
        Map<SourceRange, Item> byLine = new HashMap<>();
        for (String dir : dirs) {
            if (dir.startsWith("tools/") || dir.startsWith("scripts/")) {
                continue;
            }
            Formula reach = null;
            for (Kbuild.Mention m : kbuild.lines(dir)) {
                Cond c = Kbuild.lineCondition(m);
                if (c.symbols().isEmpty() || !context.inScope(m.range().file())) {
                    continue;
                }
                if (reach == null) {
                    reach = Condition.formula(kbuild.reached(dir, new ArrayList<>()), model);
                }
                Item known = byLine.get(m.range());
                if (known != null) {
                    continue; // one line naming several objects: one finding
                }
                Set<String> undefined = new TreeSet<>();
                for (String s : c.symbols()) {
                    if (model.symbol(s) == null) {
                        undefined.add("CONFIG_" + s);
                    }
                }
                Item it = new Item(m.range(), lineText(context, m), true, reach,
                        Condition.formula(c, model), false, List.copyOf(undefined));
                byLine.put(m.range(), it);
                out.add(it);
            }
        }
        return out;
    }
}
