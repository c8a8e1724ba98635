/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>

extern long memblock_reserve(phys_addr_t base, phys_addr_t size);
extern void memblock_x86_reserve_range(u64 start, u64 end, char *name);

#endif /* _LINUX_MEMBLOCK_H */
