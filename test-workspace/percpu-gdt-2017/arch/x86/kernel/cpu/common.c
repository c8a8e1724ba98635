// SPDX-License-Identifier: GPL-2.0
#include <asm/desc.h>

extern void __set_fixmap(unsigned int idx, phys_addr_t phys, unsigned long flags);

#define FIX_GDT_REMAP_BEGIN 64
#define PAGE_KERNEL_RO 0x161UL

DEFINE_PER_CPU_PAGE_ALIGNED(struct gdt_page, gdt_page);

static inline unsigned int get_cpu_gdt_ro_index(int cpu)
{
	return FIX_GDT_REMAP_BEGIN + cpu;
}

/* Setup the fixmap mapping only once per-processor */
static inline void setup_fixmap_gdt(int cpu)
{
	__set_fixmap(get_cpu_gdt_ro_index(cpu),
		     __pa(get_cpu_gdt_rw(cpu)), PAGE_KERNEL_RO);
}

void switch_to_new_gdt(int cpu)
{
	setup_fixmap_gdt(cpu);
}
