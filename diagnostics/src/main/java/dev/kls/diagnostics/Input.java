package dev.kls.diagnostics;

/** What a rule reads; the engine skips a rule whose inputs the workspace does not have. */
public enum Input {
    /** The Kconfig tree, its menu model and the front end's diagnostics: always there. */
    KCONFIG,
    /** One evaluated configuration (a .config after olddefconfig). */
    CONFIGURATION,
    /** The C sources and headers of the tree. */
    C_FILES,
    /**
     * Configuration files: the configuration's own file (when there is one) and the
     * .config/defconfig files the scope names; needs no configuration to run.
     */
    CONFIG_FILES
}
