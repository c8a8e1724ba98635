package dev.kls.kconfig.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.testing.Toolchain.Abi;
import dev.kls.kconfig.testing.Toolchain.MissingToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainTest {

    @TempDir
    Path tmp;

    @Test
    void theMachinesGccCompilesForBothAbis() {
        Toolchain t = Toolchain.system();
        t.require(Abi.M32, Abi.M64);
        assertTrue(t.gccVersion().contains("gcc") || t.gccVersion().contains("GCC"), t.gccVersion());
        assertTrue(Files.isRegularFile(t.gccIncludeDir().resolve("stddef.h")), t.gccIncludeDir().toString());
    }

    @Test
    void aMissingGccNamesThePackage() {
        Toolchain t = new Toolchain(tmp.resolve("no-such-gcc").toString(), "nm", "readelf");
        MissingToolException e = assertThrows(MissingToolException.class, () -> t.require(Abi.M64));
        assertTrue(e.getMessage().endsWith("install the Debian package gcc"), e.getMessage());
    }

    @Test
    void missingBinutilsNamesThePackage() {
        Toolchain t = new Toolchain("gcc", tmp.resolve("no-such-nm").toString(), "readelf");
        MissingToolException e = assertThrows(MissingToolException.class, () -> t.require());
        assertTrue(e.getMessage().endsWith("install the Debian package binutils"), e.getMessage());
    }

    @Test
    void aGccWithoutThirtyTwoBitSupportNamesGccMultilib() throws IOException {
        // A gcc that refuses -m32 the way one without the i386 multilib does, and works otherwise.
        Path gcc = tmp.resolve("gcc");
        Files.writeString(gcc, "#!/bin/sh\nfor a in \"$@\"; do [ \"$a\" = -m32 ] && "
                + "{ echo 'cc1: error: unrecognized command-line option -m32' >&2; exit 1; }; done\nexec gcc \"$@\"\n");
        Files.setPosixFilePermissions(gcc, PosixFilePermissions.fromString("rwxr-xr-x"));
        Toolchain t = new Toolchain(gcc.toString(), "nm", "readelf");
        t.require(Abi.M64);
        MissingToolException e = assertThrows(MissingToolException.class, () -> t.require(Abi.M32));
        assertTrue(e.getMessage().contains("-m32") && e.getMessage().endsWith("install the Debian package gcc-multilib"),
                e.getMessage());
        // CompiledObjects checks before compiling, so a scenario test fails with the same message.
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("a.c"), "int a;\n");
        MissingToolException viaCompile = assertThrows(MissingToolException.class, () -> CompiledObjects.compile(t,
                tree, "x86", Abi.M32, Map.of(), List.of("a.c"), tmp.resolve("out")));
        assertTrue(viaCompile.getMessage().endsWith("install the Debian package gcc-multilib"),
                viaCompile.getMessage());
    }
}
