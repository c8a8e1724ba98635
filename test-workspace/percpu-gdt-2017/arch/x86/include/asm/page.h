/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)

#ifdef CONFIG_X86_32
#define PAGE_OFFSET	0xC0000000UL
#else
#define PAGE_OFFSET	0xffff880000000000UL
#endif

typedef unsigned long long phys_addr_t;

/* Linear-map arithmetic: right for the direct mapping only. */
#define __phys_addr(x)	((x) - PAGE_OFFSET)
#define __pa(x)		__phys_addr((unsigned long)(x))

/* Walks the page tables: right for any mapped kernel address. */
extern phys_addr_t slow_virt_to_phys(void *virt_addr);
/* Knows where the per-cpu chunks are mapped. */
extern phys_addr_t per_cpu_ptr_to_phys(void *addr);

#endif
