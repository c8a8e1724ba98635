/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

typedef unsigned long long u64;
typedef u64 phys_addr_t;

#endif /* _LINUX_TYPES_H */
