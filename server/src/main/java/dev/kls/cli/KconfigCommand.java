package dev.kls.cli;

import picocli.CommandLine.Command;

/** {@code kls kconfig ...}: jobs on the Kconfig tree alone. */
@Command(name = "kconfig", mixinStandardHelpOptions = true, description = "Work on the Kconfig files of a tree.",
        subcommands = {KconfigCheckCommand.class})
final class KconfigCommand {
}
