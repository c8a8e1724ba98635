package dev.kls.kconfig.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The machine's C compiler and binutils, checked before use: a missing gcc,
 * nm or readelf, or a gcc that cannot compile for {@code -m32}, is an error
 * that names the Debian package to install (never a silent skip).
 */
public final class Toolchain {

    /** The x86 ABIs the tests compile for, with the kbuild ARCH each one is. */
    public enum Abi {
        M32("-m32", "i386"), M64("-m64", "x86_64");

        private final String flag;
        private final String arch;

        Abi(String flag, String arch) {
            this.flag = flag;
            this.arch = arch;
        }

        public String flag() {
            return flag;
        }

        /** The kbuild ARCH this ABI is: i386 or x86_64. */
        public String arch() {
            return arch;
        }
    }

    /** A tool the tests need is not installed or cannot do what is needed; the message names the package. */
    public static final class MissingToolException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public MissingToolException(String message) {
            super(message);
        }
    }

    private final String gcc;
    private final String nm;
    private final String readelf;
    private final Set<Abi> checked = EnumSet.noneOf(Abi.class);
    private boolean toolsChecked;
    private String version;

    /** The tools by the names or paths to run them with. */
    public Toolchain(String gcc, String nm, String readelf) {
        this.gcc = gcc;
        this.nm = nm;
        this.readelf = readelf;
    }

    /** {@code gcc}, {@code nm} and {@code readelf} from PATH. */
    public static Toolchain system() {
        return new Toolchain("gcc", "nm", "readelf");
    }

    public String gcc() {
        return gcc;
    }

    public String nm() {
        return nm;
    }

    public String readelf() {
        return readelf;
    }

    /**
     * Checks that gcc, nm and readelf run and that gcc compiles for each ABI.
     *
     * @throws MissingToolException naming the Debian package that is missing
     *         ({@code gcc}, {@code binutils}, {@code gcc-multilib})
     */
    public synchronized void require(Abi... abis) {
        if (!toolsChecked) {
            version = firstLine(probe(List.of(gcc, "--version"), "gcc", "gcc"));
            probe(List.of(nm, "--version"), "nm", "binutils");
            probe(List.of(readelf, "--version"), "readelf", "binutils");
            toolsChecked = true;
        }
        for (Abi abi : abis) {
            if (!checked.contains(abi)) {
                probeAbi(abi);
                checked.add(abi);
            }
        }
    }

    /** gcc's first line of {@code --version}, which names its version (part of cache keys). */
    public String gccVersion() {
        require();
        return version;
    }

    /** gcc's own header folder (stddef.h, stdarg.h), which kernel-style builds add after -nostdinc. */
    public Path gccIncludeDir() {
        require();
        return Path.of(Exec.output(List.of(gcc, "-print-file-name=include"), null).strip());
    }

    private String probe(List<String> command, String tool, String debianPackage) {
        try {
            Exec.Result r = Exec.run(command, null, null);
            if (!r.ok()) {
                throw new MissingToolException(tool + " does not work (" + r.describe()
                        + "): install the Debian package " + debianPackage);
            }
            return r.out();
        } catch (IOException e) {
            throw new MissingToolException("cannot run " + command.get(0) + " (" + e.getMessage()
                    + "): install the Debian package " + debianPackage);
        }
    }

    /** Compiles and assembles a tiny unit for the ABI, the way the tests compile theirs. */
    private void probeAbi(Abi abi) {
        try {
            Path dir = Files.createTempDirectory("kls-abi");
            try {
                Path c = Files.writeString(dir.resolve("probe.c"), "long kls_probe[4] __attribute__((aligned(4096)));\n");
                Exec.Result r = Exec.run(List.of(gcc, abi.flag(), "-c", "-o", dir.resolve("probe.o").toString(),
                        c.toString()), dir, null);
                if (!r.ok()) {
                    String pkg = abi == Abi.M32 ? "gcc-multilib" : "gcc";
                    throw new MissingToolException("gcc cannot compile for " + abi.flag() + " (" + r.describe()
                            + "): install the Debian package " + pkg);
                }
            } finally {
                try (var s = Files.list(dir)) {
                    for (Path p : s.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new MissingToolException("cannot run " + gcc + " (" + e.getMessage()
                    + "): install the Debian package gcc");
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
