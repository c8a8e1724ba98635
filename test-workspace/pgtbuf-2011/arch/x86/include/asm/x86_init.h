/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_PLATFORM_H
#define _ASM_X86_PLATFORM_H

#include <linux/types.h>

/*
 * The hook of Stefano Stabellini's patch (merged for 2.6.39): native code
 * reserves [start, end), Xen also makes [end, pgt_buf_top) writable again.
 * It is here so that the fix kls offers compiles; init.c does not use it yet.
 */
struct x86_init_mapping {
	void (*pagetable_reserve)(u64 start, u64 end);
};

struct x86_init_ops {
	struct x86_init_mapping	mapping;
};

extern struct x86_init_ops x86_init;
extern void native_pagetable_reserve(u64 start, u64 end);

#endif
