package dev.kls.c.lex;

import java.util.Locale;

/**
 * The value of a C number token: an integer constant with its suffix
 * (decimal, octal, hex, binary; u, l, ll in any order and case) or a
 * floating constant. Integer values are kept as 64 bits (unsigned when the
 * suffix or the value needs it, as C11 6.4.4.1 chooses the type).
 */
public sealed interface CNumber {

    /** {@code longs}: 0 none, 1 'l', 2 'll'. {@code decimal} matters for the type choice. */
    record Int(long value, boolean unsignedSuffix, int longs, boolean decimal, boolean overflow) implements CNumber {
    }

    record Float(double value, String suffix) implements CNumber {
    }

    record Invalid(String text, String why) implements CNumber {
    }

    static CNumber parse(String text) {
        String t = text.replace("'", "");
        String lower = t.toLowerCase(Locale.ROOT);
        boolean hex = lower.startsWith("0x");
        boolean bin = lower.startsWith("0b");
        boolean isFloat = hex ? lower.contains("p") || lower.contains(".")
                : !bin && (lower.contains(".") || lower.contains("e"));
        if (isFloat) {
            // the exponent is decimal even in a hex float, so a trailing f or l is always a suffix
            int end = lower.length();
            if (end > 0 && (lower.charAt(end - 1) == 'f' || lower.charAt(end - 1) == 'l') && (!hex || lower.contains("p"))) {
                end--;
            }
            try {
                String digits = t.substring(0, end);
                double v = Double.parseDouble(hex && !lower.contains("p") ? digits + "p0" : digits);
                return new Float(v, t.substring(end));
            } catch (NumberFormatException e) {
                return new Invalid(text, "not a floating constant");
            }
        }
        int end = lower.length();
        boolean u = false;
        int longs = 0;
        while (end > 0) {
            char c = lower.charAt(end - 1);
            if (c == 'u' && !u) {
                u = true;
                end--;
            } else if (c == 'l' && longs == 0) {
                longs = end >= 2 && lower.charAt(end - 2) == 'l' ? 2 : 1;
                end -= longs;
            } else {
                break;
            }
        }
        String digits = lower.substring(0, end);
        int radix = 10;
        int from = 0;
        if (hex) {
            radix = 16;
            from = 2;
        } else if (bin) {
            radix = 2;
            from = 2;
        } else if (digits.length() > 1 && digits.charAt(0) == '0') {
            radix = 8;
            from = 1;
        }
        if (from >= digits.length() && radix != 8) {
            return new Invalid(text, "no digits");
        }
        long v = 0;
        boolean overflow = false;
        for (int i = from; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0) {
                return new Invalid(text, "invalid digit or suffix in integer constant");
            }
            long next = v * radix + d;
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, radix)) > 0) {
                overflow = true;
            }
            v = next;
        }
        return new Int(v, u, longs, radix == 10, overflow);
    }
}
