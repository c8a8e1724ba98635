package dev.kls.kconfig.eval;

/**
 * The C library number parsing Kconfig relies on (glibc's strtoll and
 * strtoull), because how conf reads "0x10", " 12" or "12abc" decides ranges
 * and comparisons.
 */
final class CNumbers {

    /** The result of a parse: the value, where parsing stopped, and whether it overflowed (ERANGE). */
    record Parsed(long value, int end, boolean overflow) {
    }

    private CNumbers() {
    }

    static long strtoll(String s, int base) {
        return parse(s, base, false).value();
    }

    /**
     * strtoll (signed) or strtoull (unsigned; the value is then to be read as
     * unsigned). Base 0 picks 16 for "0x", 8 for a leading 0, else 10.
     */
    static Parsed parse(String s, int base, boolean unsigned) {
        int i = 0;
        int n = s.length();
        while (i < n && MenuBuilder.isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if ((base == 0 || base == 16) && i + 1 < n && s.charAt(i) == '0'
                && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < n && digit(s.charAt(i + 2), 16) >= 0) {
            i += 2;
            base = 16;
        } else if (base == 0) {
            base = i < n && s.charAt(i) == '0' ? 8 : 10;
        }
        int start = i;
        // Accumulate as unsigned 64-bit, noting overflow.
        long acc = 0;
        boolean overflow = false;
        long limit = Long.divideUnsigned(-1L, base);
        while (i < n) {
            int d = digit(s.charAt(i), base);
            if (d < 0) {
                break;
            }
            if (Long.compareUnsigned(acc, limit) > 0 || Long.compareUnsigned(acc * base, -1L - d) > 0) {
                overflow = true;
            } else {
                acc = acc * base + d;
            }
            i++;
        }
        if (i == start) {
            return new Parsed(0, 0, false); // no digits: endptr is the string itself
        }
        if (unsigned) {
            if (overflow) {
                return new Parsed(-1L, i, true);
            }
            return new Parsed(negative ? -acc : acc, i, false);
        }
        if (negative) {
            if (overflow || Long.compareUnsigned(acc, Long.MIN_VALUE) > 0) {
                return new Parsed(Long.MIN_VALUE, i, true);
            }
            return new Parsed(-acc, i, false);
        }
        if (overflow || acc < 0) {
            return new Parsed(Long.MAX_VALUE, i, true);
        }
        return new Parsed(acc, i, false);
    }

    static int digit(char c, int base) {
        int d;
        if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (c >= 'a' && c <= 'z') {
            d = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'Z') {
            d = c - 'A' + 10;
        } else {
            return -1;
        }
        return d < base ? d : -1;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isXDigit(char c) {
        return digit(c, 16) >= 0;
    }

    /** strcmp's sign on the UTF-8 bytes. */
    static int strcmp(String a, String b) {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return Integer.signum(java.util.Arrays.compareUnsigned(x, y));
    }
}
