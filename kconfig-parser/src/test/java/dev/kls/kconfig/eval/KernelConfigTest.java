package dev.kls.kconfig.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.dotconfig.DotConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kls against the kernel's own conf on Linux 6.1 and 6.12: for each case,
 * make runs conf in a copy of the release's tree ({@link KernelConf}) and kls
 * computes the same target with the rules of the release it detects; the
 * .config files must be identical apart from the header comment.
 */
@Tag("kernel")
class KernelConfigTest {

    static KernelConf kc;

    @BeforeAll
    static void copyTree() {
        kc = KernelConf.get();
    }

    static Kconfig kconfig(String arch) {
        return kc.kconfig(arch);
    }

    static String make(String arch, Path config, String target) {
        return kc.make(arch, config, target);
    }

    /** Every case for every release in {@link dev.kls.kconfig.testing.LinuxTree#RELEASES}. */
    static Stream<Arguments> perRelease(Stream<Arguments> cases) {
        List<Arguments> base = cases.toList();
        return dev.kls.kconfig.testing.LinuxTree.RELEASES.stream().flatMap(r -> base.stream().map(a -> {
            Object[] in = a.get();
            Object[] out = new Object[in.length + 1];
            out[0] = r;
            System.arraycopy(in, 0, out, 1, in.length);
            return Arguments.of(out);
        }));
    }

