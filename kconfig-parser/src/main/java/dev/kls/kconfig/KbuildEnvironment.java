package dev.kls.kconfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment kbuild gives Kconfig for an ARCH: SRCARCH mapped as the top
 * Makefile maps it, srctree, KERNELVERSION, the tools (CC, LD, ...) and what
 * arch Makefiles export (um's SUBARCH and HEADER_ARCH). Variables the user has
 * set in the process environment win, as they do under make.
 */
public record KbuildEnvironment(String arch, String srcarch, Map<String, String> variables) {

    /** The variables this environment defines for Kconfig (besides the caller's own). */
    public static final List<String> KBUILD_VARIABLES = List.of("ARCH", "SRCARCH", "srctree", "objtree",
            "KERNELVERSION", "CC", "LD", "AR", "NM", "OBJCOPY", "HOSTCC", "HOSTCXX", "PAHOLE", "RUSTC", "BINDGEN",
            "CARGO", "CLANG_FLAGS", "USERCFLAGS", "USERLDFLAGS", "CONFIG_SHELL", "HOSTPKG_CONFIG", "SUBARCH",
            "HEADER_ARCH");

    /** SRCARCH for an ARCH, as Linux's top Makefile maps it. */
    public static String srcarchOf(String arch) {
        return switch (arch) {
            case "i386", "x86_64" -> "x86";
            case "sparc32", "sparc64" -> "sparc";
            case "parisc64" -> "parisc";
            case "sh64" -> "sh";
            default -> arch;
        };
    }

    /** The host's architecture in kbuild's words (scripts/subarch.include). */
    public static String hostSubarch() {
        String m = System.getProperty("os.arch", "x86_64");
        return switch (m) {
            case "amd64", "x86_64", "i386", "i486", "i586", "i686", "x86" -> "x86";
            case "aarch64" -> "arm64";
            case "arm" -> "arm";
            case "ppc64le", "ppc64", "ppc" -> "powerpc";
            case "s390x" -> "s390";
            case "riscv64" -> "riscv";
            default -> m;
        };
    }

    /**
     * @param processEnv the caller's environment: underneath everything, and
     *        overriding the tool names (CC=clang, CROSS_COMPILE=...) as make does
     */
    public static KbuildEnvironment of(Path srctree, String arch, Map<String, String> processEnv) {
        String srcarch = srcarchOf(arch);
        Map<String, String> v = new HashMap<>(processEnv);
        String cross = processEnv.getOrDefault("CROSS_COMPILE", "");
        boolean llvm = "1".equals(processEnv.get("LLVM"));
        v.put("ARCH", arch);
        v.put("SRCARCH", srcarch);
        // An in-tree build: make runs conf in the tree, with srctree ".".
        v.put("srctree", ".");
        v.put("objtree", ".");
        v.put("KERNELVERSION", kernelVersion(srctree));
        v.putIfAbsent("CC", llvm ? "clang" : cross + "gcc");
        v.putIfAbsent("LD", llvm ? "ld.lld" : cross + "ld");
        v.putIfAbsent("AR", llvm ? "llvm-ar" : cross + "ar");
        v.putIfAbsent("NM", llvm ? "llvm-nm" : cross + "nm");
        v.putIfAbsent("OBJCOPY", llvm ? "llvm-objcopy" : cross + "objcopy");
        v.putIfAbsent("HOSTCC", llvm ? "clang" : "gcc");
        v.putIfAbsent("HOSTCXX", llvm ? "clang++" : "g++");
        v.putIfAbsent("PAHOLE", "pahole");
        v.putIfAbsent("RUSTC", "rustc");
        v.putIfAbsent("BINDGEN", "bindgen");
        v.putIfAbsent("CARGO", "cargo");
        v.putIfAbsent("CLANG_FLAGS", "");
        v.putIfAbsent("USERCFLAGS", "");
        v.putIfAbsent("USERLDFLAGS", "");
        v.putIfAbsent("CONFIG_SHELL", "sh");
        v.putIfAbsent("HOSTPKG_CONFIG", "pkg-config");
        if (srcarch.equals("um")) {
            // arch/um/Makefile exports these; arch/um/Kconfig sources arch/$(HEADER_ARCH)/um/Kconfig.
            String sub = processEnv.getOrDefault("SUBARCH", hostSubarch());
            v.put("SUBARCH", sub);
            v.put("HEADER_ARCH", switch (sub) {
                case "x86", "x86_64", "i386" -> "x86";
                default -> sub;
            });
        }
        return new KbuildEnvironment(arch, srcarch, Map.copyOf(v));
    }

    private static final Pattern MAKE_VAR = Pattern.compile("^(VERSION|PATCHLEVEL|SUBLEVEL|EXTRAVERSION)\\s*=\\s*(\\S*)\\s*$",
            Pattern.MULTILINE);

    /** VERSION.PATCHLEVEL.SUBLEVEL plus EXTRAVERSION from the top Makefile, or "" when there is none. */
    static String kernelVersion(Path srctree) {
        Path makefile = srctree.resolve("Makefile");
        if (!Files.isRegularFile(makefile)) {
            return "";
        }
        Map<String, String> parts = new HashMap<>();
        try {
            Matcher m = MAKE_VAR.matcher(Files.readString(makefile, java.nio.charset.StandardCharsets.ISO_8859_1));
            while (m.find()) {
                parts.putIfAbsent(m.group(1), m.group(2));
            }
        } catch (IOException e) {
            return "";
        }
        if (!parts.containsKey("VERSION")) {
            return "";
        }
        return parts.get("VERSION") + "." + parts.getOrDefault("PATCHLEVEL", "0") + "."
                + parts.getOrDefault("SUBLEVEL", "0") + parts.getOrDefault("EXTRAVERSION", "");
    }
}
