package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.c.CProject;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Fixes;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.CheckedTree;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.testing.LinuxTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * percpu-pa on Linux 6.1 as shipped: silent over arch/x86, mm and kernel/
 * for x86_64 and i386 (every configuration: no configuration is given, so a
 * finding would need a satisfiable condition). Then the 2017 bug is put back
 * into real 6.1 code three times (a per_cpu_ptr_to_phys() of a per-cpu
 * address replaced by __pa()): each is found, the first fix is applied, and
 * the fixed file is compiled by the kernel's own {@code make path/file.o}.
 */
@Tag("kernel")
class KernelPercpuPaTest {

    static final List<String> ROOTS = List.of("arch/x86", "mm", "kernel");

    /** One C project for both ARCHes: the body model is configuration-free. */
    static CProject project;
    static Path linux;

    @BeforeAll
    static void open() {
        linux = LinuxTree.dir();
        project = CProject.open(linux, "x86");
    }

    static List<Finding> run(PercpuPaRule rule, String arch, List<String> scope, Map<String, String> overlays)
            throws Exception {
        Kconfig k = Kconfig.load(linux, arch, false, Map.of());
        CheckedTree ws = new CheckedTree(linux, k, null, scope, overlays);
        return rule.check(new RuleContext(ws, Map.of(CProject.class, project)));
    }

    @Test
    void silentOnLinux61ForX86_64AndI386() throws Exception {
        for (String arch : List.of("x86_64", "i386")) {
            PercpuPaRule rule = new PercpuPaRule();
            long start = System.nanoTime();
            List<Finding> found = run(rule, arch, ROOTS, Map.of());
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println("percpu-pa " + arch + ": examined " + rule.examined.get()
                    + " __pa-family calls in arch/x86, mm, kernel; " + found.size() + " finding(s) in " + ms + " ms"
                    + found.stream().map(f -> "\n  " + f.range() + ": " + f.message()).collect(Collectors.joining()));
            assertEquals(List.of(), found, arch);
            assertTrue(rule.examined.get() > 300, "the pre-filter and the finder saw the tree's __pa() calls: "
                    + rule.examined.get());
        }
    }

    /** A real 6.1 line, and the same line with the 2017 bug put back. */
    record Mutation(String file, String original, String mutated, String fixed) {
    }

    static final List<Mutation> MUTATIONS = List.of(
            // the TSS is per-cpu: &per_cpu(cpu_tss_rw, cpu) through a local cast to unsigned long and back
            new Mutation("arch/x86/mm/pti.c", "phys_addr_t pa = per_cpu_ptr_to_phys((void *)va);",
                    "phys_addr_t pa = __pa((void *)va);", "phys_addr_t pa = per_cpu_ptr_to_phys((void *)va);"),
            // a parameter: every caller passes &per_cpu(...) or per_cpu_ptr(...)
            new Mutation("arch/x86/mm/cpu_entry_area.c", "cea_set_pte(cea_vaddr, per_cpu_ptr_to_phys(ptr), prot);",
                    "cea_set_pte(cea_vaddr, __pa(ptr), prot);",
                    "cea_set_pte(cea_vaddr, per_cpu_ptr_to_phys(ptr), prot);"),
            // pointer arithmetic inside the per-cpu IRQ stack: the page-table walk is offered first
            new Mutation("arch/x86/kernel/irq_64.c", "phys_addr_t pa = per_cpu_ptr_to_phys(stack + (i << PAGE_SHIFT));",
                    "phys_addr_t pa = __pa(stack + (i << PAGE_SHIFT));",
                    "phys_addr_t pa = slow_virt_to_phys(stack + (i << PAGE_SHIFT));"));

