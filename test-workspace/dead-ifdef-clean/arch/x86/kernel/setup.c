// SPDX-License-Identifier: GPL-2.0
#include <asm/xen.h>
int xen_guest = XEN_GUEST + 0;
