package dev.kls.kconfig.eval;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.KconfigSeverity;
import dev.kls.kconfig.ast.Property;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.semantics.KconfigRelease;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A drop-in for the kernel's scripts/kconfig/conf: the same options, the
 * same environment (srctree, KCONFIG_CONFIG, KCONFIG_ALLCONFIG,
 * KCONFIG_DEFCONFIG_LIST, KCONFIG_SEED, KCONFIG_PROBABILITY), the same
 * prompts and messages on stdout and stderr, and the same exit status. The
 * interactive modes (--oldaskconfig, --oldconfig) are a port of conf.c's
 * conf(), conf_sym(), conf_string(), conf_choice() and check_conf() of the
 * tree's release (6.1's or 6.11+'s choice handling). Not done: the
 * include/config/auto.conf files conf also writes. Recursive dependencies
 * are reported as conf_parse does (see {@link DependencyCycles}).
 */
public final class Conf {

    enum Mode {
        OLDASKCONFIG, SYNCCONFIG, OLDCONFIG, ALLNOCONFIG, ALLYESCONFIG, ALLMODCONFIG, ALLDEFCONFIG, RANDCONFIG,
        DEFCONFIG, SAVEDEFCONFIG, LISTNEWCONFIG, HELPNEWCONFIG, OLDDEFCONFIG, YES2MODCONFIG, MOD2YESCONFIG,
        MOD2NOCONFIG
    }

    private final Map<String, String> env;
    private final Path cwd;
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean tty;
    private Mode mode = Mode.OLDASKCONFIG;
    private boolean silent;
    private ConfEngine engine;
    private KMenu root;
    private KMenu rootEntry;
    private int indent = 1;
    private int confCnt;
    private String line = "";
    private boolean eof;

    private Conf(Map<String, String> env, Path cwd, InputStream stdin, PrintStream out, PrintStream err,
            boolean tty) {
        this.env = env;
        this.cwd = cwd;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
        this.tty = tty;
    }

