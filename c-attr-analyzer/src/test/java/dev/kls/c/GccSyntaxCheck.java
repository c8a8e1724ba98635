package dev.kls.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** gcc as the judge of a file of {@code _Static_assert}s kls wrote: it must compile them all, for one ABI. */
final class GccSyntaxCheck {

    private GccSyntaxCheck() {
    }

    /** Fails with gcc's own output unless {@code gcc -fsyntax-only} accepts {@code dir/check.c}. */
    static void assertAccepted(Path dir, String abi) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("gcc", abi.equals("i386") ? "-m32" : "-m64", "-std=gnu11",
                "-fsyntax-only", "-I", dir.toString(), dir.resolve("check.c").toString()));
        Process proc;
        try {
            proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("this test needs gcc (and gcc-multilib for -m32): " + e.getMessage());
            return;
        }
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, proc.exitValue(), "gcc disagrees with kls (" + abi + "):\n" + out);
    }
}
