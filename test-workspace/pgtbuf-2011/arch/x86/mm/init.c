// SPDX-License-Identifier: GPL-2.0
/*
 * arch/x86/mm/init.c of 2.6.39-rc7, cut down to the early page-table
 * buffer: find_early_table_space() sets pgt_buf_start..pgt_buf_top,
 * kernel_physical_mapping_init() fills it up to pgt_buf_end, and only
 * pgt_buf_start..pgt_buf_end is reserved.
 */
#include <linux/init.h>
#include <linux/types.h>
#include <linux/pfn.h>
#include <linux/memblock.h>
#include <asm/page.h>
#include <asm/x86_init.h>

unsigned long __initdata pgt_buf_start;
unsigned long __meminitdata pgt_buf_end;
unsigned long __meminitdata pgt_buf_top;

int after_bootmem;

extern unsigned long kernel_physical_mapping_init(unsigned long start, unsigned long end,
						  unsigned long page_size_mask);
extern void find_early_table_space(unsigned long end, int use_pse, int use_gbpages);
extern void early_memtest(unsigned long start, unsigned long end);
extern void __flush_tlb_all(void);

extern char _brk_start[], _brk_end[];
#define __pa(x)	((unsigned long)(x) - 0xffff880000000000UL)

unsigned long __init_refok init_memory_mapping(unsigned long start,
					       unsigned long end)
{
	unsigned long ret = 0;

	if (!after_bootmem)
		find_early_table_space(end, 1, 1);

	ret = kernel_physical_mapping_init(start, end, 0);

	__flush_tlb_all();

	if (!after_bootmem && pgt_buf_end > pgt_buf_start)
		memblock_x86_reserve_range(pgt_buf_start << PAGE_SHIFT,
				 pgt_buf_end << PAGE_SHIFT, "PGTABLE");

	if (!after_bootmem)
		early_memtest(start, end);

	return ret >> PAGE_SHIFT;
}

/* The same narrow reservation through memblock_reserve(base, size). */
void __init reserve_early_pgtables(void)
{
	memblock_reserve(PFN_PHYS(pgt_buf_start), PFN_PHYS(pgt_buf_end) - PFN_PHYS(pgt_buf_start));
}

/* Other ranges are none of the rule's business. */
void __init reserve_brk(void)
{
	memblock_x86_reserve_range(__pa(_brk_start), __pa(_brk_end), "BRK");
}
