package dev.kls.kconfig.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.testing.Toolchain.Abi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoconfTest {

    @TempDir
    Path tmp;

    @Test
    void writesValuesAsAutoconfHDoes() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("XEN", "y");
        c.put("FOO", "m");
        c.put("BAR", "n");
        c.put("NR_CPUS", "8");
        c.put("PHYS", "0x1000000");
        c.put("NAME", "\"a \\\"b\\\"\"");
        String h = Autoconf.header(c);
        assertTrue(h.endsWith("#define CONFIG_XEN 1\n#define CONFIG_FOO_MODULE 1\n#define CONFIG_NR_CPUS 8\n"
                + "#define CONFIG_PHYS 0x1000000\n#define CONFIG_NAME \"a \\\"b\\\"\"\n"), h);
        assertTrue(!h.contains("BAR"), h);
    }

    @Test
    void rejectsWhatIsNoConfigValue() {
        assertThrows(IllegalArgumentException.class, () -> Autoconf.header(Map.of("X", "yes")));
        assertThrows(IllegalArgumentException.class, () -> Autoconf.header(Map.of("CONFIG_X", "y")));
    }

    @Test
    void gccSeesTheValues() throws Exception {
        // The header as C: each value lands in an array size that nm reports back.
        Path tree = Files.createDirectories(tmp.resolve("t"));
        Files.writeString(tree.resolve("v.c"), "#ifdef CONFIG_XEN\nchar xen[CONFIG_NR_CPUS];\n#endif\n"
                + "#ifdef CONFIG_FOO_MODULE\nchar foo[CONFIG_PHYS];\n#endif\n#ifdef CONFIG_BAR\nchar bar[1];\n#endif\n"
                + "char name[sizeof(CONFIG_NAME)];\n");
        CompiledObjects o = CompiledObjects.compile(tree, Abi.M64, Map.of("XEN", "y", "FOO", "m", "BAR", "n",
                "NR_CPUS", "8", "PHYS", "0x10", "NAME", "\"a\\\"b\""), List.of("v.c"), tmp.resolve("out"));
        assertEquals(Map.of("xen", 8L, "foo", 16L, "name", 4L), Map.of("xen", o.symbol("v.c", "xen").size(), "foo",
                o.symbol("v.c", "foo").size(), "name", o.symbol("v.c", "name").size()));
        assertEquals(3, o.symbols().size(), o.symbols().toString());
    }
}
