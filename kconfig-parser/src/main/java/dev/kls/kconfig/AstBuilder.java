package dev.kls.kconfig;

import dev.kls.kconfig.KconfigLexer.KToken;
import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.ast.Property;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.ast.Text;
import dev.kls.kconfig.grammar.KconfigParser;
import dev.kls.kconfig.grammar.KconfigParser.*;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns ANTLR's parse tree into the immutable AST. The tree may be partial
 * after syntax errors, so every child is checked before use and a broken
 * piece is left out rather than guessed.
 */
final class AstBuilder {

    private final String file;
    private final List<Diagnostic> diagnostics;

    AstBuilder(String file, List<Diagnostic> diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    List<Entry> file(FileContext ctx) {
        List<Entry> entries = statements(ctx.stmt(), Context.TOP);
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i) instanceof Entry.MainMenu m) {
                diagnostics.add(Diagnostic.error(m.range(), "mainmenu must be the first statement of the file"));
            }
        }
        return entries;
    }

    /** Where a list of statements stands: what parser.y's stmt_list and stmt_list_in_choice allow. */
    private enum Context {
        TOP, NESTED, CHOICE
    }

    private List<Entry> statements(List<StmtContext> stmts, Context context) {
        List<Entry> out = new ArrayList<>();
        for (StmtContext s : stmts) {
            Entry e = statement(s, context);
            if (e == null) {
                continue;
            }
            if (context == Context.CHOICE && !(e instanceof Entry.Config c && !c.menuconfig()
                    || e instanceof Entry.Comment || e instanceof Entry.If)) {
                diagnostics.add(Diagnostic.error(e.range(), "invalid statement in a choice: only config, comment"
                        + " and if are allowed between choice and endchoice"));
            } else if (context == Context.NESTED && e instanceof Entry.MainMenu) {
                diagnostics.add(Diagnostic.error(e.range(), "mainmenu must be the first statement of the file"));
            }
            out.add(e);
        }
        return out;
    }

    /** parser.y's "missing end statement for this entry", naming the end keyword that is missing. */
    private void checkEnd(TerminalNode end, String keyword, SourceRange header) {
        if (!present(end)) {
            diagnostics.add(Diagnostic.error(header, "missing end statement for this entry: no '" + keyword
                    + "' closes it"));
        }
    }

    private Entry statement(StmtContext s, Context context) {
        if (s.mainmenuStmt() != null && present(s.mainmenuStmt().QUOTED())) {
            return new Entry.MainMenu(text(s.mainmenuStmt().QUOTED()), header(s.mainmenuStmt()));
        }
        if (s.configStmt() != null) {
            ConfigStmtContext c = s.configStmt();
            return !present(c.WORD()) ? null
                    : new Entry.Config(false, text(c.WORD()), configOptions(c.configOption()), headerTo(c, c.WORD()));
        }
        if (s.menuconfigStmt() != null) {
            MenuconfigStmtContext c = s.menuconfigStmt();
            return !present(c.WORD()) ? null
                    : new Entry.Config(true, text(c.WORD()), configOptions(c.configOption()), headerTo(c, c.WORD()));
        }
        if (s.choiceStmt() != null) {
            return choice(s.choiceStmt());
        }
        if (s.commentStmt() != null && present(s.commentStmt().QUOTED())) {
            CommentStmtContext c = s.commentStmt();
            List<Property> props = new ArrayList<>();
            for (DependsOptionContext d : c.dependsOption()) {
                addIfPresent(props, depends(d));
            }
            return new Entry.Comment(text(c.QUOTED()), props, headerTo(c, c.QUOTED()));
        }
        if (s.menuStmt() != null && present(s.menuStmt().QUOTED())) {
            MenuStmtContext m = s.menuStmt();
            List<Property> props = new ArrayList<>();
            for (MenuOptionContext o : m.menuOption()) {
                if (o.dependsOption() != null) {
                    addIfPresent(props, depends(o.dependsOption()));
                } else if (present(o.VISIBLE())) {
                    props.add(new Property.Visible(ifExpr(o.ifExpr()), header(o)));
                }
            }
            SourceRange header = headerTo(m, m.QUOTED());
            checkEnd(m.ENDMENU(), "endmenu", header);
            return new Entry.Menu(text(m.QUOTED()), props, statements(m.stmt(), Context.NESTED), header);
        }
        if (s.ifStmt() != null) {
            IfStmtContext i = s.ifStmt();
            Expr cond = expr(i.expr());
            if (cond == null) {
                return null;
            }
            SourceRange header = header(i);
            checkEnd(i.ENDIF(), "endif", header);
            // An if inside a choice may hold only what the choice may.
            return new Entry.If(cond, statements(i.stmt(), context == Context.CHOICE ? Context.CHOICE : Context.NESTED),
                    header);
        }
        if (s.sourceStmt() != null && present(s.sourceStmt().QUOTED())) {
            SourceStmtContext src = s.sourceStmt();
            Entry.SourceKind kind = switch (src.kind.getType()) {
                case KconfigParser.RSOURCE -> Entry.SourceKind.RSOURCE;
                case KconfigParser.OSOURCE -> Entry.SourceKind.OSOURCE;
                case KconfigParser.ORSOURCE -> Entry.SourceKind.ORSOURCE;
                default -> Entry.SourceKind.SOURCE;
            };
            return new Entry.Source(kind, text(src.QUOTED()), header(src));
        }
        if (s.assignmentStmt() != null && present(s.assignmentStmt().WORD()) && s.assignmentStmt().op != null
                && !(s.assignmentStmt().op instanceof KToken k && k.conjured)
                && s.assignmentStmt().exception == null) {
            AssignmentStmtContext a = s.assignmentStmt();
            Entry.Flavor flavor = switch (a.op.getType()) {
                case KconfigParser.COLON_EQUAL -> Entry.Flavor.SIMPLE;
                case KconfigParser.PLUS_EQUAL -> Entry.Flavor.APPEND;
                default -> Entry.Flavor.RECURSIVE;
            };
            String value = !present(a.ASSIGN_VAL()) ? "" : a.ASSIGN_VAL().getText();
            return new Entry.Assignment(text(a.WORD()), flavor, value, header(a));
        }
        return null;
    }

    private Entry choice(ChoiceStmtContext c) {
        List<Property> props = new ArrayList<>();
        for (ChoiceOptionContext o : c.choiceOption()) {
            if (o.promptOption() != null) {
                addIfPresent(props, prompt(o.promptOption()));
            } else if (o.typeOption() != null) {
                Property.TypeDecl t = type(o.typeOption());
                if (t != null && !t.type().isLogic()) {
                    diagnostics.add(Diagnostic.error(t.range(), "a choice can only be bool or tristate, not "
                            + t.type().keyword()));
                }
                addIfPresent(props, t);
            } else if (present(o.OPTIONAL())) {
                props.add(new Property.Optional(header(o)));
            } else if (o.defaultOption() != null) {
                Property.Default d = defaultOption(o.defaultOption());
                // parser.y takes only "default SYMBOL [if EXPR]" in a choice.
                if (d != null && (d.kind() != Property.DefaultKind.DEFAULT
                        || !(d.value() instanceof Expr.Sym v) || v.quoted())) {
                    diagnostics.add(Diagnostic.error(d.range(), "a choice's default must be one of its symbols:"
                            + " default SYMBOL [if EXPR]"));
                } else {
                    addIfPresent(props, d);
                }
            } else if (o.dependsOption() != null) {
                addIfPresent(props, depends(o.dependsOption()));
            } else if (o.helpOption() != null) {
                addIfPresent(props, help(o.helpOption()));
            }
        }
        List<StmtContext> body = new ArrayList<>();
        for (ChoiceBodyContext b : c.choiceBody()) {
            if (b.stmt() != null) {
                body.add(b.stmt());
            }
        }
        Text name = present(c.WORD()) ? text(c.WORD()) : null;
        SourceRange range = present(c.WORD()) ? headerTo(c, c.WORD()) : header(c);
        checkEnd(c.ENDCHOICE(), "endchoice", range);
        return new Entry.Choice(name, props, statements(body, Context.CHOICE), range);
    }

    private List<Property> configOptions(List<ConfigOptionContext> options) {
        List<Property> props = new ArrayList<>();
        for (ConfigOptionContext o : options) {
            if (o.typeOption() != null) {
                addIfPresent(props, type(o.typeOption()));
            } else if (o.promptOption() != null) {
                addIfPresent(props, prompt(o.promptOption()));
            } else if (o.defaultOption() != null) {
                addIfPresent(props, defaultOption(o.defaultOption()));
            } else if (o.selectOption() != null) {
                SelectOptionContext s = o.selectOption();
                if (present(s.WORD())) {
                    props.add(new Property.Select(s.kind.getType() == KconfigParser.IMPLY, text(s.WORD()),
                            ifExpr(s.ifExpr()), header(s)));
                }
            } else if (o.rangeOption() != null) {
                RangeOptionContext r = o.rangeOption();
                Expr.Sym low = r.symbol().size() == 2 ? sym(r.symbol(0)) : null;
                Expr.Sym high = r.symbol().size() == 2 ? sym(r.symbol(1)) : null;
                if (low != null && high != null) {
                    props.add(new Property.Range(low, high, ifExpr(r.ifExpr()), header(r)));
                }
            } else if (present(o.MODULES())) {
                props.add(new Property.Modules(header(o)));
            } else if (present(o.TRANSITIONAL())) {
                props.add(new Property.Transitional(header(o)));
            } else if (o.optionOption() != null && present(o.optionOption().WORD())) {
                OptionOptionContext op = o.optionOption();
                props.add(new Property.Option(op.WORD().getText(), op.symbol() == null ? null : sym(op.symbol()),
                        header(op)));
            } else if (o.dependsOption() != null) {
                addIfPresent(props, depends(o.dependsOption()));
            } else if (o.helpOption() != null) {
                addIfPresent(props, help(o.helpOption()));
            }
        }
        return props;
    }

    private Property.TypeDecl type(TypeOptionContext t) {
        if (t.type == null) {
            return null;
        }
        SymbolType type = switch (t.type.getType()) {
            case KconfigParser.TRISTATE -> SymbolType.TRISTATE;
            case KconfigParser.INT -> SymbolType.INT;
            case KconfigParser.HEX -> SymbolType.HEX;
            case KconfigParser.STRING -> SymbolType.STRING;
            default -> SymbolType.BOOL;
        };
        Text prompt = !present(t.QUOTED()) ? null : text(t.QUOTED());
        return new Property.TypeDecl(type, prompt, ifExpr(t.ifExpr()), header(t));
    }

    private Property.Prompt prompt(PromptOptionContext p) {
        return !present(p.QUOTED()) ? null : new Property.Prompt(text(p.QUOTED()), ifExpr(p.ifExpr()), header(p));
    }

    private Property.Default defaultOption(DefaultOptionContext d) {
        Expr value = expr(d.expr());
        if (value == null || d.kind == null) {
            return null;
        }
        Property.DefaultKind kind = switch (d.kind.getType()) {
            case KconfigParser.DEF_BOOL -> Property.DefaultKind.DEF_BOOL;
            case KconfigParser.DEF_TRISTATE -> Property.DefaultKind.DEF_TRISTATE;
            default -> Property.DefaultKind.DEFAULT;
        };
        return new Property.Default(kind, value, ifExpr(d.ifExpr()), header(d));
    }

    private Property.DependsOn depends(DependsOptionContext d) {
        Expr e = expr(d.expr());
        return e == null ? null : new Property.DependsOn(e, header(d));
    }

    private Property.Help help(HelpOptionContext h) {
        if (!present(h.HELPTEXT())) {
            return null;
        }
        KToken t = (KToken) h.HELPTEXT().getSymbol();
        return new Property.Help(t.getText(), SourceRange.span(range(h.HELP()), t.range(file)));
    }

    private Expr ifExpr(IfExprContext i) {
        return i == null ? null : expr(i.expr());
    }

    private Expr expr(ExprContext e) {
        if (e == null || e.exception != null && e.getChildCount() == 0) {
            return null;
        }
        if (e instanceof NotExprContext n) {
            Expr operand = expr(n.expr());
            return operand == null ? null : new Expr.Not(operand, span(e));
        }
        if (e instanceof AndExprContext a) {
            Expr l = expr(a.expr(0));
            Expr r = a.expr().size() > 1 ? expr(a.expr(1)) : null;
            return l == null || r == null ? null : new Expr.And(l, r, span(e));
        }
        if (e instanceof OrExprContext o) {
            Expr l = expr(o.expr(0));
            Expr r = o.expr().size() > 1 ? expr(o.expr(1)) : null;
            return l == null || r == null ? null : new Expr.Or(l, r, span(e));
        }
        if (e instanceof ParenExprContext p) {
            return expr(p.expr());
        }
        if (e instanceof CompareExprContext c) {
            if (c.symbol().size() != 2 || c.op == null) {
                return null;
            }
            Expr.CompareOp op = switch (c.op.getType()) {
                case KconfigParser.UNEQUAL -> Expr.CompareOp.UNEQUAL;
                case KconfigParser.LESS -> Expr.CompareOp.LESS;
                case KconfigParser.LESS_EQUAL -> Expr.CompareOp.LESS_EQUAL;
                case KconfigParser.GREATER -> Expr.CompareOp.GREATER;
                case KconfigParser.GREATER_EQUAL -> Expr.CompareOp.GREATER_EQUAL;
                default -> Expr.CompareOp.EQUAL;
            };
            Expr.Sym l = sym(c.symbol(0));
            Expr.Sym r = sym(c.symbol(1));
            return l == null || r == null ? null : new Expr.Compare(op, l, r, span(e));
        }
        if (e instanceof SymbolExprContext s && s.symbol() != null) {
            return sym(s.symbol());
        }
        return null;
    }

    private Expr.Sym sym(SymbolContext s) {
        TerminalNode node = present(s.WORD()) ? s.WORD() : present(s.QUOTED()) ? s.QUOTED() : null;
        return node == null ? null : new Expr.Sym(text(node), node == s.QUOTED());
    }

    /** A token that is there: not absent, and not made up by error recovery. */
    private static boolean present(TerminalNode node) {
        return node != null && !(node.getSymbol() instanceof KToken k && k.conjured);
    }

    private Text text(TerminalNode node) {
        return ((KToken) node.getSymbol()).asText(file);
    }

    private SourceRange range(TerminalNode node) {
        return ((KToken) node.getSymbol()).range(file);
    }

    private static void addIfPresent(List<Property> props, Property p) {
        if (p != null) {
            props.add(p);
        }
    }

    /** The range of a statement's first line: its first token to the last token before EOL. */
    private SourceRange header(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token end = start;
        for (int i = 0; i < ctx.getChildCount(); i++) {
            if (ctx.getChild(i) instanceof TerminalNode t) {
                if (t.getSymbol().getType() == KconfigParser.EOL) {
                    break;
                }
                end = t.getSymbol();
            } else if (ctx.getChild(i) instanceof ParserRuleContext r && r.getStop() != null) {
                if (r.getStop().getType() == KconfigParser.EOL) {
                    break;
                }
                end = r.getStop();
            }
        }
        return SourceRange.span(((KToken) start).range(file), ((KToken) end).range(file));
    }

    private SourceRange headerTo(ParserRuleContext ctx, TerminalNode last) {
        return SourceRange.span(((KToken) ctx.getStart()).range(file), range(last));
    }

    private SourceRange span(ParserRuleContext ctx) {
        Token stop = ctx.getStop() == null ? ctx.getStart() : ctx.getStop();
        return SourceRange.span(((KToken) ctx.getStart()).range(file), ((KToken) stop).range(file));
    }
}
