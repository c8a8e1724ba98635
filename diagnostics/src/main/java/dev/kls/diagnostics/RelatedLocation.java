package dev.kls.diagnostics;

import dev.kls.kconfig.SourceRange;

/** Another place that explains a finding (the definition it conflicts with, a step of a cycle). */
public record RelatedLocation(SourceRange range, String message) {
}
