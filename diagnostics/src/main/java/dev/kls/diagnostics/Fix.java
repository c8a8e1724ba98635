package dev.kls.diagnostics;

import java.util.List;

/** A quick fix: what it does, in words, and the edits that do it (non-overlapping, any files). */
public record Fix(String title, List<TextEdit> edits) {

    public Fix {
        edits = List.copyOf(edits);
    }
}
