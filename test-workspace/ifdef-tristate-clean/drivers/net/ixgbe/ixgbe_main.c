// SPDX-License-Identifier: GPL-2.0
/* ixgbe's own file: built only when IXGBE is y or m, so CONFIG_IXGBE here means "built in" */
#ifdef CONFIG_IXGBE
int ixgbe_builtin_boot_option;
#endif
