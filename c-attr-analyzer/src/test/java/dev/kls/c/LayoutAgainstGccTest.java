package dev.kls.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Struct layout, padding, bit-fields, packed/aligned, enums and constant
 * expressions, sized by kls for i386 and x86_64 and checked by the machine's
 * gcc ({@code -m32}/{@code -m64}) with _Static_assert on every size and alignment.
 */
class LayoutAgainstGccTest {

    static final String HEADER = """
            #ifndef _T_H
            #define _T_H
            typedef unsigned long long u64;
            typedef unsigned int u32;
            typedef unsigned char u8;
            #define __packed __attribute__((__packed__))
            #define __aligned(x) __attribute__((__aligned__(x)))
            #define PAGE_SHIFT 12
            #define PAGE_SIZE (1UL << PAGE_SHIFT)
            #define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
            #define offsetof(T, m) __builtin_offsetof(T, m)
            #define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int:(-!!(e)); })))
            struct ll { char c; long long x; };
            struct dbl { char c; double d; short s; };
            struct ld { char c; long double d; };
            struct bits { unsigned a:3; unsigned b:30; unsigned char c:4; u64 d:40; };
            struct zero { char a; int :0; char b; };
            struct pk { char a; int b; short c; } __packed;
            struct al { char a; int b __aligned(16); };
            struct nested { struct ll a; char b[3]; union { int i; char c[5]; } u; };
            struct flex { int n; long data[]; };
            struct ptrs { void (*fn)(int); char *(*arr[3])[4]; };
            enum small { A, B, C = 300 };
            enum big { BIG = 0x100000000ULL };
            enum __attribute__((packed)) tiny { T1, T2 };
            typedef struct { u32 lo, hi; } __aligned(8) pair_t;
            typedef int arr2_t[3][5];
            struct mix { u8 a; pair_t p; u8 b; arr2_t m; struct { u8 x; u64 y; } anon; };
            #endif
            """;

    static final String C_FILE = """
            #include "t.h"
            static struct ll o_ll;
            static struct dbl o_dbl;
            static struct ld o_ld;
            static struct bits o_bits;
            static struct zero o_zero;
            static struct pk o_pk;
            static struct al o_al;
            static struct nested o_nested;
            static struct flex o_flex;
            static struct ptrs o_ptrs;
            static enum small o_small;
            static enum big o_big;
            static enum tiny o_tiny;
            static pair_t o_pair[3];
            static struct mix o_mix;
            static long o_long[PAGE_SIZE / sizeof(long) / 8];
            static char o_shift[(1UL << 31) >> 28];
            static char o_signed[-1 < 0U ? 2 : 3];
            static char o_wrap[(unsigned long)-1 > 0xffffffffUL ? 7 : 5];
            static char o_offs[offsetof(struct mix, anon) + 1];
            static int o_arrsz[ARRAY_SIZE(o_long) + BUILD_BUG_ON_ZERO(0)];
            static char o_str[] = "hello\\n";
            static int o_init[] = { 1, 2, [10] = 3, 4 };
            static char o_cond[sizeof(int) == 4 ? sizeof(struct ll) : 1];
            static long long o_ll2[2][3];
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"i386", "x86_64"})
    void sizesAndAlignmentsMatchGcc(String abi) throws Exception {
        Files.createDirectories(dir.resolve("include"));
        Files.writeString(dir.resolve("t.h"), HEADER);
        Files.writeString(dir.resolve("t.c"), C_FILE);
        CProject p = CProject.open(dir, "x86");
        Configuration cfg = p.configuration(Map.of("64BIT", abi.equals("x86_64") ? "y" : "n"));
        assertEquals(abi, cfg.abi().name());
        List<ObjectDecl> objs = p.file("t.c").objects();
        assertEquals(25, objs.size());
        StringBuilder asserts = new StringBuilder(C_FILE);
        for (ObjectDecl d : objs) {
            ObjectEvaluation e = p.evaluate(d, cfg);
            assertTrue(e.sizeKnown(), d.name() + ": " + e.unknownReason());
            asserts.append(String.format("_Static_assert(sizeof(%s) == %d, \"%s size %d\");%n", d.name(),
                    e.size().getAsLong(), d.name(), e.size().getAsLong()));
            // the type's alignment (a variable of it may be aligned more, as gcc does for i386 globals)
            asserts.append(String.format("_Static_assert(_Alignof(__typeof__(%s)) == %d, \"%s align %d\");%n",
                    d.name(),
                    e.typeAlignment().getAsLong(), d.name(), e.typeAlignment().getAsLong()));
        }
        Files.writeString(dir.resolve("check.c"), asserts.toString());
        GccSyntaxCheck.assertAccepted(dir, abi);
    }
}
