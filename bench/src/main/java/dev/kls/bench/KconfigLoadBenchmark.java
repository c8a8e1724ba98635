package dev.kls.bench;

import dev.kls.kconfig.Kconfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a whole Kconfig tree in a warm JVM: lexing, macro expansion,
 * parsing, AST, menu tree and symbol table, for one ARCH, without $(shell).
 * The tree is $KLS_LINUX_DIR (default ~/.cache/kls/linux-6.1).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KconfigLoadBenchmark {

    @Param("x86")
    public String arch;

    private Path tree;

    @Setup
    public void locate() {
        String env = System.getenv("KLS_LINUX_DIR");
        tree = env != null && !env.isEmpty() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "kls", "linux-6.1");
        if (!Files.isRegularFile(tree.resolve("Kconfig"))) {
            throw new IllegalStateException("no Linux tree at " + tree + ": run scripts/fetch-linux-source.sh");
        }
    }

    @Benchmark
    public Kconfig loadTree() throws Kconfig.InputException {
        return Kconfig.load(tree, arch, false, Map.of());
    }
}
