// SPDX-License-Identifier: GPL-2.0
/* Built only when XEN_DOM0=y, which needs XEN. */
#ifndef CONFIG_XEN
#error "dom0 support needs Xen"
#endif
int dom0_ready;
