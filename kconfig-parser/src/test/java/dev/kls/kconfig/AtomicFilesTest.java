package dev.kls.kconfig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aNewFileGetsTheModeTheUmaskGivesNotAPrivateOne() throws Exception {
        // What any ordinary program (fopen, conf) would create here: the umask decides.
        Path plain = dir.resolve("plain");
        Files.write(plain, new byte[0]);
        Path made = dir.resolve("sub/report.json");
        AtomicFiles.write(made, "{}");
        assertEquals("{}", Files.readString(made));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(made));
    }

    @Test
    void aReplacedFileKeepsItsModeAndNoTemporaryFileStays() throws Exception {
        Path f = dir.resolve(".config");
        Files.writeString(f, "old\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(f, "new\n");
        assertEquals("new\n", Files.readString(f));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(List.of(".config"), names());
    }

    @Test
    void keepingOldLeavesAnIdenticalFileUntouchedAndKeepsTheReplacedOne() throws Exception {
        Path f = dir.resolve(".config");
        Files.writeString(f, "A\n");
        FileTime long_ago = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(f, long_ago);
        assertFalse(AtomicFiles.writeKeepingOld(f, "A\n"));
        assertEquals(long_ago, Files.getLastModifiedTime(f));
        assertEquals(List.of(".config"), names());

        assertTrue(AtomicFiles.writeKeepingOld(f, "B\n"));
        assertEquals("B\n", Files.readString(f));
        assertEquals("A\n", Files.readString(dir.resolve(".config.old")));
        assertEquals(List.of(".config", ".config.old"), names());
    }

    @Test
    void allOrNothingAFailureNamesTheUsersFileAndChangesNone() throws Exception {
        Path a = dir.resolve("a.c");
        Files.write(a, "int a;\n".getBytes(StandardCharsets.ISO_8859_1));
        Path blocked = dir.resolve("b.c");
        Files.createDirectories(blocked.resolve("inside")); // a folder cannot be replaced by a file
        Map<Path, byte[]> writes = new LinkedHashMap<>();
        writes.put(a, "int a = 1;\n".getBytes(StandardCharsets.UTF_8));
        writes.put(blocked, "x".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.WriteFailure e = assertThrows(AtomicFiles.WriteFailure.class, () -> AtomicFiles.writeAll(writes));
        assertEquals(blocked, e.file());
        assertTrue(e.getMessage().startsWith("cannot write " + blocked + ": "), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
        assertArrayEquals("int a;\n".getBytes(StandardCharsets.ISO_8859_1), Files.readAllBytes(a));
        assertEquals(List.of("a.c", "b.c"), names());
    }
}