    @Test
    void theBugPutBackIntoRealSourcesIsFoundAndTheFixCompiles() throws Exception {
        KernelBuild build = KernelBuild.prepared(linux);
        build.checkShadowingWorks("arch/x86/kernel/irq_64.c");
        for (Mutation m : MUTATIONS) {
            String text = Files.readString(linux.resolve(m.file()));
            assertEquals(1, count(text, m.original()), m.file() + " holds the line once");
            String mutated = text.replace(m.original(), m.mutated());
            PercpuPaRule rule = new PercpuPaRule();
            List<Finding> found = run(rule, "x86_64", List.of(m.file()), Map.of(m.file(), mutated));
            assertEquals(1, found.size(), m.file() + ": " + found);
            Finding f = found.get(0);
            assertEquals(m.file(), f.file());
            assertTrue(f.message().startsWith("__pa() of a per-cpu address"), f.message());
            assertNotEquals(List.of(), f.related(), "where the per-cpu address is made");
            String fixed = Fixes.apply(mutated, f.fixes().get(0).edits());
            assertEquals(1, count(fixed, m.fixed()), fixed);
            assertEquals(List.of(), run(new PercpuPaRule(), "x86_64", List.of(m.file()), Map.of(m.file(), fixed)),
                    "silent after the fix");
            System.out.println("percpu-pa mutation " + m.file() + ": found at " + f.range() + ", fixed as: "
                    + m.fixed().strip());
            build.compile(m.file(), fixed);
        }
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * The kernel's own build of x86_64_defconfig in a folder of this test's
     * ({@code ~/.cache/kls/build-6.1-percpu-x86_64}, kept between runs; make is
     * incremental). A changed source is compiled without touching the tree:
     * with O=, kbuild looks for a source in the build folder before the tree
     * (VPATH), so the fixed file is put there for one {@code make path/file.o}
     * and removed again.
     */
    static final class KernelBuild {
        final Path dir;

        private KernelBuild(Path dir) {
            this.dir = dir;
        }

        static KernelBuild prepared(Path linux) throws Exception {
            Path dir = Path.of(System.getProperty("user.home"), ".cache/kls/build-6.1-percpu-x86_64");
            Files.createDirectories(dir);
            KernelBuild b = new KernelBuild(dir);
            if (!Files.isRegularFile(dir.resolve(".config"))) {
                b.make(List.of("x86_64_defconfig"), true);
            }
            b.make(List.of("-j2", "prepare"), true);
            return b;
        }

        /** A broken file put in the build folder must break the build: the shadow is what make compiles. */
        void checkShadowingWorks(String file) throws Exception {
            String text = Files.readString(linux.resolve(file)) + "\n#error kls-percpu-shadow\n";
            assertTrue(!compileQuietly(file, text), "make compiled the tree's " + file + ", not the build folder's");
        }

        void compile(String file, String text) throws Exception {
            assertTrue(compileQuietly(file, text), () -> "make " + file.replaceAll("\\.c$", ".o") + " failed:\n"
                    + tail(dir.resolve("kls-percpu-make.log")));
        }

        private boolean compileQuietly(String file, String text) throws Exception {
            Path shadow = dir.resolve(file);
            Files.createDirectories(shadow.getParent());
            Path tmp = Files.createTempFile(shadow.getParent(), ".kls", ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, shadow, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.deleteIfExists(dir.resolve(file.replaceAll("\\.c$", ".o")));
                return make(List.of(file.replaceAll("\\.c$", ".o")), false)
                        && Files.isRegularFile(dir.resolve(file.replaceAll("\\.c$", ".o")));
            } finally {
                Files.deleteIfExists(shadow);
            }
        }

        private boolean make(List<String> goals, boolean required) throws Exception {
            for (String tool : List.of("make", "gcc", "flex", "bison", "bc")) {
                assertTrue(onPath(tool), tool + " is needed to build Linux (Debian: make gcc flex bison bc "
                        + "libelf-dev libssl-dev)");
            }
            List<String> cmd = new ArrayList<>(List.of("make", "-C", linux.toString(), "O=" + dir, "ARCH=x86_64"));
            cmd.addAll(goals);
            Path log = dir.resolve("kls-percpu-make.log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(20, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("make " + goals + " timed out");
            }
            boolean ok = p.exitValue() == 0;
            if (required && !ok) {
                throw new AssertionError("make " + goals + " failed:\n" + tail(log));
            }
            return ok;
        }

        private static boolean onPath(String tool) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (Files.isExecutable(Path.of(d, tool))) {
                    return true;
                }
            }
            return false;
        }

        private static String tail(Path log) {
            try {
                List<String> l = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", l.subList(Math.max(0, l.size() - 30), l.size()));
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }
    }
}
