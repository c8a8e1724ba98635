package dev.kls.kconfig.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.semantics.KconfigRelease.Change;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KconfigReleaseTest {

    @TempDir
    Path dir;

    @Test
    void theTopMakefileNamesTheRelease() throws Exception {
        Files.writeString(dir.resolve("Makefile"), "# SPDX\nVERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 118\n"
                + "EXTRAVERSION =\nNAME = Baby Opossum Posse\n");
        KconfigRelease r = KconfigRelease.detect(dir);
        assertEquals("6.12", r.name());
        assertEquals("Makefile 6.12.118", r.origin());
        assertNull(r.note());
        assertTrue(r.has(Change.CHOICE_REWORK));
        assertTrue(r.has(Change.HASHTABLE_16K));
    }

    @Test
    void releasesHaveTheChangesOfTheirTimeOnly() {
        KconfigRelease r61 = KconfigRelease.of("6.1", "test");
        assertTrue(r61.changes().isEmpty());
        KconfigRelease r69 = KconfigRelease.of("6.9.4", "test");
        assertTrue(r69.has(Change.HASHTABLE_16K));
        assertFalse(r69.has(Change.OPTIONAL_REMOVED));
        assertFalse(r69.has(Change.CHOICE_REWORK));
        KconfigRelease r611 = KconfigRelease.of("6.11", "test");
        assertTrue(r611.has(Change.CHOICE_REWORK) && r611.has(Change.TRISTATE_CHOICE_REMOVED));
        assertFalse(r611.has(Change.EXPR_VALUE_CACHE));
    }

    @Test
    void newerAndOlderReleasesAreClampedAndSaySo() {
        KconfigRelease newer = KconfigRelease.of("7.3-rc1", "--kernel-version");
        assertEquals(KconfigRelease.NEWEST.name(), newer.name());
        assertEquals("Linux 7.3-rc1 is newer than the newest release kls knows (6.12): using the 6.12 Kconfig rules",
                newer.note());
        KconfigRelease older = KconfigRelease.of("2.6.26", "Makefile");
        assertEquals("5.4", older.name());
        assertTrue(older.note().contains("older than the oldest release kls models (5.4)"), older.note());
    }

    @Test
    void aTreeWithoutAKernelMakefileGetsTheOldChoiceRules() throws Exception {
        Files.writeString(dir.resolve("Makefile"), "all:\n\techo hi\n");
        KconfigRelease r = KconfigRelease.detect(dir);
        assertEquals("5.4", r.name());
        assertFalse(r.has(Change.CHOICE_REWORK));
        assertEquals("no kernel version", r.origin());
        assertNull(r.note());
    }

    @Test
    void badVersionsAreRejectedWithTheText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KconfigRelease.of("latest", "--kernel-version"));
        assertEquals("not a kernel version: 'latest' (expected e.g. 6.1 or 6.12)", e.getMessage());
    }
}
