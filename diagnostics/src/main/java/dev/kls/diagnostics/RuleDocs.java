package dev.kls.diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The rule pages of docs/rules/, packaged with the diagnostics module (for SARIF help, hovers). */
public final class RuleDocs {

    private RuleDocs() {
    }

    /** The Markdown page of a rule id, or null when there is none. */
    public static String markdown(String id) {
        try (InputStream in = RuleDocs.class.getResourceAsStream("/docs/rules/" + id + ".md")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null; // a page that cannot be read is a page we do not have
        }
    }

    /** The page's path in the repository, for links. */
    public static String path(String id) {
        return "docs/rules/" + id + ".md";
    }
}
