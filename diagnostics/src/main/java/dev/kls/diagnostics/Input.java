package dev.kls.diagnostics;

/** What a rule reads; the engine skips a rule whose inputs the workspace does not have. */
public enum Input {
    /** The Kconfig tree, its menu model and the front end's diagnostics: always there. */
    KCONFIG,
    /** One evaluated configuration (a .config after olddefconfig). */
    CONFIGURATION,
    /** The C sources and headers of the tree. */
    C_FILES
}
