package dev.kls.diagnostics.user;

import dev.kls.diagnostics.Severity;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One rule of a rule file, as read and checked by {@link RuleFiles}: what to
 * match, when it is risky, what to say and how to fix it. Immutable.
 *
 * @param file    where it was written: tree-relative for the tree's rules, absolute for the user's,
 *                {@code kls:rules/NAME.json} for those shipped with kls
 * @param line    the line of its object in that file
 * @param when    the presence condition under which a match is risky; null = always
 * @param matches alternatives; a piece of code matching any one is a finding
 * @param fix     the fix of a match that has none of its own; null = none
 */
public record RuleSpec(String id, Severity severity, String summary, String message, String doc,
        KconfigCondition when, List<Match> matches, Fix fix, String file, int line) {

    public RuleSpec {
        matches = List.copyOf(matches);
    }

    /** A fix: its title and the replacement text of what matched ({@code $1}, {@code ${name}} substituted). */
    public record Fix(String title, String replace) {
    }

    /** One way the rule can match. */
    public sealed interface Match permits MacroMatch, ObjectMatch, CallMatch {
        Fix fix();
    }

    /** A {@code #define} whose name matches and whose body (tokens) matches {@code body} (null = any). */
    public record MacroMatch(Pattern name, TokenPattern body, Fix fix) implements Match {
    }

    /** A file-scope object declaration: name, type text (null = any), one of its possible sections (null = any). */
    public record ObjectMatch(Pattern name, TokenPattern type, Pattern section, Fix fix) implements Match {
    }

    /**
     * A call: the callee as written ({@code memblock_reserve}, {@code x86_init.mapping.pagetable_reserve})
     * matches {@code function}; {@code args} (null = any) has one list of alternatives per argument;
     * {@code inside} (null = any) is the enclosing function's name; no call of {@code unless} may stand
     * in the same function (or the same block).
     */
    public record CallMatch(Pattern function, List<List<TokenPattern>> args, Pattern inside, List<Unless> unless,
            Fix fix) implements Match {
        public CallMatch {
            args = args == null ? null : args.stream().map(List::copyOf).toList();
            unless = List.copyOf(unless);
        }
    }

    /** A call that, when present in the same function ({@code block} false) or block, clears the match. */
    public record Unless(Pattern function, List<List<TokenPattern>> args, boolean block) {
        public Unless {
            args = args == null ? null : args.stream().map(List::copyOf).toList();
        }
    }
}
