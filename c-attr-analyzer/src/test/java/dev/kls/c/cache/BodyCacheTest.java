package dev.kls.c.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.c.CProject;
import dev.kls.c.body.FileBodies;
import dev.kls.kconfig.testing.LinuxTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persistent cache of C function bodies: same results as no cache, never a stale or corrupt entry. */
class BodyCacheTest {

    @TempDir
    Path tmp;

    private Path tree() throws IOException {
        Path t = tmp.resolve("tree");
        Files.createDirectories(t.resolve("include/linux"));
        Files.writeString(t.resolve("include/linux/ops.h"), """
                #ifndef OPS_H
                #define OPS_H
                struct ops { int (*read)(unsigned long addr, int kind); };
                #define KVADDR 1
                #define READ(a) readmem((a), KVADDR)
                #endif
                """);
        Files.writeString(t.resolve("a.c"), """
                #include <linux/ops.h>
                int readmem(unsigned long addr, int kind);
                static int kvtop(unsigned long addr, int kind)
                {
                #ifdef CONFIG_XEN
                	if (kind == KVADDR)
                		return READ(addr + 8);
                #endif
                	return 0;
                }
                static struct ops o = { .read = kvtop };
                int readmem(unsigned long addr, int kind)
                {
                	struct ops *p = &o;
                	return kind ? p->read(addr, kind) : 0;
                }
                """);
        return t;
    }

    private static FileBodies bodies(Path tree, String arch, BodyCache cache) {
        CProject p = CProject.open(tree, arch);
        p.cacheBodies(cache);
        return p.file("a.c").functions();
    }

    @Test
    void aSecondRunReadsTheSameBodiesFromTheCache() throws IOException {
        Path t = tree();
        FileBodies fresh = bodies(t, "x86", null);
        BodyCache first = BodyCache.at(tmp.resolve("cache"));
        assertNotNull(first, "the build id of kls's own classes must be known in a test");
        assertEquals(fresh, bodies(t, "x86", first));
        assertEquals(new BodyCache.Stats(0, 1, 0, 0), first.stats());
        BodyCache second = BodyCache.at(tmp.resolve("cache"));
        FileBodies cached = bodies(t, "x86", second);
        assertEquals(new BodyCache.Stats(1, 0, 0, 0), second.stats());
        assertEquals(fresh, cached);
        assertEquals(distinctNodes(fresh), distinctNodes(cached), "instances shared in the model stay shared");
        assertEquals(2, cached.functions().size());
    }

    @Test
    void anEditedHeaderOrAnotherArchIsReadAfresh() throws IOException {
        Path t = tree();
        BodyCache cache = BodyCache.at(tmp.resolve("cache"));
        FileBodies before = bodies(t, "x86", cache);
        Files.writeString(t.resolve("include/linux/ops.h"), Files.readString(t.resolve("include/linux/ops.h"))
                .replace("readmem((a), KVADDR)", "readmem((a) + 1, KVADDR)"));
        BodyCache again = BodyCache.at(tmp.resolve("cache"));
        FileBodies after = bodies(t, "x86", again);
        assertEquals(new BodyCache.Stats(0, 1, 0, 0), again.stats(), "the header's edit must change the key");
        assertEquals(bodies(t, "x86", null), after);
        assertNotEquals(before, after);
        BodyCache arm = BodyCache.at(tmp.resolve("cache"));
        bodies(t, "arm64", arm);
        assertEquals(new BodyCache.Stats(0, 1, 0, 0), arm.stats(), "another arch has other predefined macros");
    }

    @Test
    void aCorruptOrTruncatedEntryGivesWhatNoCacheGives() throws IOException {
        Path t = tree();
        FileBodies fresh = bodies(t, "x86", null);
        bodies(t, "x86", BodyCache.at(tmp.resolve("cache")));
        Path entry = entries().get(0);
        byte[] good = Files.readAllBytes(entry);
        List<byte[]> bad = new ArrayList<>();
        for (int at : new int[] {0, 20, good.length / 2, good.length - 1}) {
            byte[] b = good.clone();
            b[at] ^= 0x5A;
            bad.add(b);
        }
        bad.add(java.util.Arrays.copyOf(good, good.length / 3));
        bad.add(new byte[0]);
        for (byte[] b : bad) {
            Files.write(entry, b);
            BodyCache c = BodyCache.at(tmp.resolve("cache"));
            assertEquals(fresh, bodies(t, "x86", c));
            assertEquals(1, c.stats().rejected(), "a damaged entry is not trusted");
            // ... and the read that follows puts a good entry back.
            BodyCache next = BodyCache.at(tmp.resolve("cache"));
            assertEquals(fresh, bodies(t, "x86", next));
            assertEquals(1, next.stats().hits());
        }
    }

    @Test
    void aStreamNamingAClassOutsideKlsIsRefused() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeByte(9); // a record of a class named by the stream
            out.writeUTF("java.lang.ProcessBuilder");
        }
        assertThrows(IOException.class, () -> RecordCodec.read(new DataInputStream(new ByteArrayInputStream(
                b.toByteArray()))));
        assertThrows(IllegalArgumentException.class, () -> RecordCodec.write(new Object(),
                new DataOutputStream(new ByteArrayOutputStream())));
    }

    @Test
    void theCrashScenarioRoundTripsExactly() throws IOException {
        CProject p = CProject.open(LinuxTree.repoRoot().resolve("test-workspace/crash-xen-m2p-2015"), "x86");
        for (String f : List.of("memory.c", "x86_64.c", "kernel.c")) {
            FileBodies b = p.file(f).functions();
            byte[] bytes = BodyCache.encode(b, "k");
            FileBodies back = BodyCache.decode(bytes, "k");
            assertEquals(b, back, f);
            assertEquals(distinctNodes(b), distinctNodes(back), f);
            assertThrows(IOException.class, () -> BodyCache.decode(bytes, "another key"));
        }
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> s = Files.walk(tmp.resolve("cache"))) {
            List<Path> l = s.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
            assertEquals(1, l.size(), l::toString);
            return l;
        }
    }

    /** Record instances of the body model reachable from {@code root}, counted by identity (not equality). */
    private static int distinctNodes(Object root) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Object> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            Object o = todo.remove(todo.size() - 1);
            if (o instanceof List<?> l) {
                todo.addAll(l.stream().filter(e -> e != null).toList());
            } else if (o instanceof Record r && r.getClass().getName().startsWith("dev.kls.c.body")
                    && seen.add(r)) {
                for (RecordComponent rc : r.getClass().getRecordComponents()) {
                    try {
                        Object v = rc.getAccessor().invoke(r);
                        if (v != null) {
                            todo.add(v);
                        }
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        assertTrue(seen.size() > 1);
        return seen.size();
    }
}
