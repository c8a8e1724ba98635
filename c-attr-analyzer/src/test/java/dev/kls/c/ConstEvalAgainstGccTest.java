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
 * Integer constant expressions as ConstEval evaluates them, each the
 * dimension of an array ({@code (e & 0xfff) + 1}, so negative and wide
 * values count too), checked by the machine's gcc for i386 and x86_64:
 * literal types, promotions and the usual arithmetic conversions per ABI,
 * casts, {@code ?:}, {@code sizeof}/{@code _Alignof} of types and
 * expressions, offsetof designators, string lengths and the builtins.
 */
class ConstEvalAgainstGccTest {

    static final List<String> EXPRESSIONS = List.of(
            "-1L > 1U", // ILP32: both convert to unsigned long; LP64: to long
            "-1 < 0U",
            "sizeof(2147483648)", // long long on ILP32, long on LP64
            "sizeof(0xffffffff)",
            "sizeof(0x100000000)",
            "0x80000000 > 0",
            "-1UL >> 20",
            "~0U >> 28",
            "(unsigned char)300",
            "(signed char)200 < 0",
            "(short)-1 == -1",
            "(u8)0x1ff + 1",
            "-7 / 2",
            "-7 % 3",
            "(5 ^ 3) | (8 & 12)",
            "1 << 3 + 1",
            "!0 + !5 + ~-1",
            "sizeof(1 ? 1 : 2UL)",
            "sizeof(-1 ? (char)1 : (short)2)",
            "7 ?: 3",
            "0 ? 10 : 20",
            "sizeof(long)",
            "sizeof(int (*)(void))",
            "sizeof(int[3][5])",
            "sizeof(arr2_t) / sizeof(int)",
            "_Alignof(struct ll)",
            "__alignof__(pair_t)",
            "sizeof(o_ll.x) + sizeof o_ll",
            "sizeof(*&o_ll)",
            "sizeof(((struct mix *)0)->anon)",
            "sizeof(o_long[0]) * 3",
            "offsetof(struct nested, u.c[3])",
            "offsetof(struct mix, m[1][2])",
            "__builtin_offsetof(struct mix, anon.y)",
            "sizeof(\"ab\" \"cd\")",
            "sizeof(\"a\\n\\x41\\101\")",
            "'a' + '\\n'",
            "__builtin_choose_expr(sizeof(long) == 8, 5, 9)",
            "__builtin_constant_p(3 + 4) + 2 * __builtin_constant_p(o_ll.x)",
            "__builtin_types_compatible_p(int, u32) + 2 * __builtin_types_compatible_p(u32, unsigned int)",
            "sizeof(__builtin_expect(1L, 1))",
            "C + B",
            "sizeof(enum small) + sizeof(enum big)",
            "(int)sizeof(struct pk) - 1",
            "PAGE_SIZE - 1",
            "ARRAY_SIZE(o_long)",
            "(u64)1 << 40 >> 36",
            "sizeof((struct ll){ 0 })");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"i386", "x86_64"})
    void valuesMatchGcc(String abi) throws Exception {
        StringBuilder c = new StringBuilder(LayoutAgainstGccTest.C_FILE);
        for (int i = 0; i < EXPRESSIONS.size(); i++) {
            c.append(String.format("static char e_%d[((%s) & 0xfff) + 1];%n", i, EXPRESSIONS.get(i)));
        }
        Files.writeString(dir.resolve("t.h"), LayoutAgainstGccTest.HEADER);
        Files.writeString(dir.resolve("t.c"), c.toString());
        CProject p = CProject.open(dir, "x86");
        Configuration cfg = p.configuration(Map.of("64BIT", abi.equals("x86_64") ? "y" : "n"));
        assertEquals(abi, cfg.abi().name());
        StringBuilder asserts = new StringBuilder(c);
        int seen = 0;
        for (ObjectDecl d : p.file("t.c").objects()) {
            if (!d.name().startsWith("e_")) {
                continue;
            }
            seen++;
            String expr = EXPRESSIONS.get(Integer.parseInt(d.name().substring(2)));
            ObjectEvaluation e = p.evaluate(d, cfg);
            assertTrue(e.sizeKnown(), expr + ": " + e.unknownReason());
            asserts.append(String.format("_Static_assert(sizeof(%s) == %d, \"%s\");%n", d.name(),
                    e.size().getAsLong(), expr.replace("\\", "\\\\").replace("\"", "\\\"") + " = "
                    + (e.size().getAsLong() - 1) + " (low 12 bits)"));
        }
        assertEquals(EXPRESSIONS.size(), seen);
        Files.writeString(dir.resolve("check.c"), asserts.toString());
        GccSyntaxCheck.assertAccepted(dir, abi);
    }
}
