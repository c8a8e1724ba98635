// SPDX-License-Identifier: GPL-2.0
/* Built in or as a module: a module build does not define CONFIG_XEN_BALLOON. */
#ifdef CONFIG_XEN_BALLOON_MODULE
int balloon_module;
#endif
