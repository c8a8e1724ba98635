package dev.kls.c;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kls.c.lex.CTokenizer;
import dev.kls.c.lex.Token;
import dev.kls.c.pp.Directive;
import dev.kls.c.pp.FileModel;
import dev.kls.c.pp.MacroDef;
import dev.kls.c.pp.MacroExpander;
import dev.kls.c.pp.PpEnvironment;
import dev.kls.c.pp.PpToken;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MacroExpansionTest {

    /** Runs #define/#undef in order, then expands each line of the rest. */
    static String expand(String src) {
        FileModel m = FileModel.parse("t.c", src, new PpEnvironment("x86"));
        Map<String, MacroDef> defs = new HashMap<>();
        List<Directive> ds = m.directives();
        for (int i = 0; i < ds.size(); i++) {
            if (ds.get(i).name().equals("define")) {
                MacroDef d = m.macroAt(i);
                defs.put(d.name(), d);
            } else if (ds.get(i).name().equals("undef")) {
                defs.remove(m.tokens().get(ds.get(i).first()).text());
            }
        }
        List<PpToken> in = new ArrayList<>();
        for (int i = 0; i < m.tokens().size(); i++) {
            if (!m.isDirectiveToken(i)) {
                in.add(PpToken.of(m.tokens().get(i), i));
            }
        }
        List<PpToken> out = new MacroExpander(defs::get).expand(in);
        return out.stream().map(t -> t.text).collect(Collectors.joining(" "));
    }

    static String norm(String s) {
        return CTokenizer.tokenize(s).stream().map(Token::text).collect(Collectors.joining(" "));
    }

    @Test
    void c11Example3() {
        String src = """
                #define x 3
                #define f(a) f(x * (a))
                #undef x
                #define x 2
                #define g f
                #define z z[0]
                #define h g(~
                #define m(a) a(w)
                #define w 0,1
                #define t(a) a
                #define p() int
                #define q(x) x
                #define r(x,y) x ## y
                #define str(x) # x
                f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);
                g(x+(3,4)-w) | h 5) & m
                (f)^m(m);
                p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };
                char c[2][6] = { str(hello), str() };
                """;
        assertEquals(norm("""
                f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (0)) + t(1);
                f(2 * (2+(3,4)-0,1)) | f(2 * (~ 5)) & f(2 * (0,1))^m(0,1);
                int i[] = { 1, 23, 4, 5, };
                char c[2][6] = { "hello", "" };
                """), expand(src));
    }

    @Test
    void c11Example4StringizingAndPasting() {
        String src = """
                #define str(s) # s
                #define xstr(s) str(s)
                #define INCFILE(n) vers ## n
                #define glue(a, b) a ## b
                #define xglue(a, b) glue(a, b)
                #define HIGHLOW "hello"
                #define LOW LOW ", world"
                glue(HIGH, LOW);
                xglue(HIGH, LOW)
                xstr(INCFILE(2).h)
                str(strncmp("abc\\0d", "abc", '\\4') == 0)
                """;
        assertEquals(norm("""
                "hello";
                "hello" ", world"
                "vers2.h"
                "strncmp(\\"abc\\\\0d\\", \\"abc\\", '\\\\4') == 0"
                """), expand(src));
    }

    @Test
    void variadicGnuCommaAndVaOpt() {
        String src = """
                #define showlist(...) puts(#__VA_ARGS__)
                #define report(test, ...) ((test)?puts(#test): printf(__VA_ARGS__))
                #define pr(fmt, args...) printk(fmt, ## args)
                #define e(fmt, ...) f(fmt __VA_OPT__(,) __VA_ARGS__)
                showlist(The first, second, and third items.);
                report(x>y, "x is %d but y is %d", x, y);
                pr("a"); pr("b", 1, 2);
                e(1) e(1, 2)
                """;
        assertEquals(norm("""
                puts("The first, second, and third items.");
                ((x>y)?puts("x>y"): printf("x is %d but y is %d", x, y));
                printk("a"); printk("b", 1, 2);
                f(1) f(1, 2)
                """), expand(src));
    }

    @Test
    void recursionIsBlocked() {
        assertEquals(norm("a b foo"), expand("#define foo a bar\n#define bar b foo\nfoo"));
        assertEquals(norm("f(f)(1)"), expand("#define f(x) f(x)\nf(f)(1)"));
        assertEquals(norm("int x"), expand("#define EMPTY\n#define T int EMPTY x\nT"));
    }

    @Test
    void kconfigHelpersExpandAsTheKernelMeansThem() {
        String kconfig = """
                #define CONFIG_A 1
                #define CONFIG_B_MODULE 1
                #define __ARG_PLACEHOLDER_1 0,
                #define __take_second_arg(__ignored, val, ...) val
                #define __or(x, y) ___or(x, y)
                #define ___or(x, y) ____or(__ARG_PLACEHOLDER_##x, y)
                #define ____or(arg1_or_junk, y) __take_second_arg(arg1_or_junk 1, y)
                #define __is_defined(x) ___is_defined(x)
                #define ___is_defined(val) ____is_defined(__ARG_PLACEHOLDER_##val)
                #define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)
                #define IS_BUILTIN(option) __is_defined(option)
                #define IS_MODULE(option) __is_defined(option##_MODULE)
                #define IS_ENABLED(option) __or(IS_BUILTIN(option), IS_MODULE(option))
                """;
        assertEquals("1 1 0 1 0", expand(kconfig + "IS_ENABLED(CONFIG_A) IS_ENABLED(CONFIG_B) IS_ENABLED(CONFIG_C)"
                + " IS_MODULE(CONFIG_B) IS_BUILTIN(CONFIG_B)"));
    }
}