    /**
     * Runs conf with {@code args} (options and the Kconfig file).
     *
     * @param allowShell run $(shell,...) as conf does; without it they stay unevaluated
     * @param release    the release whose rules apply; null for the tree's (its Makefile)
     * @return conf's exit status
     */
    public static int run(List<String> args, Map<String, String> env, Path cwd, InputStream stdin, PrintStream out,
            PrintStream err, boolean tty, boolean allowShell, KconfigRelease release) {
        Conf c = new Conf(env, cwd, stdin, out, err, tty);
        try {
            return c.main(args, allowShell, release);
        } catch (ConfExit e) {
            return e.status;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static final String USAGE = "Usage: conf [-s] [--MODE] Kconfig\n";

    private int main(List<String> args, boolean allowShell, KconfigRelease release) {
        String defconfigFile = null;
        String kconfig = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-s")) {
                silent = true;
            } else if (a.equals("-h") || a.equals("--help")) {
                err.print(USAGE);
                return 1;
            } else if (a.startsWith("--")) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                Mode m;
                try {
                    m = Mode.valueOf(name.toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    err.print("conf: unrecognized option '" + a + "'\n" + USAGE);
                    return 1;
                }
                mode = m;
                if (m == Mode.DEFCONFIG || m == Mode.SAVEDEFCONFIG) {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            err.print("conf: option '" + a + "' requires an argument\n" + USAGE);
                            return 1;
                        }
                        value = args.get(++i);
                    }
                    defconfigFile = value;
                }
                if (m == Mode.SYNCCONFIG) {
                    silent = true;
                }
            } else if (kconfig == null) {
                kconfig = a;
            }
        }
        if (kconfig == null) {
            err.print("conf: Kconfig file missing\n" + USAGE);
            return 1;
        }
        ConfigOptions options;
        try {
            options = ConfigOptions.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
        if (mode == Mode.RANDCONFIG) {
            out.println(ConfigOptions.seedLine(options.seed()));
        }
        Path srctree = env.containsKey("srctree") ? cwd.resolve(env.get("srctree")) : cwd;
        Kconfig k;
        try {
            k = Kconfig.loadFile(srctree, kconfig, allowShell, env, null);
        } catch (Kconfig.InputException e) {
            err.println(e.getMessage());
            return 1;
        }
        KconfigTree tree = release != null ? k.tree().withRelease(release) : k.tree();
        MenuBuilder built = MenuBuilder.build(tree);
        boolean errors = false;
        List<Diagnostic> parse = new ArrayList<>(tree.diagnostics());
        parse.addAll(built.diagnostics);
        for (Diagnostic d : parse) {
            errors |= d.severity() == KconfigSeverity.ERROR;
            printParse(d);
        }
        for (Diagnostic d : k.model().diagnostics()) {
            if (d.severity() == KconfigSeverity.WARNING) {
                err.println(d.range().file() + ":" + d.range().startLine() + ":warning: " + d.message());
            } else if (d.severity() == KconfigSeverity.ERROR) {
                errors = true;
                err.println(d.range().file() + ":" + d.range().startLine() + ": " + d.message());
            }
        }
        if (errors) {
            return 1;
        }
        // conf_parse's sym_check_deps pass: each cycle is an error, and conf exits 1 after printing them all.
        DependencyCycles cycles = DependencyCycles.of(built);
        if (!cycles.isEmpty()) {
            err.print(cycles.text());
            return 1;
        }
        engine = new ConfEngine(built, options);
        root = built.root;
        String configName = env.getOrDefault("KCONFIG_CONFIG", ".config");
        DotConfig input = null;
        switch (mode) {
            case DEFCONFIG: {
                Path p = find(defconfigFile, srctree);
                input = p == null ? null : readDot(p, defconfigFile, options);
                if (input == null) {
                    err.print("***\n*** Can't find default configuration \"" + defconfigFile + "\"!\n***\n");
                    return 1;
                }
                engine.read(input);
                break;
            }
            case ALLNOCONFIG:
            case ALLYESCONFIG:
            case ALLMODCONFIG:
            case ALLDEFCONFIG:
            case RANDCONFIG: {
                String name = env.get("KCONFIG_ALLCONFIG");
                if (name == null) {
                    break;
                }
                if (!name.isEmpty() && !name.equals("1")) {
                    Path p = find(name, srctree);
                    input = p == null ? null : readDot(p, name, options);
                    if (input == null) {
                        err.print("*** Can't read seed configuration \"" + name + "\"!\n");
                        return 1;
                    }
                } else {
                    String base = mode.name().toLowerCase(java.util.Locale.ROOT).replace("config", "")
                            .replace("rand", "allrandom") + ".config";
                    Path p = find(base, srctree);
                    String shown = base;
                    if (p == null) {
                        p = find("all.config", srctree);
                        shown = "all.config";
                    }
                    input = p == null ? null : readDot(p, shown, options);
                    if (input == null) {
                        err.print("*** KCONFIG_ALLCONFIG set, but no \"" + base + "\" or \"all.config\" file found\n");
                        return 1;
                    }
                }
                engine.readSimple(input);
                break;
            }
            default: {
                Path p = find(configName, srctree);
                if (p == null && env.containsKey("KCONFIG_DEFCONFIG_LIST")) {
                    for (String n : env.get("KCONFIG_DEFCONFIG_LIST").trim().split("\\s+")) {
                        if (!n.isEmpty() && (p = find(n, srctree)) != null) {
                            message("using defaults found in " + n);
                            configName = n;
                            break;
                        }
                    }
                }
                input = p == null ? null : readDot(p, configName, options);
                engine.read(input);
                configName = env.getOrDefault("KCONFIG_CONFIG", ".config");
                break;
            }
        }
        printEngineDiagnostics(input);
        switch (mode) {
            case ALLNOCONFIG -> engine.setAllNewSymbols(ConfEngine.NewSymbols.NO);
            case ALLYESCONFIG -> engine.setAllNewSymbols(ConfEngine.NewSymbols.YES);
            case ALLMODCONFIG -> engine.setAllNewSymbols(ConfEngine.NewSymbols.MOD);
            case ALLDEFCONFIG, DEFCONFIG -> engine.setAllNewSymbols(ConfEngine.NewSymbols.DEFAULT);
            case RANDCONFIG -> {
                while (engine.setAllNewSymbols(ConfEngine.NewSymbols.RANDOM)) {
                    // 6.1's conf repeats while a pass set something; 6.11+ runs it once.
                }
            }
            case YES2MODCONFIG -> rewriteTristates(Tristate.YES, Tristate.MOD);
            case MOD2YESCONFIG -> rewriteTristates(Tristate.MOD, Tristate.YES);
            case MOD2NOCONFIG -> rewriteTristates(Tristate.MOD, Tristate.NO);
            case OLDASKCONFIG, OLDCONFIG, SYNCCONFIG, HELPNEWCONFIG -> {
                if (mode == Mode.OLDASKCONFIG) {
                    rootEntry = root;
                    conf(root);
                    mode = Mode.OLDCONFIG;
                }
                do {
                    confCnt = 0;
                    checkConf(root);
                } while (confCnt > 0);
            }
            case LISTNEWCONFIG -> out.print(engine.listNewConfig());
            default -> {
            }
        }
        if (mode == Mode.LISTNEWCONFIG || mode == Mode.HELPNEWCONFIG) {
            return 0;
        }
        int status = write(defconfigFile, configName);
        for (Diagnostic d : engine.diagnostics()) {
            if (d.code() == Diagnostic.Code.UNMET_DIRECT_DEPENDENCIES) {
                err.print("\nWARNING: " + d.message() + "\n");
            }
        }
        return status;
    }

    private int write(String defconfigFile, String configName) {
        try {
            if (mode == Mode.SAVEDEFCONFIG) {
                writeAtomically(cwd.resolve(defconfigFile), engine.writeDefconfig(), false);
                return 0;
            }
            Path target = cwd.resolve(configName);
            String text = engine.write();
            if (Files.isRegularFile(target) && Files.readString(target, StandardCharsets.UTF_8).equals(text)) {
                message("No change to " + configName);
                return 0;
            }
            writeAtomically(target, text, true);
            message("configuration written to " + configName);
            return 0;
        } catch (IOException e) {
            err.print("\n*** Error during writing of the configuration.\n\n");
            return 1;
        }
    }

    /** zconf_fopen: the name as given (from the current folder), else under srctree. */
    private Path find(String name, Path srctree) {
        Path p = cwd.resolve(name);
        if (Files.isRegularFile(p)) {
            return p;
        }
        if (!Path.of(name).isAbsolute() && env.containsKey("srctree")) {
            p = srctree.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private DotConfig readDot(Path p, String shown, ConfigOptions options) {
        try {
            return DotConfig.parse(shown, Files.readString(p, StandardCharsets.ISO_8859_1), options.symbolPrefix());
        } catch (IOException e) {
            return null;
        }
    }

    /** The parser's and preprocessor's output as conf prints it: $(info) on stdout, the rest on stderr. */
    private void printParse(Diagnostic d) {
        if (d.severity() == KconfigSeverity.NOTE) {
            out.println(d.message());
        } else {
            err.println(d.range().file() + ":" + d.range().startLine() + ": " + d.message());
        }
    }

    /** conf_read's warnings ("file:line:warning: ...") and the unmet dependencies ("WARNING: ..."). */
    private void printEngineDiagnostics(DotConfig input) {
        List<Diagnostic> all = new ArrayList<>();
        if (input != null) {
            all.addAll(input.problems());
        }
        all.addAll(engine.diagnostics());
        boolean warnUnknown = env.containsKey("KCONFIG_WARN_UNKNOWN_SYMBOLS");
        for (Diagnostic d : all) {
            String msg = d.message();
            if (d.code() == Diagnostic.Code.UNMET_DIRECT_DEPENDENCIES) {
                continue; // printed when the symbols are computed, below
            }
            if (d.code() == Diagnostic.Code.UNKNOWN_SYMBOL ? !warnUnknown : d.code().confSilent()) {
                continue; // conf says nothing about these
            }
            err.println(d.range().file() + ":" + d.range().startLine() + ":warning: " + msg);
        }
    }

    private void rewriteTristates(Tristate from, Tristate to) {
        for (KSymbol s : engine.table().all()) {
            if (engine.getType(s) == KSymbol.Type.TRISTATE && s.defTri == from) {
                s.defTri = to;
            }
        }
        engine.clearAllValid();
    }

    private void message(String s) {
        if (!silent) {
            out.print("#\n# " + s + "\n#\n");
        }
    }

    private static void writeAtomically(Path target, String text, boolean keepOld) throws IOException {
        if (keepOld) {
            dev.kls.kconfig.AtomicFiles.writeKeepingOld(target, text);
        } else {
            dev.kls.kconfig.AtomicFiles.write(target, text);
        }
    }

    // ---- conf.c's interactive part ----

    /** xfgets: one line of at most 127 bytes; unchanged at the end of input. Echoed when not on a terminal. */
    private void xfgets() {
        StringBuilder sb = new StringBuilder();
        try {
            int c;
            while (sb.length() < 127 && (c = stdin.read()) >= 0) {
                sb.append((char) c);
                if (c == '\n') {
                    break;
                }
            }
        } catch (IOException e) {
            sb.setLength(0);
        }
        if (sb.length() == 0) {
            eof = true;
            err.print("\nError in reading or end of file.\n");
        } else {
            line = sb.toString();
        }
        if (!tty) {
            out.print(line);
        }
        out.flush();
    }

    private static String strip(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && Character.isWhitespace(s.charAt(b))) {
            b++;
        }
        while (e > b && Character.isWhitespace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }

    private static String promptOf(KMenu menu) {
        if (menu.prompt != null) {
            return menu.prompt.text;
        }
        return menu.sym != null ? menu.sym.name : null;
    }

    private String pad(int n) {
        return n <= 0 ? "" : " ".repeat(n);
    }

    /** printf("%*c", n, c). */
    private String padChar(int n, char c) {
        return pad(n - 1) + c;
    }

    private void printHelp(KMenu menu) {
        String help = null;
        if (menu.entry instanceof dev.kls.kconfig.ast.Entry.Config c) {
            for (Property p : c.properties()) {
                if (p instanceof Property.Help h) {
                    help = h.text();
                }
            }
        }
        String name = menu.sym != null && menu.sym.name != null ? "CONFIG_" + menu.sym.name + ":\n\n" : "";
        out.print("\n" + (help != null ? name + help : "There is no help available for this option.") + "\n\n");
    }

    private boolean askValue(KSymbol sym, String def) {
        if (!sym.hasValue()) {
            out.print("(NEW) ");
        }
        line = "\n";
        if (!engine.isChangeable(sym)) {
            out.print((def == null ? "" : def) + "\n");
            return false;
        }
        if ((mode == Mode.OLDCONFIG || mode == Mode.SYNCCONFIG) && sym.hasValue()) {
            out.print((def == null ? "" : def) + "\n");
            return false;
        }
        xfgets();
        return true;
    }

    private void confString(KMenu menu) {
        KSymbol sym = menu.sym;
        while (true) {
            out.print(pad(indent - 1) + menu.prompt.text + " ");
            out.print("(" + sym.name + ") ");
            String def = engine.stringValue(sym);
            out.print("[" + def + "] ");
            if (!askValue(sym, def)) {
                return;
            }
            if (line.startsWith("\n")) {
                // keep the default
            } else if (line.equals("?\n")) {
                printHelp(menu);
                def = null;
            } else {
                def = line.substring(0, line.length() - 1);
            }
            if (def != null && engine.setStringValue(sym, def)) {
                return;
            }
            if (eof) {
                // 6.12's conf stops here; 6.1's would ask forever.
                err.print("\nerror: no value for new symbol '" + sym.name + "' at end of input\n");
                throw new ConfExit(1);
            }
        }
    }

    private void confSym(KMenu menu) {
        KSymbol sym = menu.sym;
        while (true) {
            out.print(pad(indent - 1) + menu.prompt.text + " ");
            if (sym.name != null) {
                out.print("(" + sym.name + ") ");
            }
            out.print('[');
            Tristate oldval = sym.currTri;
            out.print(oldval == Tristate.NO ? 'N' : oldval == Tristate.MOD ? 'M' : 'Y');
            if (oldval != Tristate.NO && engine.tristateWithinRange(sym, Tristate.NO)) {
                out.print("/n");
            }
            if (oldval != Tristate.MOD && engine.tristateWithinRange(sym, Tristate.MOD)) {
                out.print("/m");
            }
            if (oldval != Tristate.YES && engine.tristateWithinRange(sym, Tristate.YES)) {
                out.print("/y");
            }
            out.print("/?] ");
            if (!askValue(sym, engine.stringValue(sym))) {
                return;
            }
            String l = strip(line);
            Tristate newval;
            if (l.isEmpty()) {
                newval = oldval;
            } else {
                char c = l.charAt(0);
                String rest = l.substring(1);
                if ((c == 'n' || c == 'N') && (rest.isEmpty() || rest.equals("o"))) {
                    newval = Tristate.NO;
                } else if ((c == 'm' || c == 'M') && rest.isEmpty()) {
                    newval = Tristate.MOD;
                } else if ((c == 'y' || c == 'Y') && (rest.isEmpty() || rest.equals("es"))) {
                    newval = Tristate.YES;
                } else if (c == '?') {
                    printHelp(menu);
                    continue;
                } else {
                    continue;
                }
            }
            if (engine.setTristateValue(sym, newval)) {
                return;
            }
            printHelp(menu);
        }
    }

    /** conf_choice; for 6.1 true means "go on into the choice's children" was handled (its return 1). */
    private void confChoice(KMenu menu) {
        KSymbol sym = menu.sym;
        boolean isNew;
        if (!engine.choiceRework()) {
            isNew = !sym.hasValue();
            if (engine.isChangeable(sym)) {
                confSym(menu);
                engine.calcValue(sym);
                if (sym.currTri != Tristate.YES) {
                    return;
                }
            } else if (sym.currTri == Tristate.NO) {
                return;
            } else if (sym.currTri == Tristate.MOD) {
                out.print(pad(indent - 1) + promptOf(menu) + "\n");
                return;
            }
        } else {
            isNew = false;
        }
        while (true) {
            out.print(pad(indent - 1) + promptOf(menu) + "\n");
            KSymbol defSym = engine.choiceRework() ? engine.calcChoice(menu)
                    : sym.currVal instanceof KSymbol ks ? ks : null;
            int cnt = 0;
            int def = 0;
            line = "";
            for (KMenu child = menu.list; child != null; child = child.next) {
                if (!engine.menuIsVisible(child)) {
                    continue;
                }
                if (child.sym == null) {
                    out.print(padChar(indent, '*') + " " + promptOf(child) + "\n");
                    continue;
                }
                cnt++;
                if (child.sym == defSym) {
                    def = cnt;
                    out.print(padChar(indent, '>'));
                } else {
                    out.print(padChar(indent, ' '));
                }
                out.print(" " + cnt + ". " + promptOf(child));
                if (engine.choiceRework() || child.sym.name != null) {
                    out.print(" (" + child.sym.name + ")");
                }
                if (!child.sym.hasValue()) {
                    if (engine.choiceRework()) {
                        isNew = true;
                    }
                    out.print(" (NEW)");
                }
                out.print("\n");
            }
            out.print(pad(indent - 1) + "choice");
            boolean ask = true;
            if (cnt == 1) {
                out.print("[1]: 1\n");
                ask = false;
            } else {
                out.print("[1-" + cnt + "?]: ");
            }
            if (ask) {
                if ((mode == Mode.OLDCONFIG || mode == Mode.SYNCCONFIG) && !isNew) {
                    cnt = def;
                    out.print(cnt + "\n");
                } else if (mode == Mode.OLDCONFIG || mode == Mode.SYNCCONFIG || mode == Mode.OLDASKCONFIG) {
                    xfgets();
                    line = strip(line);
                    if (line.startsWith("?")) {
                        printHelp(menu);
                        continue;
                    }
                    if (line.isEmpty()) {
                        cnt = def;
                    } else if (Character.isDigit(line.charAt(0))) {
                        cnt = atoi(line);
                    } else {
                        continue;
                    }
                }
            }
            KMenu child;
            for (child = menu.list; child != null; child = child.next) {
                if (child.sym == null || !engine.menuIsVisible(child)) {
                    continue;
                }
                if (--cnt == 0) {
                    break;
                }
            }
            if (child == null) {
                if (eof) {
                    throw new ConfExit(1); // no answer will ever come
                }
                continue;
            }
            if (!line.isEmpty() && line.endsWith("?")) {
                printHelp(child);
                continue;
            }
            if (engine.choiceRework()) {
                engine.choiceSetValue(menu, child.sym);
                return;
            }
            engine.setTristateValue(child.sym, Tristate.YES);
            for (KMenu c = child.list; c != null; c = c.next) {
                indent += 2;
                conf(c);
                indent -= 2;
            }
            return;
        }
    }

    private static int atoi(String s) {
        int i = 0;
        long v = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && v < Integer.MAX_VALUE) {
            v = v * 10 + (s.charAt(i++) - '0');
        }
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    private void conf(KMenu menu) {
        if (!engine.menuIsVisible(menu)) {
            return;
        }
        KSymbol sym = menu.sym;
        KProp prop = menu.prompt;
        if (prop != null && (prop.type == KProp.Type.MENU || prop.type == KProp.Type.COMMENT)) {
            if (prop.type == KProp.Type.MENU && mode != Mode.OLDASKCONFIG && rootEntry != menu) {
                checkConf(menu);
                return;
            }
            String prompt = promptOf(menu);
            if (prompt != null) {
                out.print(padChar(indent, '*') + "\n" + padChar(indent, '*') + " " + prompt + "\n"
                        + padChar(indent, '*') + "\n");
            }
        }
        if (sym != null) {
            if (sym.isChoice()) {
                confChoice(menu);
                if (engine.choiceRework() || sym.currTri != Tristate.MOD) {
                    return;
                }
            } else if (sym.type == KSymbol.Type.INT || sym.type == KSymbol.Type.HEX
                    || sym.type == KSymbol.Type.STRING) {
                confString(menu);
            } else {
                confSym(menu);
            }
            indent += 2;
        }
        for (KMenu child = menu.list; child != null; child = child.next) {
            conf(child);
        }
        if (sym != null) {
            indent -= 2;
        }
    }

    private void checkConf(KMenu menu) {
        if (!engine.menuIsVisible(menu)) {
            return;
        }
        KSymbol sym = menu.sym;
        boolean ask = sym != null && !sym.hasValue() && (engine.isChangeable(sym)
                || !engine.choiceRework() && sym.isChoice() && sym.currTri == Tristate.YES);
        if (ask) {
            if (confCnt++ == 0) {
                out.print("*\n* Restart config...\n*\n");
            }
            rootEntry = parentMenu(menu);
            conf(rootEntry);
        }
        for (KMenu child = menu.list; child != null; child = child.next) {
            checkConf(child);
        }
    }

    /** menu_get_parent_menu: the nearest enclosing menu (or the root). */
    private KMenu parentMenu(KMenu menu) {
        for (; menu != root; menu = menu.parent) {
            if (menu.prompt != null && menu.prompt.type == KProp.Type.MENU) {
                break;
            }
        }
        return menu;
    }

    /** conf's exit() from inside the prompts. */
    static final class ConfExit extends RuntimeException {
        final int status;

        ConfExit(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }
}
