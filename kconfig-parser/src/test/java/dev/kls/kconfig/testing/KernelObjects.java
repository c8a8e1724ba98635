package dev.kls.kconfig.testing;

import dev.kls.kconfig.testing.Toolchain.Abi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The ground truth for page-aligned objects in Linux 6.1: for one ARCH and
 * its defconfig, the kernel's own build ({@code make O=... defconfig},
 * {@code prepare}, then {@code make path/file.o path/file.s}) of exactly the
 * C files under arch/x86, mm and drivers/xen that can place an object in a
 * page-aligned section, and every symbol gcc put in such a section, with its
 * {@code nm -S} size.
 *
 * <p>Candidate files are found by grep: they mention a page-aligned section
 * or {@code __page_aligned_bss/data}, or a macro whose definition (in any
 * header, transitively) does. The compiler is the judge of which of their
 * objects really land in such a section. A candidate that the configuration
 * does not build (kbuild's own dry run of its directory does not compile it)
 * is not compiled and is listed in {@link Result#notEnabled()}.
 *
 * <p>The build folder, {@code ~/.cache/kls/build-6.1-ARCH-DEFCONFIG}, is kept:
 * when the defconfig, the tree and gcc are unchanged a later run only reads the
 * objects again (seconds). The Linux tree itself is never written.
 */
public final class KernelObjects {

    /** The configurations the issue asks about. */
    public enum Target {
        X86_64("x86_64", "x86_64_defconfig", Abi.M64), I386("i386", "i386_defconfig", Abi.M32);

        private final String arch;
        private final String defconfig;
        private final Abi abi;

        Target(String arch, String defconfig, Abi abi) {
            this.arch = arch;
            this.defconfig = defconfig;
            this.abi = abi;
        }

        /** kbuild's ARCH. */
        public String arch() {
            return arch;
        }

        /** The file under arch/x86/configs. */
        public String defconfig() {
            return defconfig;
        }

        public Abi abi() {
            return abi;
        }
    }

    /** The folders searched, relative to the tree. */
    public static final List<String> ROOTS = List.of("arch/x86", "mm", "drivers/xen");

    /**
     * @param candidates C files (relative to the tree) that grep says may hold page-aligned objects
     * @param built      those the configuration builds, compiled and read
     * @param notEnabled those it does not build, skipped
     * @param symbols    every symbol of the built files in a page-aligned section
     * @param cached     whether the objects of an earlier run were reused (no make was run)
     * @param elapsed    wall time of this call
     */
    public record Result(Target target, Path buildDir, List<String> candidates, List<String> built,
            List<String> notEnabled, List<ObjectSymbol> symbols, boolean cached, Duration elapsed) {

        /** The object file kbuild wrote for a built C file. */
        public Path object(String file) {
            return buildDir.resolve(file.replaceAll("\\.c$", ".o"));
        }
    }

    /** Bumped when what a run stores or reads changes, so older build folders are redone. */
    private static final String FORMAT = "kls-kernel-objects 1";
    private static final String STAMP = ".kls-kernel-objects";
    private static final Pattern MARKER = Pattern.compile("__page_aligned_(?:bss|data)\\b|\\.(?:bss|data)\\.\\.?page_aligned\\b");
    private static final Pattern DEFINE = Pattern.compile("^\\s*#\\s*define\\s+(\\w+)(.*)$");
    private static final Pattern OBJECT_OUT = Pattern.compile("(?:^|\\s)-o\\s+(\\S+\\.o)(?=[\\s;]|$)");

    private KernelObjects() {
    }

    /** The page-aligned objects for a target, from the Linux tree {@link LinuxTree#dir()}, cached under ~/.cache/kls. */
    public static Result collect(Target target) {
        return collect(target, LinuxTree.dir(), Path.of(System.getProperty("user.home"), ".cache", "kls"),
                Toolchain.system());
    }

    /**
     * @param linux     the Linux 6.1 tree (only read)
     * @param cacheRoot where the build folder {@code build-6.1-ARCH-DEFCONFIG} is kept
     */
    public static synchronized Result collect(Target target, Path linux, Path cacheRoot, Toolchain tools) {
        long start = System.nanoTime();
        tools.require(target.abi());
        requireBuildTools();
        Path build = cacheRoot.resolve("build-6.1-" + target.arch() + "-" + target.defconfig());
        try {
            Files.createDirectories(build);
            // Another JVM (another module's tests) may use the same build folder at the same time.
            try (FileChannel ch = FileChannel.open(cacheRoot.resolve(build.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                String key = key(target, linux, tools);
                Stamp stamp = Stamp.read(build.resolve(STAMP));
                boolean cached = stamp != null && stamp.key.equals(key)
                        && stamp.built.stream().allMatch(f -> Files.isRegularFile(objectOf(build, f, ".o"))
                                && Files.isRegularFile(objectOf(build, f, ".s")));
                if (!cached) {
                    stamp = build(target, linux, build, key);
                }
                List<ObjectSymbol> symbols = new ArrayList<>();
                for (String file : stamp.built) {
                    for (ObjectSymbol s : ObjectReader.read(tools, objectOf(build, file, ".o"),
                            objectOf(build, file, ".s"), target.arch(), file)) {
                        if (s.inPageAlignedSection()) {
                            symbols.add(s);
                        }
                    }
                }
                return new Result(target, build, stamp.candidates, stamp.built, stamp.notEnabled, List.copyOf(symbols),
                        cached, Duration.ofNanos(System.nanoTime() - start));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Configures, prepares and builds the candidates the configuration enables; writes the stamp last. */
    private static Stamp build(Target target, Path linux, Path build, String key) throws IOException {
        Files.deleteIfExists(build.resolve(STAMP));
        List<String> candidates = candidates(linux, "x86");
        make(linux, build, target, List.of(target.defconfig()));
        make(linux, build, target, List.of("-j2", "prepare"));
        // Objects of an earlier configuration would pass for enabled ones below.
        for (String f : candidates) {
            Files.deleteIfExists(objectOf(build, f, ".o"));
            Files.deleteIfExists(objectOf(build, f, ".s"));
        }
        Set<String> enabledObjects = dryRunObjects(linux, build, target);
        List<String> built = candidates.stream().filter(f -> enabledObjects.contains(f.replaceAll("\\.c$", ".o")))
                .toList();
        List<String> notEnabled = candidates.stream().filter(f -> !built.contains(f)).toList();
        if (!built.isEmpty()) {
            List<String> goals = new ArrayList<>(List.of("-j2"));
            for (String f : built) {
                goals.add(f.replaceAll("\\.c$", ".o"));
                goals.add(f.replaceAll("\\.c$", ".s"));
            }
            make(linux, build, target, goals);
        }
        Stamp stamp = new Stamp(key, candidates, built, notEnabled);
        stamp.write(build.resolve(STAMP));
        return stamp;
    }

    /**
     * The objects kbuild would compile under arch/x86, mm and drivers/xen for
     * this configuration: the {@code -o} targets of a dry run ({@code make -n})
     * of their top folders. Only run when none of the candidates is built yet.
     */
    private static Set<String> dryRunObjects(Path linux, Path build, Target target) throws IOException {
        Set<String> tops = new LinkedHashSet<>();
        for (String root : ROOTS) {
            tops.add(root.startsWith("arch/") ? root + "/" : root.split("/")[0] + "/");
        }
        List<String> goals = new ArrayList<>(List.of("-n"));
        goals.addAll(tops);
        String out = make(linux, build, target, goals);
        Set<String> objects = new HashSet<>();
        Matcher m = OBJECT_OUT.matcher(out);
        while (m.find()) {
            objects.add(m.group(1));
        }
        return objects;
    }

    /** Runs make in the tree with O=build; returns its stdout, or fails with the end of its log. */
    private static String make(Path linux, Path build, Target target, List<String> goals) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("make", "-C", linux.toString(), "O=" + build, "ARCH=" + target.arch()));
        cmd.addAll(goals);
        Exec.Result r = Exec.run(cmd, build, env -> {
            // What kbuild would otherwise take from the caller's environment.
            for (String v : List.of("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "KBUILD_OUTPUT",
                    "KCONFIG_CONFIG", "KBUILD_EXTMOD", "CROSS_COMPILE", "LLVM", "CC", "ARCH", "SRCARCH")) {
                env.remove(v);
            }
        });
        Path log = build.resolve("kls-make.log");
        Files.writeString(log, "$ " + String.join(" ", cmd) + "\n" + r.err(), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (!r.ok()) {
            throw new IllegalStateException("kernel build failed: " + r.describe() + "\n(full log: " + log + ")");
        }
        return r.out();
    }

    /** The .o or .s kbuild writes for a C file. */
    private static Path objectOf(Path build, String file, String ext) {
        return build.resolve(file.replaceAll("\\.c$", ext));
    }

    /**
     * The C files under {@link #ROOTS} that name a page-aligned section, a
     * page-aligned macro, or a macro defined (in the tree's headers, for any
     * configuration) in terms of those, transitively.
     */
    static List<String> candidates(Path linux, String srcarch) throws IOException {
        Map<String, String> defines = new java.util.HashMap<>();
        List<Path> headerDirs = new ArrayList<>(List.of(linux.resolve("include"),
                linux.resolve("arch/" + srcarch + "/include")));
        ROOTS.forEach(r -> headerDirs.add(linux.resolve(r)));
        for (Path dir : headerDirs) {
            for (Path h : files(dir, ".h")) {
                collectDefines(Files.readString(h, StandardCharsets.ISO_8859_1), defines);
            }
        }
        Set<String> macros = new TreeSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            Pattern known = wordsOf(macros);
            for (Map.Entry<String, String> d : defines.entrySet()) {
                if (!macros.contains(d.getKey()) && (MARKER.matcher(d.getValue()).find()
                        || (known != null && known.matcher(d.getValue()).find()))) {
                    macros.add(d.getKey());
                    grew = true;
                }
            }
        }
        Pattern known = wordsOf(macros);
        List<String> out = new ArrayList<>();
        for (String root : ROOTS) {
            for (Path c : files(linux.resolve(root), ".c")) {
                String text = Files.readString(c, StandardCharsets.ISO_8859_1);
                if (MARKER.matcher(text).find() || (known != null && known.matcher(text).find())) {
                    out.add(linux.relativize(c).toString().replace('\\', '/'));
                }
            }
        }
        out.sort(null);
        return List.copyOf(out);
    }

    private static Pattern wordsOf(Set<String> names) {
        return names.isEmpty() ? null
                : Pattern.compile("\\b(?:" + String.join("|", names.stream().map(Pattern::quote).toList()) + ")\\b");
    }

    /** Every #define NAME BODY of a file, continuation lines joined; the bodies of a name defined twice are joined. */
    private static void collectDefines(String text, Map<String, String> defines) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            StringBuilder line = new StringBuilder(lines[i]);
            while (line.length() > 0 && line.charAt(line.length() - 1) == '\\' && i + 1 < lines.length) {
                line.setLength(line.length() - 1);
                line.append(' ').append(lines[++i]);
            }
            Matcher m = DEFINE.matcher(line);
            if (m.matches()) {
                defines.merge(m.group(1), m.group(2), (a, b) -> a + " " + b);
            }
        }
    }

    private static List<Path> files(Path dir, String ext) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(ext) && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /** What the cached results depend on: the defconfig, the tree, gcc, and this class's format. */
    private static String key(Target target, Path linux, Toolchain tools) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(FORMAT, target.arch(), String.join(",", ROOTS), tools.gccVersion(),
                    Files.readString(linux.resolve("arch/x86/configs").resolve(target.defconfig())),
                    Files.readString(linux.resolve("Makefile")), marker(linux))) {
                md.update(part.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The unpack marker of {@link LinuxTree}: a re-unpacked tree gets a new one. */
    private static String marker(Path linux) throws IOException {
        Path m = linux.resolve(".kls-unpacked");
        return Files.isRegularFile(m) ? Files.readString(m) + Files.getLastModifiedTime(m) : "";
    }

    /** The host tools a kernel prepare needs, with the Debian package of each. */
    private static void requireBuildTools() {
        for (String[] t : List.of(new String[] {"make", "make"}, new String[] {"flex", "flex"},
                new String[] {"bison", "bison"}, new String[] {"bc", "bc"})) {
            try {
                Exec.Result r = Exec.run(List.of(t[0], "--version"), null, null);
                if (!r.ok()) {
                    throw new Toolchain.MissingToolException(t[0] + " does not work (" + r.describe()
                            + "): install the Debian package " + t[1]);
                }
            } catch (IOException e) {
                throw new Toolchain.MissingToolException("cannot run " + t[0] + " (" + e.getMessage()
                        + "): install the Debian package " + t[1]);
            }
        }
        for (String[] h : List.of(new String[] {"/usr/include/gelf.h", "libelf-dev"},
                new String[] {"/usr/include/openssl/evp.h", "libssl-dev"})) {
            if (!Files.isRegularFile(Path.of(h[0]))) {
                throw new Toolchain.MissingToolException(h[0] + " is missing (the kernel's host tools need it): "
                        + "install the Debian package " + h[1]);
            }
        }
    }

    /** What a finished build left: its key and the file lists, one per line. */
    private record Stamp(String key, List<String> candidates, List<String> built, List<String> notEnabled) {

        static Stamp read(Path p) throws IOException {
            if (!Files.isRegularFile(p)) {
                return null;
            }
            String key = null;
            List<String> candidates = new ArrayList<>();
            List<String> built = new ArrayList<>();
            List<String> notEnabled = new ArrayList<>();
            for (String line : Files.readAllLines(p)) {
                int sp = line.indexOf(' ');
                if (sp < 0) {
                    return null;
                }
                String v = line.substring(sp + 1);
                switch (line.substring(0, sp)) {
                    case "key" -> key = v;
                    case "candidate" -> candidates.add(v);
                    case "built" -> built.add(v);
                    case "not-enabled" -> notEnabled.add(v);
                    default -> {
                        return null;
                    }
                }
            }
            return key == null ? null : new Stamp(key, List.copyOf(candidates), List.copyOf(built),
                    List.copyOf(notEnabled));
        }

        void write(Path p) throws IOException {
            StringBuilder sb = new StringBuilder("key " + key + "\n");
            candidates.forEach(f -> sb.append("candidate ").append(f).append('\n'));
            built.forEach(f -> sb.append("built ").append(f).append('\n'));
            notEnabled.forEach(f -> sb.append("not-enabled ").append(f).append('\n'));
            CompiledObjects.writeAtomically(p, sb.toString());
        }
    }
}
