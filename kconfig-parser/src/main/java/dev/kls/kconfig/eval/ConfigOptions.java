package dev.kls.kconfig.eval;

import dev.kls.kconfig.dotconfig.DotConfig;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What conf takes from its environment besides the .config: the symbol
 * prefix ({@code CONFIG_}), and for randconfig the seed (KCONFIG_SEED) and
 * the probabilities (KCONFIG_PROBABILITY).
 *
 * @param symbolPrefix what .config lines start with ("CONFIG_" unless the CONFIG_ variable says otherwise)
 * @param seed         randconfig's seed, C's unsigned int as its 32 bits
 * @param probability  randconfig's chances of y and m
 */
public record ConfigOptions(String symbolPrefix, int seed, Probability probability) {

    public static final ConfigOptions DEFAULT = new ConfigOptions(DotConfig.PREFIX, 0, Probability.DEFAULT);

    public ConfigOptions {
        if (symbolPrefix == null || probability == null) {
            throw new IllegalArgumentException("symbolPrefix and probability are required");
        }
    }

    public ConfigOptions withSeed(int newSeed) {
        return new ConfigOptions(symbolPrefix, newSeed, probability);
    }

    public ConfigOptions withProbability(Probability p) {
        return new ConfigOptions(symbolPrefix, seed, p);
    }

    /**
     * Reads CONFIG_, KCONFIG_SEED and KCONFIG_PROBABILITY as conf does. Without
     * a usable KCONFIG_SEED the seed is made from the clock, as conf makes it.
     *
     * @throws IllegalArgumentException KCONFIG_PROBABILITY out of range, with conf's message
     */
    public static ConfigOptions fromEnvironment(Map<String, String> env) {
        String prefix = env.get("CONFIG_");
        OptionalInt seed = parseSeed(env.get("KCONFIG_SEED"));
        return new ConfigOptions(prefix != null ? prefix : DotConfig.PREFIX,
                seed.isPresent() ? seed.getAsInt() : clockSeed(Instant.now()),
                Probability.parse(env.get("KCONFIG_PROBABILITY")));
    }

    /** KCONFIG_SEED as conf's set_randconfig_seed reads it: strtol base 0, the whole string or nothing. */
    public static OptionalInt parseSeed(String text) {
        if (text == null || text.isEmpty()) {
            return OptionalInt.empty();
        }
        CNumbers.Parsed p = CNumbers.parse(text, 0, false);
        if (p.end() != text.length()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) p.value()); // conf stores strtol's long in an unsigned int
    }

    /** conf's fallback seed: (seconds + 1) * (microseconds + 1), in 32 bits. */
    static int clockSeed(Instant now) {
        long sec = now.getEpochSecond();
        long usec = now.getNano() / 1000;
        return (int) ((sec + 1) * (usec + 1));
    }

    /** conf prints the seed it uses this way, so that a run can be repeated. */
    public static String seedLine(int seed) {
        return "KCONFIG_SEED=0x" + Integer.toHexString(seed).toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * randconfig's chances in percent.
     *
     * @param bool        a bool symbol is y
     * @param tristateYes a tristate symbol is y
     * @param tristateMod a tristate symbol is m
     */
    public record Probability(int bool, int tristateYes, int tristateMod) {

        public static final Probability DEFAULT = new Probability(50, 33, 33);

        /**
         * KCONFIG_PROBABILITY as conf.c parses it: "p" (bool y = p, tristate
         * m = p/2 and y = the rest of p), "y:m" for tristates (bool y = y + m),
         * or "b:y:m". Each part is read with strtol; unset or empty gives the
         * defaults 50, 33, 33.
         *
         * @throws IllegalArgumentException a part outside 0..100 or y + m over 100, with conf's message
         */
        public static Probability parse(String text) {
            if (text == null) {
                return DEFAULT;
            }
            int[] p = new int[3];
            int n = 0;
            int pos = 0;
            while (pos < text.length()) {
                CNumbers.Parsed r = CNumbers.parse(text.substring(pos), 10, false);
                int tmp = (int) r.value(); // conf keeps strtol's long in an int
                if (tmp < 0 || tmp > 100) {
                    throw new IllegalArgumentException("KCONFIG_PROBABILITY: Numerical result out of range");
                }
                p[n++] = tmp;
                int end = pos + r.end();
                pos = end < text.length() && text.charAt(end) == ':' ? end + 1 : end;
                if (n >= 3) {
                    break;
                }
            }
            int pby = DEFAULT.bool;
            int pty = DEFAULT.tristateYes;
            int ptm = DEFAULT.tristateMod;
            switch (n) {
                case 1:
                    pby = p[0];
                    ptm = pby / 2;
                    pty = pby - ptm;
                    break;
                case 2:
                    pty = p[0];
                    ptm = p[1];
                    pby = pty + ptm;
                    break;
                case 3:
                    pby = p[0];
                    pty = p[1];
                    ptm = p[2];
                    break;
                default:
                    break;
            }
            if (pty + ptm > 100) {
                throw new IllegalArgumentException("KCONFIG_PROBABILITY: Numerical result out of range");
            }
            return new Probability(pby, pty, ptm);
        }
    }
}