    static Stream<Arguments> cases() {
        return perRelease(Stream.of(
                Arguments.of("x86_64", "olddefconfig", "arch/x86/configs/x86_64_defconfig"),
                Arguments.of("x86_64", "defconfig", "arch/x86/configs/x86_64_defconfig"),
                Arguments.of("x86_64", "allnoconfig", null),
                Arguments.of("x86_64", "allyesconfig", null),
                Arguments.of("x86_64", "allmodconfig", null),
                Arguments.of("x86_64", "alldefconfig", null),
                Arguments.of("i386", "olddefconfig", "arch/x86/configs/i386_defconfig"),
                Arguments.of("i386", "allnoconfig", null),
                Arguments.of("i386", "allyesconfig", null),
                Arguments.of("i386", "allmodconfig", null),
                Arguments.of("i386", "alldefconfig", null),
                Arguments.of("arm64", "olddefconfig", "arch/arm64/configs/defconfig"),
                Arguments.of("arm64", "defconfig", "arch/arm64/configs/defconfig"),
                Arguments.of("arm64", "allnoconfig", null),
                Arguments.of("arm64", "allyesconfig", null),
                Arguments.of("arm64", "allmodconfig", null),
                Arguments.of("arm64", "alldefconfig", null)));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("cases")
    void sameConfigAsConf(String release, String arch, String target, String input) throws Exception {
        KernelConf kc = KernelConf.get(release);
        Path kernelOut = kc.newFile(arch + "-" + target + ".config");
        DotConfig in = null;
        String makeTarget = target;
        if (input != null) {
            Path inPath = kc.tree.resolve(input);
            in = DotConfig.parse(inPath.toString(), Files.readString(inPath));
            if (target.equals("defconfig")) {
                makeTarget = inPath.getFileName().toString().equals("defconfig") ? "defconfig"
                        : inPath.getFileName().toString();
            } else {
                Files.copy(inPath, kernelOut);
            }
        }
        kc.make(arch, kernelOut, makeTarget);
        ConfigResult kls = ConfigEvaluator.run(kc.kconfig(arch).tree(), ConfigTarget.ofCommand(target), in);
        assertEquals(release, kc.kconfig(arch).release().name(), "kls did not detect the tree's release");
        assertSameBody(Files.readString(kernelOut), kls.text());
    }

    /**
     * savedefconfig of each arch's defconfig expanded by conf: conf's own
     * --savedefconfig and kls's must write the same minimal defconfig.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("defconfigs")
    void savedefconfigAsConfWritesIt(String release, String arch, String defconfig) throws Exception {
        KernelConf kc = KernelConf.get(release);
        Path config = kc.newFile(arch + "-expanded.config");
        kc.conf(arch, "defconfig=" + defconfig, config, Map.of());
        Path saved = kc.newFile(arch + "-saved.defconfig");
        kc.conf(arch, "savedefconfig=" + saved, config, Map.of());
        String kernel = Files.readString(saved);
        ConfigResult kls = ConfigEvaluator.run(kc.kconfig(arch).tree(), ConfigTarget.SAVEDEFCONFIG,
                DotConfig.parse(config.toString(), Files.readString(config)));
        assertTrue(kernel.lines().count() > 50, "conf's savedefconfig is too short to prove anything: " + kernel);
        assertEquals(kernel, kls.text());
    }

    static Stream<Arguments> defconfigs() {
        return perRelease(Stream.of(
                Arguments.of("x86_64", "arch/x86/configs/x86_64_defconfig"),
                Arguments.of("i386", "arch/x86/configs/i386_defconfig"),
                Arguments.of("arm64", "arch/arm64/configs/defconfig")));
    }

    static void assertSameBody(String kernel, String kls) {
        String a = ConfigResult.withoutHeader(kernel);
        String b = ConfigResult.withoutHeader(kls);
        assertTrue(a.length() > 1000, "conf wrote next to nothing; the comparison would prove nothing");
        if (!a.equals(b)) {
            String[] x = a.split("\n", -1);
            String[] y = b.split("\n", -1);
            int i = 0;
            while (i < x.length && i < y.length && x[i].equals(y[i])) {
                i++;
            }
            fail("kls differs from conf from body line " + (i + 1) + ": conf has '" + (i < x.length ? x[i] : "<end>")
                    + "', kls has '" + (i < y.length ? y[i] : "<end>") + "'");
        }
    }

    /**
     * Damaged and shuffled configurations through olddefconfig: values flipped
     * or dropped, numbers and strings made invalid, unknown symbols, stray
     * text, repeated lines. These drive conf_read's warnings and its
     * stateful fix-ups; output and warnings must match conf's.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void damagedConfigsThroughOlddefconfig(int seed) throws Exception {
        String arch = "x86_64";
        Path base = kc.newFile("base-" + seed + ".config");
        make(arch, base, seed % 2 == 0 ? "allmodconfig" : "allyesconfig");
        String damaged = damage(Files.readString(base), new Random(seed));
        Path kernelOut = kc.newFile("damaged-" + seed + ".config");
        Files.writeString(kernelOut, damaged);
        String stderr = make(arch, kernelOut, "olddefconfig");
        ConfigResult kls = ConfigEvaluator.run(kconfig(arch).tree(), ConfigTarget.OLDDEFCONFIG,
                DotConfig.parse(kernelOut.toString(), damaged));
        assertSameBody(Files.readString(kernelOut), kls.text());
        TreeSet<String> expected = confWarnings(stderr);
        assertTrue(expected.size() > 10, "the damage should have made conf warn: " + stderr);
        assertEquals(expected, klsWarnings(kls, kernelOut.toString()));
    }

    static String damage(String config, Random rnd) {
        List<String> out = new ArrayList<>();
        Pattern line = Pattern.compile("^(# )?CONFIG_(\\w+)(=(.*)| is not set)$");
        for (String l : config.split("\n")) {
            Matcher m = line.matcher(l);
            if (!m.matches()) {
                out.add(l);
                continue;
            }
            String name = m.group(2);
            String val = m.group(4);
            double r = rnd.nextDouble();
            if (r < 0.10) {
                continue;
            } else if (r < 0.25) {
                out.add("CONFIG_" + name + "=" + "ymn".charAt(rnd.nextInt(3)));
            } else if (r < 0.27 && val != null && val.matches("-?\\d+|0x.*")) {
                String[] bad = {"0", "1", "-5", "99999999", "0x10", "abc", "", "07"};
                out.add("CONFIG_" + name + "=" + bad[rnd.nextInt(bad.length)]);
            } else if (r < 0.28 && val != null && val.startsWith("\"")) {
                String[] bad = {"\"x\\\"y\"", "unquoted", "\"open", "\"\""};
                out.add("CONFIG_" + name + "=" + bad[rnd.nextInt(bad.length)]);
            } else if (r < 0.285) {
                out.add("CONFIG_" + name + "_BOGUS=y");
            } else if (r < 0.29) {
                out.add("garbage line " + rnd.nextInt(10));
            } else if (r < 0.295) {
                out.add("CONFIG_" + name);
            } else {
                out.add(l);
                if (r > 0.995) {
                    out.add("CONFIG_" + name + "=" + "ynm".charAt(rnd.nextInt(3)));
                }
            }
        }
        if (rnd.nextInt(3) == 0) {
            Collections.shuffle(out, rnd);
        }
        return String.join("\n", out) + "\n";
    }

    private static final Pattern CONF_WARNING = Pattern.compile("^(.*):(\\d+):warning: (.*)$");
    private static final Pattern UNMET = Pattern.compile("^WARNING: unmet direct dependencies detected for (\\w+)$");

    /** conf's warnings as "line: message", and the symbols it found unmet dependencies for. */
    static TreeSet<String> confWarnings(String stderr) {
        TreeSet<String> set = new TreeSet<>();
        for (String l : stderr.split("\n")) {
            Matcher m = CONF_WARNING.matcher(l);
            Matcher u = UNMET.matcher(l);
            if (m.matches()) {
                set.add(m.group(2) + ": " + m.group(3));
            } else if (u.matches()) {
                set.add("unmet: " + u.group(1));
            }
        }
        return set;
    }

    /** The same from kls, leaving out what only kls reports (lines conf drops without a word). */
    static TreeSet<String> klsWarnings(ConfigResult r, String file) {
        TreeSet<String> set = new TreeSet<>();
        for (Diagnostic d : r.diagnostics()) {
            String msg = d.message();
            if (msg.startsWith("unmet direct dependencies detected for ")) {
                set.add("unmet: " + msg.substring("unmet direct dependencies detected for ".length(), msg.indexOf('\n')));
            } else if (d.range().file().equals(file) && !msg.startsWith("no '='") && !msg.startsWith("unknown symbol")
                    && !msg.contains("is not quoted") && !msg.contains("has no type")) {
                set.add(d.range().startLine() + ": " + msg);
            }
        }
        return set;
    }
}
