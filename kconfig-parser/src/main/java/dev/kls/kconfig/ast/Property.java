package dev.kls.kconfig.ast;

import dev.kls.kconfig.SourceRange;

/**
 * One attribute line of a config, choice, menu or comment entry. A null
 * {@code condition} means there was no {@code if}.
 */
public sealed interface Property {

    SourceRange range();

    /** {@code bool "prompt" if cond}; prompt and condition may be null. */
    record TypeDecl(SymbolType type, Text prompt, Expr condition, SourceRange range) implements Property {
    }

    record Prompt(Text text, Expr condition, SourceRange range) implements Property {
    }

    /** {@code default}, or {@code def_bool}/{@code def_tristate} (which also set the type). */
    record Default(DefaultKind kind, Expr value, Expr condition, SourceRange range) implements Property {
    }

    /** {@code select X if cond}, or {@code imply} when {@code imply} is true. */
    record Select(boolean imply, Text target, Expr condition, SourceRange range) implements Property {
    }

    record Range(Expr.Sym low, Expr.Sym high, Expr condition, SourceRange range) implements Property {
    }

    record DependsOn(Expr expr, SourceRange range) implements Property {
    }

    /** {@code visible if cond} on a menu. */
    record Visible(Expr condition, SourceRange range) implements Property {
    }

    record Help(String text, SourceRange range) implements Property {
    }

    record Modules(SourceRange range) implements Property {
    }

    /** {@code optional} on a choice. */
    record Optional(SourceRange range) implements Property {
    }

    record Transitional(SourceRange range) implements Property {
    }

    /** {@code option env="X"}, {@code option defconfig_list}... from older trees. */
    record Option(String name, Expr.Sym value, SourceRange range) implements Property {
    }

    enum DefaultKind {
        DEFAULT("default"), DEF_BOOL("def_bool"), DEF_TRISTATE("def_tristate");

        private final String keyword;

        DefaultKind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }
}
