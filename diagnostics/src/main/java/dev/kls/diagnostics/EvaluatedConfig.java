package dev.kls.diagnostics;

import dev.kls.kconfig.eval.ConfigResult;

/**
 * A configuration the rules look at: the .config it came from (path as given,
 * for messages) and the values the evaluator computed from it.
 */
public record EvaluatedConfig(String file, ConfigResult result) {
}
