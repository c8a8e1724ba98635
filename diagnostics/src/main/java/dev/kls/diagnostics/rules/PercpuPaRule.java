package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.c.CFile;
import dev.kls.c.CProject;
import dev.kls.c.body.FunctionDef;
import dev.kls.c.cond.Cond;
import dev.kls.c.cond.Truth;
import dev.kls.c.provenance.Invocations;
import dev.kls.c.provenance.Place;
import dev.kls.c.provenance.Provenance;
import dev.kls.diagnostics.Assignment;
import dev.kls.diagnostics.CMatchers;
import dev.kls.diagnostics.EvaluatedConfig;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Fix;
import dev.kls.diagnostics.Input;
import dev.kls.diagnostics.RelatedLocation;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.TextEdit;
import dev.kls.kconfig.witness.WitnessSearch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * percpu-pa (seed 004): linear-map address arithmetic ({@code __pa()},
 * {@code virt_to_phys()}, {@code virt_to_page()}, ...) on an address inside
 * the per-cpu area. Per-cpu chunks may be vmalloc-mapped (always on 32-bit
 * with the page first chunk), so the answer is wrong there; the kernel has
 * {@code per_cpu_ptr_to_phys()} and {@code slow_virt_to_phys()} for it.
 *
 * <p>Where the argument points comes from {@link Provenance}: through locals,
 * casts, members, {@code ?:}, the return values of (inline) functions in any
 * file, and the arguments callers pass. A finding is reported only when the
 * conjunction of the presence conditions on the way is satisfiable (under the
 * checked configuration, or in some configuration conf accepts).
 */
@AutoService(Rule.class)
public final class PercpuPaRule implements CMatchers.Matching {

    /** Linear-map conversions taking a virtual address as their first argument. */
    public static final Set<String> DEFAULT_FUNCTIONS = Set.of("__pa", "__pa_nodebug", "__pa_symbol",
            "virt_to_phys", "virt_to_page", "virt_to_pfn", "__phys_addr_symbol");

    /** Those whose result is a page or page frame number rather than a physical address. */
    private static final Set<String> PAGE_RESULT = Set.of("virt_to_page", "virt_to_pfn");

    /** The conversions that are right for per-cpu addresses (the fixes): their own bodies are not checked. */
    private static final Set<String> KNOW_PER_CPU = Set.of("per_cpu_ptr_to_phys", "slow_virt_to_phys");

    private final Set<String> functions;

    /** The count of linear-map conversions examined by the last run (the kernel test prints it). */
    final AtomicInteger examined = new AtomicInteger();

    public PercpuPaRule() {
        this(DEFAULT_FUNCTIONS);
    }

    /** A rule over another set of conversions (the set is configurable for trees with their own wrappers). */
    public PercpuPaRule(Set<String> functions) {
        this.functions = Set.copyOf(functions);
    }

    @Override
    public String id() {
        return "percpu-pa";
    }

