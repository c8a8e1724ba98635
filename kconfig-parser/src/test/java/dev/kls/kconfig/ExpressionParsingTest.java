package dev.kls.kconfig;

import static dev.kls.kconfig.Fixtures.expr;
import static dev.kls.kconfig.Fixtures.span;
import static dev.kls.kconfig.Fixtures.sx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.ast.Expr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expressions: operators, precedence, parentheses, symbols and constants. */
class ExpressionParsingTest {

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = ';', value = {
        "A                  ; A",
        "!A                 ; (! A)",
        "A && B             ; (&& A B)",
        "A || B             ; (|| A B)",
        "A = B              ; (= A B)",
        "A != B             ; (!= A B)",
        "A < B              ; (< A B)",
        "A > B              ; (> A B)",
        "A <= B             ; (<= A B)",
        "A >= B             ; (>= A B)",
    })
    void everyOperator(String in, String shape) {
        assertEquals(shape, sx(expr(in)));
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = ';', value = {
        // ! binds tightest, then comparisons, then &&, then ||
        "!A && B            ; (&& (! A) B)",
        "A || B && C        ; (|| A (&& B C))",
        "A && B || C        ; (|| (&& A B) C)",
        "!A = B             ; (! (= A B))",
        "A = y && B != n    ; (&& (= A y) (!= B n))",
        "!!A                ; (! (! A))",
        // && and || are left-associative
        "A && B && C        ; (&& (&& A B) C)",
        "A || B || C        ; (|| (|| A B) C)",
        // parentheses
        "(A || B) && C      ; (&& (|| A B) C)",
        "!(A && B)          ; (! (&& A B))",
        "A && (B && C)      ; (&& A (&& B C))",
        "((A))              ; A",
        "!(A = B) || (C)    ; (|| (! (= A B)) C)",
    })
    void precedenceAndParentheses(String in, String shape) {
        assertEquals(shape, sx(expr(in)));
    }

    @Test
    void quotedAndUnquotedConstants() {
        Expr.Compare c = assertInstanceOf(Expr.Compare.class, expr("ARCH = \"x86\""));
        assertFalse(c.left().quoted());
        assertTrue(c.right().quoted());
        assertEquals("x86", c.right().name());
        assertEquals("(= \"y\" '8')".replace('\'', '"'), sx(expr("\"y\" = '8'")));
    }

    @Test
    void numbersAndWordsWithDashesAreSymbols() {
        assertEquals("(>= 64BIT-x 0x10)", sx(expr("64BIT-x >= 0x10")));
    }

    @Test
    void lineContinuationJoinsLines() {
        assertEquals("(&& (&& A B) C)", sx(expr("A && \\\n\t\tB && \\\n\t\tC")));
    }

    @Test
    void commentEndsTheExpression() {
        assertEquals("(|| A B)", sx(expr("A || B # || C")));
    }

    @Test
    void rangesOfExpressionNodes() {
        Expr e = expr("!A && (B || C)");
        // "\tdepends on " takes the columns before 13
        assertEquals("Kconfig:3:13-3:27", span(e.range()));
        Expr.And and = (Expr.And) e;
        assertEquals("Kconfig:3:13-3:15", span(and.left().range()));
        assertEquals("Kconfig:3:14-3:15", span(((Expr.Not) and.left()).operand().range()));
        assertEquals("Kconfig:3:25-3:26", span(((Expr.Or) and.right()).right().range()));
    }

    @Test
    void symNameIsTheExpandedValue() {
        Expr.Sym s = assertInstanceOf(Expr.Sym.class, expr("CC_IS_$(SRCARCH)"));
        assertEquals("CC_IS_x86", s.name());
        assertEquals("CC_IS_$(SRCARCH)", s.text().raw());
        assertTrue(s.text().hasMacros());
    }
}
