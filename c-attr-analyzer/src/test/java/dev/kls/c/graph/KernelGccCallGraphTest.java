package dev.kls.c.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.c.CProject;
import dev.kls.c.body.CallSite;
import dev.kls.c.body.FileBodies;
import dev.kls.c.body.FunctionDef;
import dev.kls.c.cond.Cond;
import dev.kls.kconfig.testing.LinuxTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The call graph's edges of three kernel functions against gcc's own call
 * graph: {@code -fcallgraph-info} on the kernel's build of their files
 * (x86_64_defconfig, in ~/.cache/kls/build-6.1-x86_64-callgraph-bodies).
 * gcc lists each call that is left after inlining with the place it is
 * written; every one written in the function's own file must be a call site
 * of kls's graph at that line calling that name. The other way round, every
 * direct call kls reads in the function that gcc cannot inline (a non-static
 * function gcc calls out of line somewhere in the file) and whose branch is
 * compiled must be in gcc's list, except in code gcc removes as dead for
 * this configuration (at most a quarter; printed).
 */
@Tag("kernel")
class KernelGccCallGraphTest {

    static final List<String> FILES = List.of("mm/vmalloc.c", "kernel/fork.c", "arch/x86/mm/ioremap.c");
    static final Pattern EDGE = Pattern.compile(
            "edge: \\{ sourcename: \"([^\"]+)\" targetname: \"([^\"]+)\" label: \"([^\"]+):(\\d+):(\\d+)\" \\}");

    /** One call in gcc's graph: target name, file (tree-relative) and line of the call. */
    record GccCall(String target, String file, int line) {
    }

    static synchronized Path build(Path linux) throws IOException, InterruptedException {
        Path build = Path.of(System.getProperty("user.home"), ".cache", "kls", "build-6.1-x86_64-callgraph-bodies");
        boolean done = FILES.stream().allMatch(f -> Files.isRegularFile(build.resolve(f.replace(".c", ".ci"))));
        if (!done) {
            Files.createDirectories(build);
            make(linux, build, List.of("x86_64_defconfig"));
            make(linux, build, List.of("-j2", "prepare"));
            List<String> goals = new ArrayList<>(List.of("KCFLAGS=-fcallgraph-info"));
            FILES.forEach(f -> goals.add(f.replace(".c", ".o")));
            make(linux, build, goals);
        }
        return build;
    }

    static void make(Path linux, Path build, List<String> goals) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("make", "-C", linux.toString(), "O=" + build, "ARCH=x86_64"));
        cmd.addAll(goals);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(build.resolve("kls-make.log").toFile());
        for (String v : List.of("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "KBUILD_OUTPUT", "CROSS_COMPILE", "LLVM", "CC",
                "ARCH", "SRCARCH")) {
            pb.environment().remove(v);
        }
        int rc = pb.start().waitFor();
        assertEquals(0, rc, "kernel build failed: " + cmd + " (log: " + build.resolve("kls-make.log") + ")");
    }

    static List<GccCall> gccCalls(Path linux, Path build, String file, String function) throws IOException {
        List<GccCall> out = new ArrayList<>();
        String prefix = linux.toAbsolutePath().normalize() + "/";
        for (String line : Files.readAllLines(build.resolve(file.replace(".c", ".ci")))) {
            Matcher m = EDGE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String src = clean(m.group(1));
            if (!src.equals(function)) {
                continue;
            }
            String target = clean(m.group(2));
            String at = m.group(3).startsWith(prefix) ? m.group(3).substring(prefix.length()) : m.group(3);
            out.add(new GccCall(target, at, Integer.parseInt(m.group(4))));
        }
        return out;
    }

    /** A node name without its file prefix (static functions) and gcc's clone suffixes (.constprop.0, .isra.0). */
    static String clean(String name) {
        String n = name.substring(name.lastIndexOf(':') + 1);
        return n.replaceAll("(\\.(constprop|isra|part|cold)(\\.\\d+)?)+$", "");
    }

    /**
     * gcc places a call written in a macro's argument at the macro's invocation
     * (`__pgprot(x | f(y))` split over lines gives the first line): the call's
     * line, or up to five lines before it within the statement.
     */
    static boolean near(int gccLine, CallSite c) {
        int l = c.range().startLine();
        return gccLine <= l && l - gccLine <= 5 || gccLine >= l && gccLine <= c.range().endLine();
    }

    /** The out-of-line functions gcc's graph of the file calls: defined elsewhere, so never inlined here. */
    static Set<String> external(Path build, String file) throws IOException {
        Set<String> out = new TreeSet<>();
        Pattern node = Pattern.compile("node: \\{ title: \"([^\"]+)\".*shape : ellipse \\}");
        for (String line : Files.readAllLines(build.resolve(file.replace(".c", ".ci")))) {
            Matcher m = node.matcher(line);
            if (m.matches()) {
                out.add(clean(m.group(1)));
            }
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"mm/vmalloc.c, __vmalloc_node_range", "kernel/fork.c, kernel_clone", "arch/x86/mm/ioremap.c, __ioremap_caller"})
    void edgesAgreeWithGcc(String file, String function) throws Exception {
        Path linux = LinuxTree.dir();
        Path build = build(linux);
        CProject p = CProject.open(linux, "x86");
        ProjectIndex ix = ProjectIndex.of(p, List.of(file));
        FileBodies b = ix.file(file);
        List<CallSite> ours = b.calls();
        List<GccCall> gcc = gccCalls(linux, build, file, function);
        assertTrue(!gcc.isEmpty(), "gcc lists no call of " + function);
        // gcc -> kls: each call written in the file is one of ours, at that line, to that name
        List<String> missing = new ArrayList<>();
        int inFile = 0;
        for (GccCall g : gcc) {
            if (!g.file().equals(file)) {
                continue; // written in a header's inline function: kls indexes .c files
            }
            inFile++;
            boolean found = ours.stream().anyMatch(c -> near(g.line(), c) && g.target().equals(c.callee().name()));
            if (!found) {
                missing.add(g.target() + "@" + g.line());
            }
        }
        // kls -> gcc: direct calls, in the function's own body, of functions gcc calls out of line in this file
        Set<String> outOfLine = external(build, file);
        FunctionDef fn = b.functions(function).get(0);
        List<String> notInGcc = new ArrayList<>();
        int checked = 0;
        for (CallSite c : fn.calls()) {
            if (c.callee().kind() != CallSite.Kind.DIRECT || !(c.presence() instanceof Cond.True)
                    || c.callee().name().startsWith("__builtin")) {
                continue;
            }
            if (!outOfLine.contains(c.callee().name())) {
                continue; // a static or inline function gcc may have inlined, or a name it never calls
            }
            checked++;
            if (gcc.stream().noneMatch(g -> g.target().equals(c.callee().name()) && near(g.line(), c))) {
                notInGcc.add(c.callee().name() + "@" + c.range().startLine());
            }
        }
        System.out.printf("gcc call graph %s %s: gcc calls=%d (in the file: %d), not in kls: %s; kls direct calls"
                + " checked=%d, not in gcc: %s%n", file, function, gcc.size(), inFile, missing, checked, notInGcc);
        // a macro with another definition in this configuration than the first one kls reads (WARN_ONCE) may call
        // something else: at most one in ten
        assertTrue(missing.size() * 10 <= inFile, "calls gcc makes that kls's graph lacks: " + missing);
        assertTrue(checked > 0, "no kls call of " + function + " to compare");
        assertTrue(notInGcc.size() * 4 <= checked, "kls calls gcc does not make: " + notInGcc);
    }
}
