package dev.kls.kconfig.explain;

import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.eval.Tristate;
import java.util.List;

/**
 * Everything kls knows about one config symbol in one configuration: what the
 * Kconfig files say (type, prompts, help, definitions, dependencies, who
 * selects and implies it), its value, why it has that value, and what would
 * have to change for it to be y (or m).
 *
 * @param type         null when no definition gives it a type
 * @param help         the help text of every definition that has one, joined by a blank line; "" if none
 * @param definitions  every {@code config} entry that defines it
 * @param dependencies one per definition: the full direct dependency (own {@code depends on} and every
 *                     enclosing menu, if block or choice), with its current value
 * @param value        as .config writes it (n/m/y, a number, a string without quotes)
 * @param visibility   how far a user may set it (n: no visible prompt)
 * @param reasons      why it has its value: the deciding reason first, then others that agree with it
 * @param toBeY        what would have to change for it to be y; null for string, int and hex symbols
 * @param toBeM        the same for m, for tristate symbols that are n; else null
 */
public record SymbolExplanation(String name, SymbolType type, List<Prompt> prompts, String help,
        List<SourceRange> definitions, List<Dependency> dependencies, List<ReverseDependency> selectedBy,
        List<ReverseDependency> impliedBy, String value, Tristate visibility, List<Reason> reasons,
        Requirement toBeY, Requirement toBeM) {

    /** The deciding reason. */
    public Reason reason() {
        return reasons.get(0);
    }

    /**
     * A condition as Kconfig text, with each symbol's current value after it
     * ({@code A [=y] && B [=n]}, as conf prints it), and its current value.
     * The text is "" for a condition that always holds.
     */
    public record Condition(String text, String annotated, Tristate value) {
        public boolean always() {
            return text.isEmpty();
        }
    }

    /** A prompt, with its full condition (its {@code if}, the dependencies, enclosing {@code visible if}). */
    public record Prompt(String text, Condition condition, SourceRange location) {
    }

    public record Dependency(SourceRange definition, Condition condition) {
    }

    /**
     * One {@code select} or {@code imply} of this symbol by {@code symbol}.
     *
     * @param condition the select's {@code if} joined with the selecting symbol's own dependencies
     * @param value     the current value of the whole term, {@code symbol && condition}
     */
    public record ReverseDependency(String symbol, Condition condition, SourceRange location, Tristate value) {
    }

    /** What decides a value, in conf's terms (symbol.c's sym_calc_value). */
    public enum ReasonKind {
        /** The user's value (from the .config read), taken because the symbol is visible. */
        USER,
        /** A {@code default} (the first whose condition holds). */
        DEFAULT,
        /** A {@code select} raised it (reverse dependency), whatever its dependencies say. */
        SELECT,
        /** An {@code imply} raised it (weak reverse dependency, bounded by its dependencies). */
        IMPLY,
        /** A {@code range} clamped an int/hex value to one of its bounds. */
        RANGE_CLAMP,
        /** It is a value of a choice that is y: it is y exactly when the choice picks it. */
        CHOICE_SELECTION,
        /** Nothing gave it a value: not set by the user (or not visible) and no default applies. */
        NO_DEFAULT,
        /** The symbol has no type, so it never gets a value. */
        NO_TYPE,
        /** kls could not reproduce the evaluator's value with conf's rules (a bug to report). */
        UNEXPLAINED
    }

    /**
     * @param summary   one sentence for people
     * @param location  the property or input line responsible, or null
     * @param condition the condition under which it applied (a default's or select's), or null
     * @param symbols   the symbols responsible (selecting/implying symbols, the chosen value), possibly empty
     */
    public record Reason(ReasonKind kind, String summary, SourceRange location, Condition condition,
            List<String> symbols) {
    }

    /**
     * What would have to change for the symbol to reach {@code target}.
     *
     * @param met     it already has that value or more
     * @param routes  the alternative ways there (any one suffices); empty when met or when none exists
     * @param omitted how many more ways there are, left out to keep an explanation small
     */
    public record Requirement(String symbol, Tristate target, boolean met, List<Route> routes, int omitted) {
    }

    public enum RouteKind {
        /** The user sets it through a prompt, once the prompt is visible enough. */
        PROMPT,
        /** A default gives it the value, when the user has not set it. */
        DEFAULT,
        /** A symbol that selects it is set. */
        SELECT,
        /** A symbol that implies it is set (and its dependencies allow it). */
        IMPLY,
        /** The choice it belongs to picks it. */
        CHOICE
    }

    /**
     * One way to the target value.
     *
     * @param unmet               the terms that do not hold yet; empty: this way is open now
     * @param userSettingSuffices once the unmet terms hold, setting the symbol by hand is enough
     */
    public record Route(RouteKind kind, String description, SourceRange location, List<Unmet> unmet,
            boolean userSettingSuffices) {
    }

    /**
     * A factor of a condition that does not have the needed value, and the
     * symbols that would have to change for it to hold.
     *
     * @param anyOf true when changing any one of {@code changes} suffices (an || term)
     */
    public record Unmet(String term, Tristate value, Tristate needed, List<Change> changes, boolean anyOf) {
    }

    /**
     * A symbol that would have to take another value.
     *
     * @param needed      the value it needs, as a condition on it ("y", "at least m", "n", "= 0x10")
     * @param requirement how it could get there, to a bounded depth (null below that depth, or when it
     *                    needs to go down rather than up)
     */
    public record Change(String symbol, String current, String needed, Requirement requirement) {
    }
}
