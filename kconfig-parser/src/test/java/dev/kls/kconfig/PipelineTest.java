package dev.kls.kconfig;

import static dev.kls.kconfig.Fixtures.assertNoErrors;
import static dev.kls.kconfig.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.ast.Entry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Kconfig#load}: a (tiny, made-up) kernel tree read for one ARCH with kbuild's environment. */
class PipelineTest {

    @TempDir
    Path dir;

    @BeforeEach
    void tinyKernelTree() {
        write(dir,
                "Makefile", "VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 0\nEXTRAVERSION = -test\nNAME = Hurr\n",
                "Kconfig", """
                        mainmenu "Linux/$(ARCH) $(KERNELVERSION) Kernel Configuration"

                        source "arch/$(SRCARCH)/Kconfig"

                        config CC_VERSION
                        \tstring
                        \tdefault "$(shell,$(CC) --version | head -n1)"

                        config CC
                        \tstring
                        \tdefault "$(CC)"
                        """,
                "arch/x86/Kconfig", "config X86\n\tdef_bool y\nconfig X86_32\n\tdef_bool y\n\tdepends on X86\n",
                "arch/arm64/Kconfig", "config ARM64\n\tdef_bool y\n",
                "Kconfig.other", "config OTHER_ROOT\n\tbool\n");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "i386,     x86",
        "x86_64,   x86",
        "x86,      x86",
        "sparc32,  sparc",
        "sparc64,  sparc",
        "parisc64, parisc",
        "sh64,     sh",
        "arm64,    arm64",
        "um,       um",
    })
    void srcarchOf(String arch, String srcarch) {
        assertEquals(srcarch, KbuildEnvironment.srcarchOf(arch));
    }

    @Test
    void loadsTheTreeOfAnArch() throws Exception {
        Kconfig k = Kconfig.load(dir, "i386", false, Map.of());
        assertEquals("x86", k.environment().srcarch());
        assertEquals("i386", k.environment().arch());
        assertNoErrors(k.diagnostics());
        assertNotNull(k.model().symbol("X86_32"));
        assertEquals(null, k.model().symbol("ARM64"));
        Entry.MainMenu m = (Entry.MainMenu) k.tree().root().entries().get(0);
        assertEquals("Linux/i386 6.1.0-test Kernel Configuration", m.title().value());
    }

    @Test
    void withoutShellCommandsAreRecordedNotRun() throws Exception {
        Kconfig k = Kconfig.load(dir, "x86_64", false, Map.of());
        assertEquals(1, k.tree().unevaluated().size());
        assertEquals("gcc --version | head -n1", k.tree().unevaluated().get(0).text());
    }

    @Test
    void theCallersEnvironmentChoosesTheTools() throws Exception {
        Kconfig k = Kconfig.load(dir, "arm64", false, Map.of("LLVM", "1"));
        assertEquals("clang", k.environment().variables().get("CC"));
        assertEquals("clang --version | head -n1", k.tree().unevaluated().get(0).text());
        Kconfig cross = Kconfig.load(dir, "arm64", false, Map.of("CROSS_COMPILE", "aarch64-linux-gnu-"));
        assertEquals("aarch64-linux-gnu-gcc", cross.environment().variables().get("CC"));
        assertNotNull(cross.model().symbol("ARM64"));
    }

    @Test
    void kbuildKconfigChoosesTheRootFile() throws Exception {
        Kconfig k = Kconfig.load(dir, "x86", false, Map.of("KBUILD_KCONFIG", "Kconfig.other"));
        assertEquals("Kconfig.other", k.tree().root().path());
        assertNotNull(k.model().symbol("OTHER_ROOT"));
    }

    @Test
    void diagnosticsOfTreeAndModelAreTogether() throws Exception {
        write(dir, "arch/x86/Kconfig", "config X86\n\tprompt \"x\"\nconfig BROKEN\n\tbool\n\tdepends on &&\n");
        Kconfig k = Kconfig.load(dir, "x86", false, Map.of());
        assertEquals(1, k.count(KconfigSeverity.ERROR));
        assertEquals(1, k.count(KconfigSeverity.WARNING));
        assertTrue(k.diagnostics().stream().anyMatch(d -> d.format().startsWith(
                "arch/x86/Kconfig:1:1: warning: config symbol defined without type")));
        assertTrue(k.diagnostics().stream().anyMatch(d -> d.format().startsWith("arch/x86/Kconfig:5:")));
    }

    @Test
    void notAKernelTree() {
        Kconfig.InputException e = assertThrows(Kconfig.InputException.class,
                () -> Kconfig.load(dir.resolve("nowhere"), "x86", false, Map.of()));
        assertTrue(e.getMessage().contains("not a kernel source tree"), e.getMessage());
    }

    @Test
    void unknownArch() {
        Kconfig.InputException e = assertThrows(Kconfig.InputException.class,
                () -> Kconfig.load(dir, "vax", false, Map.of()));
        assertTrue(e.getMessage().contains("unknown arch 'vax'"), e.getMessage());
        assertThrows(Kconfig.InputException.class, () -> Kconfig.load(dir, "", false, Map.of()));
    }

    @Test
    void kernelVersionFromTheMakefile() {
        assertEquals("6.1.0-test", KbuildEnvironment.kernelVersion(dir));
        assertEquals("", KbuildEnvironment.kernelVersion(dir.resolve("arch")));
    }
}
