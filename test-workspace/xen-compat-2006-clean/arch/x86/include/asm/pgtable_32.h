/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _I386_PGTABLE_H
#define _I386_PGTABLE_H

/*
 * 32-bit Xen kept _PAGE_USER on kernel page tables all along (seed 002:
 * "32bit works ok"): nothing for the rule here.
 */
#define _PAGE_PRESENT	0x001
#define _PAGE_RW	0x002
#define _PAGE_USER	0x004
#define _PAGE_ACCESSED	0x020
#define _PAGE_DIRTY	0x040

#define _KERNPG_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_USER)
#define __PAGE_KERNEL	(_PAGE_PRESENT | _PAGE_RW | _PAGE_DIRTY | _PAGE_ACCESSED | _PAGE_USER)
#define __PAGE_KERNEL_EXEC	__PAGE_KERNEL
#define __PAGE_KERNEL_RO	(_PAGE_PRESENT | _PAGE_DIRTY | _PAGE_ACCESSED | _PAGE_USER)
#define __PAGE_KERNEL_LARGE	(__PAGE_KERNEL | 0x080)

#endif /* _I386_PGTABLE_H */
