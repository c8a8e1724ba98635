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
    ALLMODCONFIG("allmodconfig"),
    /**
     * Random answers, drawn as conf draws them (glibc's rand() seeded with
     * KCONFIG_SEED, KCONFIG_PROBABILITY's chances), then settled so that
     * olddefconfig leaves the result unchanged.
     */
    RANDCONFIG("randconfig"),
    /** Reads a .config and gives the minimal defconfig that expands to it (the result's text). */
    SAVEDEFCONFIG("savedefconfig"),
    /** Reads a .config and lists the symbols that have no value in it yet (the result's text). */
    LISTNEWCONFIG("listnewconfig");

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

    /** The targets conf seeds from KCONFIG_ALLCONFIG: the all*config ones and randconfig. */
    public boolean takesAllConfig() {
        return isAll() || this == RANDCONFIG;
    }

    /**
     * The file conf looks for when KCONFIG_ALLCONFIG is "1" or empty (before
     * all.config), e.g. allno.config; null for targets that take no seed.
     */
    public String allConfigFile() {
        switch (this) {
            case ALLNOCONFIG:
                return "allno.config";
            case ALLYESCONFIG:
                return "allyes.config";
            case ALLMODCONFIG:
                return "allmod.config";
            case ALLDEFCONFIG:
                return "alldef.config";
            case RANDCONFIG:
                return "allrandom.config";
            default:
                return null;
        }
    }

    /** The targets that read the current .config (conf_read of KCONFIG_CONFIG). */
    public boolean readsDotConfig() {
        return this == OLDDEFCONFIG || this == SAVEDEFCONFIG || this == LISTNEWCONFIG;
    }
}
