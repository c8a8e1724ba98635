// SPDX-License-Identifier: GPL-2.0
/* Built only when XEN=y (drivers/Makefile): testing XEN here again is always true. */
#ifdef CONFIG_XEN
int gnttab_ready;
#endif

/* XEN_DOM0 depends on XEN: never both on and off. */
#if defined(CONFIG_XEN_DOM0) && !defined(CONFIG_XEN)
int gnttab_dom0_without_xen;
#endif

/* PVH on ARM depends on ARM64, which x86 does not define. */
#ifdef CONFIG_XEN_PVH_ARM
int gnttab_pvh_arm;
#endif
