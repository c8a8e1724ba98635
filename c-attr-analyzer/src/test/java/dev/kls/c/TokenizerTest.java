package dev.kls.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.c.lex.CNumber;
import dev.kls.c.lex.CTokenizer;
import dev.kls.c.lex.Token;
import dev.kls.c.lex.TokenKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    static List<String> texts(String s) {
        return CTokenizer.tokenize(s).stream().map(Token::text).toList();
    }

    @Test
    void commentsAreDroppedAndCountAsSpace() {
        List<Token> t = CTokenizer.tokenize("a/* x */b // c\nd");
        assertEquals(List.of("a", "b", "d"), t.stream().map(Token::text).toList());
        assertTrue(t.get(1).space());
        assertTrue(t.get(2).bol());
        assertFalse(t.get(1).bol());
    }

    @Test
    void stringsAndCharsWithPrefixes() {
        List<Token> t = CTokenizer.tokenize("L\"w\" u8\"x\\\"y\" U'c' u'\\n' \"a//b\" '\\''");
        assertEquals(List.of("L\"w\"", "u8\"x\\\"y\"", "U'c'", "u'\\n'", "\"a//b\"", "'\\''"),
                t.stream().map(Token::text).toList());
        assertEquals(TokenKind.STRING, t.get(0).kind());
        assertEquals(TokenKind.CHAR, t.get(2).kind());
    }

    @Test
    void lineContinuationInsideATokenKeepsOriginalRange() {
        String src = "int foo\\\nbar = 1;\n#define X \\\n  2\nY";
        List<Token> t = CTokenizer.tokenize(src);
        assertEquals("foobar", t.get(1).text());
        assertEquals(4, t.get(1).start());
        assertEquals(src.indexOf("bar") + 3, t.get(1).end());
        // the continued #define is one logical line: "2" does not start a line
        Token two = t.stream().filter(x -> x.text().equals("2")).findFirst().orElseThrow();
        assertFalse(two.bol());
        assertTrue(t.get(t.size() - 1).bol());
    }

    @Test
    void numbersWithSuffixes() {
        assertEquals(List.of("0x1fUL", "077", "0b101", "1.5e+3f", ".5", "10ull", "1e-3L", "0x1p-2"),
                texts("0x1fUL 077 0b101 1.5e+3f .5 10ull 1e-3L 0x1p-2"));
        CNumber.Int h = (CNumber.Int) CNumber.parse("0x1fUL");
        assertEquals(31, h.value());
        assertTrue(h.unsignedSuffix());
        assertEquals(1, h.longs());
        assertEquals(63, ((CNumber.Int) CNumber.parse("077")).value());
        assertEquals(5, ((CNumber.Int) CNumber.parse("0b101")).value());
        assertEquals(2, ((CNumber.Int) CNumber.parse("10ull")).longs());
        assertEquals(1500.0, ((CNumber.Float) CNumber.parse("1.5e+3f")).value());
        assertEquals(0.25, ((CNumber.Float) CNumber.parse("0x1p-2")).value());
        assertInstanceOf(CNumber.Invalid.class, CNumber.parse("09"));
        assertEquals(-1L, ((CNumber.Int) CNumber.parse("0xffffffffffffffff")).value());
    }

    @Test
    void punctuatorsLongestMatch() {
        assertEquals(List.of("a", "<<=", "b", "->", "c", "...", "##", "#", "%=", "&&", "|", "x"),
                texts("a<<=b->c...###%=&&|x"));
    }

    @Test
    void neverFailsOnBrokenInput() {
        List<Token> t = CTokenizer.tokenize("\"unterminated\nx /* open comment\n@ ` \\");
        assertEquals("\"unterminated", t.get(0).text());
        assertEquals("x", t.get(1).text());
        assertEquals(2, t.size());
        assertEquals(List.of("@", "`", "\\"), texts("@ ` \\"));
        assertEquals(TokenKind.OTHER, CTokenizer.tokenize("@").get(0).kind());
    }
}
