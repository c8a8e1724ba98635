package dev.kls.kconfig.testing;

import dev.kls.kconfig.testing.Toolchain.Abi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * C files of a kernel-style tree compiled with the machine's gcc for one ABI
 * and one configuration, and every data symbol of the objects read back:
 * the ground truth that computed sizes are checked against.
 *
 * <p>Each file is compiled the way kbuild compiles one (-nostdinc, gcc's own
 * headers, {@code -I arch/SRCARCH/include -I include}, {@code -D__KERNEL__},
 * {@code -include} of an autoconf.h written from the config map, and
 * include/linux/kconfig.h too when the tree has one), first to assembly, which
 * tells each object's alignment, and that assembly to the object file that
 * nm and readelf read.
 */
public final class CompiledObjects {

    /** gcc failed on a file; the message is gcc's, with file and line. */
    public static final class CompileException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public CompileException(String message) {
            super(message);
        }
    }

    private final Abi abi;
    private final List<ObjectSymbol> symbols;

    private CompiledObjects(Abi abi, List<ObjectSymbol> symbols) {
        this.abi = abi;
        this.symbols = symbols;
    }

    /** {@link #compile(Toolchain, Path, String, Abi, Map, List, Path)} with the system's tools and SRCARCH x86. */
    public static CompiledObjects compile(Path tree, Abi abi, Map<String, String> config, List<String> files,
            Path outDir) {
        return compile(Toolchain.system(), tree, "x86", abi, config, files, outDir);
    }

    /**
     * @param tree    the tree's top folder; it is only read
     * @param srcarch the folder under arch/ whose include/ is searched
     * @param config  config values without the CONFIG_ prefix, as {@link Autoconf#header} takes them
     * @param files   C files relative to the tree
     * @param outDir  where the header, the .s and the .o files go (created when missing)
     * @throws Toolchain.MissingToolException when gcc, binutils or -m32 support is missing
     * @throws CompileException when gcc rejects a file
     */
    public static CompiledObjects compile(Toolchain tools, Path tree, String srcarch, Abi abi,
            Map<String, String> config, List<String> files, Path outDir) {
        tools.require(abi);
        Path root = tree.toAbsolutePath().normalize();
        try {
            Path gen = outDir.toAbsolutePath().resolve("include");
            Path autoconf = gen.resolve("generated/autoconf.h");
            Files.createDirectories(autoconf.getParent());
            writeAtomically(autoconf, Autoconf.header(config));
            List<String> flags = new ArrayList<>(List.of(tools.gcc(), abi.flag(), "-nostdinc", "-isystem",
                    tools.gccIncludeDir().toString()));
            for (String inc : List.of("arch/" + srcarch + "/include", "arch/" + srcarch + "/include/generated",
                    "include", "arch/" + srcarch + "/include/uapi", "include/uapi")) {
                if (Files.isDirectory(root.resolve(inc))) {
                    flags.addAll(List.of("-I", inc));
                }
            }
            flags.addAll(List.of("-I", gen.toString(), "-D__KERNEL__", "-include", autoconf.toString()));
            if (Files.isRegularFile(root.resolve("include/linux/kconfig.h"))) {
                flags.addAll(List.of("-include", "include/linux/kconfig.h"));
            }
            flags.addAll(List.of("-O2", "-std=gnu11", "-fno-common", "-ffreestanding", "-fno-PIE"));
            List<ObjectSymbol> all = new ArrayList<>();
            for (String file : files) {
                if (!Files.isRegularFile(root.resolve(file))) {
                    throw new IllegalArgumentException(file + ": no such file in " + root);
                }
                String stem = file.replaceAll("\\.c$", "").replace('/', '_');
                Path s = outDir.toAbsolutePath().resolve(abi.arch() + "-" + stem + ".s");
                Path o = outDir.toAbsolutePath().resolve(abi.arch() + "-" + stem + ".o");
                List<String> cc = new ArrayList<>(flags);
                cc.addAll(List.of("-S", "-o", s.toString(), file));
                gcc(cc, root);
                gcc(List.of(tools.gcc(), abi.flag(), "-c", "-o", o.toString(), s.toString()), root);
                all.addAll(ObjectReader.read(tools, o, s, abi.arch(), file));
            }
            return new CompiledObjects(abi, List.copyOf(all));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void gcc(List<String> command, Path dir) throws IOException {
        Exec.Result r = Exec.run(command, dir, null);
        if (!r.ok()) {
            throw new CompileException(r.describe());
        }
    }

    static void writeAtomically(Path target, String text) throws IOException {
        dev.kls.kconfig.AtomicFiles.write(target, text);
    }

    public Abi abi() {
        return abi;
    }

    /** Every defined data symbol of every file, in file order then nm's order. */
    public List<ObjectSymbol> symbols() {
        return symbols;
    }

    /** The symbols in a page-aligned section ({@link ObjectSymbol#PAGE_ALIGNED_SECTIONS}). */
    public List<ObjectSymbol> pageAligned() {
        return symbols.stream().filter(ObjectSymbol::inPageAlignedSection).toList();
    }

    /** The symbol of that name from that file. */
    public ObjectSymbol symbol(String file, String name) {
        return symbols.stream().filter(s -> s.file().equals(file) && s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + " defines no data symbol " + name + " for "
                        + abi.flag() + "; it has " + symbols.stream().filter(s -> s.file().equals(file))
                                .map(ObjectSymbol::name).toList()));
    }
}
