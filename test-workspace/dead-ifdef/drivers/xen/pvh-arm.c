// SPDX-License-Identifier: GPL-2.0
/* Never built on x86 (the Makefile line is the finding), so nothing in it is reported. */
#ifdef CONFIG_XEN_DOM0
int pvh_arm_dom0;
#endif
