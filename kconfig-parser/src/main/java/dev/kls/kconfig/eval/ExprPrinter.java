package dev.kls.kconfig.eval;

import dev.kls.kconfig.eval.KExpr.Type;

/** expr.c's expr_print with the gstr helper: symbols followed by their values, e.g. {@code A [=y] && B [=n]}. */
final class ExprPrinter {

    private ExprPrinter() {
    }

    static void print(KExpr e, ConfEngine engine, StringBuilder out) {
        print(e, engine, out, Type.NONE);
    }

    /** expr_compare_type(t1, t2) > 0: t2 binds looser than t1, so needs parentheses. */
    private static boolean needsParens(Type outer, Type inner) {
        if (outer == inner) {
            return false;
        }
        switch (outer) {
            case LEQ:
            case LTH:
            case GEQ:
            case GTH:
                if (inner == Type.EQUAL || inner == Type.UNEQUAL) {
                    return true;
                }
                // fall through
            case EQUAL:
            case UNEQUAL:
                if (inner == Type.NOT) {
                    return true;
                }
                // fall through
            case NOT:
                if (inner == Type.AND) {
                    return true;
                }
                // fall through
            case AND:
                if (inner == Type.OR) {
                    return true;
                }
                // fall through
            case OR:
                if (inner == Type.LIST) {
                    return true;
                }
                // fall through
            case LIST:
                return inner == Type.NONE;
            default:
                return false;
        }
    }

    private static void sym(KSymbol s, ConfEngine engine, StringBuilder out) {
        out.append(s.name == null ? "<choice>" : s.name);
        if (s.name != null && s.type != KSymbol.Type.UNKNOWN) {
            out.append(" [=").append(engine.stringValue(s)).append(']');
        }
    }

    private static void print(KExpr e, ConfEngine engine, StringBuilder out, Type prev) {
        if (e == null) {
            out.append('y');
            return;
        }
        boolean parens = needsParens(prev, e.type);
        if (parens) {
            out.append('(');
        }
        switch (e.type) {
            case SYMBOL:
                sym(e.lsym, engine, out);
                break;
            case NOT:
                out.append('!');
                print(e.left, engine, out, Type.NOT);
                break;
            case EQUAL:
            case UNEQUAL:
            case LEQ:
            case LTH:
            case GEQ:
            case GTH:
                sym(e.lsym, engine, out);
                out.append(op(e.type));
                sym(e.rsym, engine, out);
                break;
            case OR:
                print(e.left, engine, out, Type.OR);
                out.append(" || ");
                print(e.right, engine, out, Type.OR);
                break;
            case AND:
                print(e.left, engine, out, Type.AND);
                out.append(" && ");
                print(e.right, engine, out, Type.AND);
                break;
            default:
                out.append("<unknown type ").append(e.type).append('>');
                break;
        }
        if (parens) {
            out.append(')');
        }
    }

    private static String op(Type t) {
        switch (t) {
            case EQUAL:
                return "=";
            case UNEQUAL:
                return "!=";
            case LEQ:
                return "<=";
            case LTH:
                return "<";
            case GEQ:
                return ">=";
            default:
                return ">";
        }
    }
}
