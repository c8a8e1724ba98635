package dev.kls.kconfig.eval;

/** What to compute, named after the make targets that run conf the same way. */
public enum ConfigTarget {
    /** Takes a .config, keeps its values where they are still valid, defaults the rest. */
    OLDDEFCONFIG("olddefconfig"),
    /** Expands a defconfig: its values, defaults for the rest, choices settled as conf --defconfig does. */
    DEFCONFIG("defconfig"),
    /** Every new symbol at its default. */
    ALLDEFCONFIG("alldefconfig"),
    /** Every new bool/tristate answered n. */
    ALLNOCONFIG("allnoconfig"),
    /** Every new bool/tristate answered y. */
    ALLYESCONFIG("allyesconfig"),
    /** Every new bool/tristate answered m (y where only y is possible). */
    ALLMODCONFIG("allmodconfig");

    private final String command;

    ConfigTarget(String command) {
        this.command = command;
    }

    public String command() {
        return command;
    }

    public static ConfigTarget ofCommand(String command) {
        for (ConfigTarget t : values()) {
            if (t.command.equals(command)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown target '" + command + "'");
    }

    /** The all*config targets: an input .config only seeds them (KCONFIG_ALLCONFIG). */
    public boolean isAll() {
        return this == ALLDEFCONFIG || this == ALLNOCONFIG || this == ALLYESCONFIG || this == ALLMODCONFIG;
    }
}
