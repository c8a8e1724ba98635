package dev.kls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kls.c.body.FileBodies;
import dev.kls.c.cache.BodyCache;
import java.io.IOException;

/**
 * A C body cache entry of any bytes (a damaged or foreign file in the cache folder): it is trusted only
 * as the bodies of the file it names, or refused; reading it never throws. What is trusted writes back
 * to the same bytes' meaning: encoded again and read, it is equal.
 */
public class BodyCacheFuzz {

    static final String KEY = "0000000000000000000000000000000000000000000000000000000000000000";

    public static void fuzzerTestOneInput(byte[] data) {
        FileBodies b = BodyCache.trusted(data, KEY, "memory.c");
        if (b == null) {
            return;
        }
        try {
            FileBodies again = BodyCache.trusted(BodyCache.encodeEntry(b, KEY), KEY, "memory.c");
            if (!b.equals(again)) {
                throw new AssertionError("a trusted entry does not survive writing and reading: " + b);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new AssertionError("a trusted entry cannot be written again", e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] data) {
        fuzzerTestOneInput(data);
    }
}
