package dev.kls.kconfig.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectReaderTest {

    @TempDir
    Path tmp;

    @Test
    void eachLabelGetsTheAlignmentInForceBeforeItInItsSection() throws Exception {
        Path s = Files.writeString(tmp.resolve("a.s"), String.join("\n",
                "\t.section\t.bss..page_aligned,\"aw\",@nobits",
                "\t.align 4096",
                "\t.type\tbig, @object",
                "big:\t# a comment with .align 8",
                "\t.zero\t4096",
                "small:",
                "\t.zero\t8",
                "\t.text",
                "\t.p2align 4",
                "f:",
                "\t.pushsection \".data..page_aligned\", \"aw\"",
                "\t.balign 0x1000",
                "pushed: .long 1",
                "\t.popsection",
                "after_pop:",
                "\t.data",
                "\t.align 32",
                "\t.previous",
                "back_in_text:",
                "\t.comm\tcommon_one,64,16",
                ""));
        assertEquals(Map.of("big", 4096L, "small", 1L, "f", 16L, "pushed", 4096L, "after_pop", 1L,
                "back_in_text", 1L, "common_one", 16L), ObjectReader.alignments(s));
    }
}