    @Override
    public String summary() {
        return "__pa(), virt_to_phys() or virt_to_page() of a per-cpu address: the per-cpu area may be "
                + "vmalloc-mapped, so the linear-map arithmetic gives a wrong physical address";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.KCONFIG, Input.C_FILES);
    }

    @Override
    public CMatchers.Interest interest(RuleContext context) {
        // The .kls.json option "functions" wins over the set this rule was made with.
        return new Conversions(Set.copyOf(context.option(this, "functions")));
    }

    @Override
    public List<Finding> check(RuleContext context) throws Exception {
        Conversions found = CMatchers.fed(context, this);
        String srcarch = context.kconfig().environment().srcarch();
        CProject project = context.cProject();
        List<String> files = new ArrayList<>();
        for (String file : context.sourceFiles(Set.of(".c"))) {
            if (file.startsWith("arch/") && !file.startsWith("arch/" + srcarch + "/")) {
                continue; // another architecture's code is never built for this one
            }
            files.add(file);
        }
        Provenance prov = new Provenance(project);
        prov.index(files);
        Run run = new Run(context, prov);
        examined.set(0);
        List<Finding> out = new ArrayList<>();
        for (Found f : found.calls) {
            context.checkCancelled();
            examined.incrementAndGet();
            if (f.inv().args().isEmpty() || f.inv().args().get(0) == null) {
                continue;
            }
            run.check(f.file(), f.fn(), f.inv()).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public Map<String, List<String>> options() {
        return Map.of("functions", functions.stream().sorted().toList());
    }

    /** One conversion call the walk fed, in file and source order. */
    private record Found(CFile file, FunctionDef fn, Invocations.Invocation inv) {
    }

    /** The run's interest: invocations of the conversions, in the .c and .h files that name one. */
    private static final class Conversions extends CMatchers.Interest {
        private final Set<String> functions;
        final List<Found> calls = new ArrayList<>();

        Conversions(Set<String> functions) {
            super(Set.of(".c", ".h"));
            this.functions = functions;
            wantInvocations(functions);
        }

        @Override
        protected boolean mayMatch(CFile cf) {
            for (String f : functions) {
                if (cf.model().identifierTokens(f).length > 0) {
                    return true; // the file's own tokens name a conversion
                }
            }
            return false;
        }

        @Override
        protected void invocation(CFile cf, FunctionDef fn, Invocations.Invocation inv) {
            // virt_to_phys() itself is __pa() of its parameter; per_cpu_ptr_to_phys() uses __pa()
            // only for the part of the first chunk it knows is in the linear map
            if (!functions.contains(fn.name()) && !KNOW_PER_CPU.contains(fn.name())) {
                calls.add(new Found(cf, fn, inv));
            }
        }
    }

    private final class Run {
        private final RuleContext context;
        private final Provenance prov;
        private final Optional<EvaluatedConfig> given;
        private WitnessSearch search;

        Run(RuleContext context, Provenance prov) {
            this.context = context;
            this.prov = prov;
            this.given = context.configuration();
        }

        Optional<Finding> check(CFile cf, FunctionDef fn, Invocations.Invocation inv) {
            Set<Place> places = prov.valueWithCallers(cf, fn, inv.args().get(0), 2);
            for (Place p : places) {
                if (p.region() != Place.Region.PER_CPU) {
                    continue;
                }
                Cond cond = Cond.and(List.of(fn.presence(), inv.presence(), p.presence()));
                Optional<List<Assignment>> witness = satisfiable(cond);
                if (witness.isPresent()) {
                    return Optional.of(finding(cf, fn, inv, p, cond, witness.get()));
                }
            }
            return Optional.empty();
        }

        /** Empty when no configuration compiles the code on the way; else the settings that do (maybe none). */
        private Optional<List<Assignment>> satisfiable(Cond cond) {
            if (cond instanceof Cond.True) {
                return Optional.of(List.of());
            }
            if (given.isPresent()) {
                Truth t = cond.evaluate(EvaluatedConfig.writtenValues(given.get().result()));
                return t == Truth.FALSE ? Optional.empty() : Optional.of(List.of());
            }
            Set<String> matter = new LinkedHashSet<>(cond.symbols());
            matter.removeIf(s -> context.kconfig().model().symbol(s) == null);
            if (matter.isEmpty()) {
                return cond.evaluate(Map.of()) == Truth.FALSE && cond.symbols().isEmpty() ? Optional.empty()
                        : Optional.of(List.of());
            }
            if (search == null) {
                search = context.shared(WitnessSearch.class,
                        c -> new WitnessSearch(c.kconfig().tree(), c.kconfig().model(), null));
            }
            if (cond.evaluate(EvaluatedConfig.writtenValues(search.baseResult())) == Truth.TRUE) {
                return Optional.of(List.of());
            }
            Optional<WitnessSearch.Witness> w = search.find(matter,
                    r -> cond.evaluate(EvaluatedConfig.writtenValues(r)) == Truth.TRUE);
            if (w.isEmpty()) {
                return Optional.empty();
            }
            List<Assignment> out = new ArrayList<>();
            w.get().settings().forEach((k, v) -> out.add(new Assignment(k, v)));
            return Optional.of(out);
        }

        private Finding finding(CFile cf, FunctionDef fn, Invocations.Invocation inv, Place p, Cond cond,
                List<Assignment> witness) {
            String arg = inv.argTexts().get(0);
            String message = inv.name() + "() of a per-cpu address: " + arg + " points into the per-cpu area (from "
                    + p.describe() + "), which may be vmalloc-mapped, so linear-map arithmetic gives a wrong "
                    + (PAGE_RESULT.contains(inv.name()) ? "page" : "physical address");
            List<RelatedLocation> related = new ArrayList<>();
            if (p.at() != null) {
                related.add(new RelatedLocation(p.at(), "the per-cpu address is made here: " + p.origin()));
            }
            for (int i = p.via().size() - 1; i >= 0; i--) {
                related.add(new RelatedLocation(p.via().get(i), "and comes back through this call"));
            }
            String type = prov.typeOf(cf, fn, inv.args().get(0));
            boolean integer = type != null && !type.endsWith("*") && !type.endsWith("[]");
            String a = integer ? "(void *)(" + arg + ")" : arg;
            Fix percpu = fix(inv, "per_cpu_ptr_to_phys", a);
            Fix slow = fix(inv, "slow_virt_to_phys", a);
            // per_cpu_ptr_to_phys() wants what the per-cpu allocator handed out; an address moved
            // into the middle of an allocation is safer with the page-table walk
            List<Fix> fixes = p.interior() ? List.of(slow, percpu) : List.of(percpu, slow);
            dev.kls.diagnostics.Condition condition = dev.kls.diagnostics.Condition.presence(cond,
                    context.kconfig().model());
            return new Finding(id(), Severity.ERROR, inv.range(), message, condition, witness, related, fixes);
        }

        private Fix fix(Invocations.Invocation inv, String with, String arg) {
            String call = with + "(" + arg + ")";
            String text;
            if (inv.name().equals("virt_to_page")) {
                text = "pfn_to_page(" + call + " >> PAGE_SHIFT)";
            } else if (inv.name().equals("virt_to_pfn")) {
                text = "(" + call + " >> PAGE_SHIFT)";
            } else {
                text = call;
            }
            return new Fix("Use " + with + "() instead of " + inv.name() + "()", List.of(new TextEdit(inv.range(),
                    text)));
        }
    }
}
