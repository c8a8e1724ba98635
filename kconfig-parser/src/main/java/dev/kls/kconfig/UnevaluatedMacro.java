package dev.kls.kconfig;

/**
 * A macro whose value was not computed because it needs a command to run and
 * running commands was not allowed (or because it depends on such a macro).
 * {@code text} is the command or the call, as it would have run.
 */
public record UnevaluatedMacro(SourceRange range, String text, String reason) {
}
