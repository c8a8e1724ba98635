// SPDX-License-Identifier: GPL-2.0
/* Built only when XEN_DOM0=y; PVH is independent of it. */
#ifdef CONFIG_XEN_PVH
int dom0_pvh;
#endif
int dom0_ready;
