package dev.kls.kconfig.semantics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel release whose scripts/kconfig semantics kls applies to a tree,
 * and the one table of what changed between releases ({@link Change}).
 * Everything that computes Kconfig values (the evaluator, and through it the
 * explainer and the witness search) asks {@link #has(Change)} instead of
 * testing version numbers itself.
 *
 * @param version    VERSION of the release whose rules apply (clamped to {@link #OLDEST}..{@link #NEWEST})
 * @param patchlevel PATCHLEVEL of that release
 * @param origin     where the release came from, for messages ("Makefile 6.12.118", "--kernel-version 6.1")
 * @param note       what to tell the user once when the rules are not exactly the tree's (null: they are)
 */
public record KconfigRelease(int version, int patchlevel, String origin, String note)
        implements Comparable<KconfigRelease> {

    /** The oldest release kls models; older trees get its rules. */
    public static final KconfigRelease OLDEST = new KconfigRelease(5, 4, "oldest supported", null);
    /** The newest release whose scripts/kconfig kls has been checked against. */
    public static final KconfigRelease NEWEST = new KconfigRelease(6, 12, "newest supported", null);

    /**
     * What changed in scripts/kconfig, keyed by the first release that has
     * it. "verified" entries were read in the 6.1 and 6.12 sources
     * (scripts/kconfig/*.c, Documentation/kbuild/kconfig-language.rst) and
     * are checked by the kernel tests against both releases' conf; the
     * release and commit come from the kernel's kbuild history (commit
     * subjects and merge logs), which is not in those trees.
     */
    public enum Change {
        /**
         * The symbol hash table became scripts/include/hashtable.h with
         * 1 << 14 buckets (was 9973): conf's passes over all symbols visit
         * them in another order. Commit 91b69454f93d.
         */
        HASHTABLE_16K(6, 9, "91b69454f93d", "symbol hash table of 16384 buckets (for_all_symbols order)"),
        /** A choice no longer gives its type to untyped members. Commit "kconfig: do not imply the type of choice value". */
        NO_IMPLIED_CHOICE_VALUE_TYPE(6, 9, "", "a choice no longer gives its type to untyped members"),
        /** Recursive dependency errors lose their file:line prefixes and are printed in parse order. */
        RECURSIVE_DEP_PARSE_ORDER(6, 9, "cc25cfc563ad", "recursive dependency errors printed in parse order"),
        /** The 'optional' choice property is gone: every choice has a member set. Commit 6a1215888e23. */
        OPTIONAL_REMOVED(6, 10, "6a1215888e23", "'optional' choices removed"),
        /**
         * The choice rework: a choice's value is computed from its menu and a
         * priority list of its members (sym_calc_choice); a user n on a
         * member moves the choice to the next visible member; conf_read no
         * longer drops invisible or out-of-range user values; randconfig
         * randomizes each choice once, from the menu walk. Commit f79dc03fe68c.
         */
        CHOICE_REWORK(6, 11, "f79dc03fe68c", "choice values computed from the menu (user n moves to the next entry)"),
        /** Choices and their members are bool only. Commit fde192511bdb. */
        TRISTATE_CHOICE_REMOVED(6, 11, "fde192511bdb", "tristate choices removed"),
        /** Expressions are shared (hash-consed) and their values cached until the next invalidation. Commit 95573cac25c6. */
        EXPR_VALUE_CACHE(6, 12, "95573cac25c6", "expression values cached"),
        /**
         * int and hex symbols without a default value are "0" and "0x0"
         * instead of "". Seen in the 6.12 sources; the release that made it
         * is not known here (6.12 is the latest it can be).
         */
        INT_HEX_ZERO_DEFAULT(6, 12, "", "int/hex without a default are 0 / 0x0");

        public final int version;
        public final int patchlevel;
        /** The kernel commit that made the change ("" when only the release is known). */
        public final String commit;
        public final String summary;

        Change(int version, int patchlevel, String commit, String summary) {
            this.version = version;
            this.patchlevel = patchlevel;
            this.commit = commit;
            this.summary = summary;
        }

        public String release() {
            return version + "." + patchlevel;
        }
    }

    /** Whether this release's scripts/kconfig has the change. */
    public boolean has(Change c) {
        return version > c.version || version == c.version && patchlevel >= c.patchlevel;
    }

    /** The changes this release has, oldest first. */
    public List<Change> changes() {
        List<Change> l = new ArrayList<>();
        for (Change c : Change.values()) {
            if (has(c)) {
                l.add(c);
            }
        }
        return l;
    }

    /** "6.12". */
    public String name() {
        return version + "." + patchlevel;
    }

    @Override
    public int compareTo(KconfigRelease o) {
        return version != o.version ? Integer.compare(version, o.version) : Integer.compare(patchlevel, o.patchlevel);
    }

    private static final Pattern NUMBER = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?(\\S*)");

    /**
     * A release as the user names it ("6.12", "6.12.118", "6.13-rc1"),
     * clamped to the releases kls models.
     *
     * @param origin how it was given, for messages
     * @throws IllegalArgumentException not a version, with the text
     */
    public static KconfigRelease of(String text, String origin) {
        Matcher m = NUMBER.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a kernel version: '" + text + "' (expected e.g. 6.1 or 6.12)");
        }
        return clamp(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), origin, text.trim());
    }

    private static KconfigRelease clamp(int v, int p, String origin, String shown) {
        KconfigRelease r = new KconfigRelease(v, p, origin, null);
        if (r.compareTo(NEWEST) > 0) {
            return new KconfigRelease(NEWEST.version, NEWEST.patchlevel, origin, "Linux " + shown
                    + " is newer than the newest release kls knows (" + NEWEST.name() + "): using the "
                    + NEWEST.name() + " Kconfig rules");
        }
        if (r.compareTo(OLDEST) < 0) {
            return new KconfigRelease(OLDEST.version, OLDEST.patchlevel, origin, "Linux " + shown
                    + " is older than the oldest release kls models (" + OLDEST.name() + "): using the "
                    + OLDEST.name() + " Kconfig rules");
        }
        return r;
    }

    /**
     * The release of a tree: VERSION and PATCHLEVEL of its top Makefile, as
     * kbuild reads them. A tree without them (Zephyr, Buildroot, U-Boot, a
     * bare Kconfig file) gets the rules before the 6.9..6.11 reworks, which
     * are the ones those projects' Kconfig implementations follow.
     */
    public static KconfigRelease detect(Path srctree) {
        Optional<int[]> v = makefileVersion(srctree);
        if (v.isEmpty()) {
            // Not a kernel tree: nothing to tell its user, who chose no kernel release.
            return new KconfigRelease(OLDEST.version, OLDEST.patchlevel, "no kernel version", null);
        }
        int[] n = v.get();
        String shown = n[0] + "." + n[1] + "." + n[2];
        return clamp(n[0], n[1], "Makefile " + shown, shown);
    }

    private static final Pattern MAKE_VAR = Pattern.compile("^(VERSION|PATCHLEVEL|SUBLEVEL)\\s*=\\s*(\\d+)\\s*$",
            Pattern.MULTILINE);

    /** VERSION, PATCHLEVEL, SUBLEVEL of the top Makefile (the first assignment of each). */
    static Optional<int[]> makefileVersion(Path srctree) {
        if (srctree == null) {
            return Optional.empty();
        }
        Path makefile = srctree.resolve("Makefile");
        if (!Files.isRegularFile(makefile)) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(makefile, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return Optional.empty();
        }
        int[] n = {-1, -1, 0};
        Matcher m = MAKE_VAR.matcher(text);
        while (m.find()) {
            int i = switch (m.group(1)) {
                case "VERSION" -> 0;
                case "PATCHLEVEL" -> 1;
                default -> 2;
            };
            if (n[i] < 0 || i == 2 && n[2] == 0) {
                n[i] = Integer.parseInt(m.group(2));
            }
        }
        return n[0] < 0 || n[1] < 0 ? Optional.empty() : Optional.of(n);
    }
}
