package dev.kls.kconfig.ast;

import dev.kls.kconfig.SourceRange;
import java.util.List;

/** A statement of a Kconfig file. {@code range} covers its first line (the header). */
public sealed interface Entry {

    SourceRange range();

    record MainMenu(Text title, SourceRange range) implements Entry {
    }

    /** {@code config NAME} or, when {@code menuconfig}, {@code menuconfig NAME}. */
    record Config(boolean menuconfig, Text name, List<Property> properties, SourceRange range) implements Entry {
    }

    /** {@code choice [NAME] ... endchoice}; name is null for an anonymous choice. */
    record Choice(Text name, List<Property> properties, List<Entry> body, SourceRange range) implements Entry {
    }

    record Comment(Text prompt, List<Property> properties, SourceRange range) implements Entry {
    }

    record Menu(Text prompt, List<Property> properties, List<Entry> body, SourceRange range) implements Entry {
    }

    record If(Expr condition, List<Entry> body, SourceRange range) implements Entry {
    }

    record Source(SourceKind kind, Text path, SourceRange range) implements Entry {
    }

    /** A macro variable: {@code NAME = value}, {@code :=} or {@code +=}; value is raw text. */
    record Assignment(Text name, Flavor flavor, String value, SourceRange range) implements Entry {
    }

    enum SourceKind {
        SOURCE("source"), RSOURCE("rsource"), OSOURCE("osource"), ORSOURCE("orsource");

        private final String keyword;

        SourceKind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }

        /** rsource/orsource: relative to the directory of the file that says it. */
        public boolean relative() {
            return this == RSOURCE || this == ORSOURCE;
        }

        /** osource/orsource: a missing file is not an error. */
        public boolean optional() {
            return this == OSOURCE || this == ORSOURCE;
        }
    }

    enum Flavor {
        RECURSIVE("="), SIMPLE(":="), APPEND("+=");

        private final String token;

        Flavor(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }
}
