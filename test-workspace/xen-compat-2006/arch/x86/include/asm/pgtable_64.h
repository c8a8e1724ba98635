/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _X86_64_PGTABLE_H
#define _X86_64_PGTABLE_H

/*
 * include/asm-x86_64/mach-xen/asm/pgtable.h as it was before changeset
 * 12404 (November 2006): kernel page protections are compile-time constants
 * without _PAGE_USER (changeset 11226 stopped setting it), which Xen 3.0.2
 * cannot run.
 */
#define _PAGE_BIT_PRESENT	0
#define _PAGE_BIT_NX           63       /* No execute: only valid after cpuid check */

#define _PAGE_PRESENT	0x001
#define _PAGE_RW	0x002
#define _PAGE_USER	0x004
#define _PAGE_PWT	0x008
#define _PAGE_PCD	0x010
#define _PAGE_ACCESSED	0x020
#define _PAGE_DIRTY	0x040
#define _PAGE_PSE	0x080	/* 2MB page */
#define _PAGE_GLOBAL	0x100	/* Global TLB entry */
#define _PAGE_PROTNONE	0x080	/* If not present */
#define _PAGE_NX        (1UL<<_PAGE_BIT_NX)

#ifndef __ASSEMBLY__
typedef struct { unsigned long pgprot; } pgprot_t;
#define __pgprot(x)	((pgprot_t) { (x) } )
#define pgprot_val(x)	((x).pgprot)
#endif

/* User page tables carry _PAGE_USER already. */
#define _PAGE_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _KERNPG_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

#define PAGE_NONE	__pgprot(_PAGE_PROTNONE | _PAGE_ACCESSED)

#define __PAGE_KERNEL \
	(_PAGE_PRESENT | _PAGE_RW | _PAGE_DIRTY | _PAGE_ACCESSED | _PAGE_NX)
#define __PAGE_KERNEL_EXEC \
	(_PAGE_PRESENT | _PAGE_RW | _PAGE_DIRTY | _PAGE_ACCESSED)
#define __PAGE_KERNEL_RO \
	(_PAGE_PRESENT | _PAGE_DIRTY | _PAGE_ACCESSED | _PAGE_NX)
#define __PAGE_KERNEL_VSYSCALL \
	(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
/* These derive from __PAGE_KERNEL{,_EXEC}: fixing those fixes them. */
#define __PAGE_KERNEL_LARGE \
	(__PAGE_KERNEL | _PAGE_PSE)
#define __PAGE_KERNEL_LARGE_EXEC \
	(__PAGE_KERNEL_EXEC | _PAGE_PSE)

#define MAKE_GLOBAL(x) __pgprot((x) | _PAGE_GLOBAL)

#define PAGE_KERNEL MAKE_GLOBAL(__PAGE_KERNEL)
#define PAGE_KERNEL_EXEC MAKE_GLOBAL(__PAGE_KERNEL_EXEC)
#define PAGE_KERNEL_RO MAKE_GLOBAL(__PAGE_KERNEL_RO)
#define PAGE_KERNEL_LARGE MAKE_GLOBAL(__PAGE_KERNEL_LARGE)

/* Built only without the compat option: a constant is right there. */
#ifndef CONFIG_XEN_COMPAT_030002
#define KERNPG_NATIVE_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#endif
#if !IS_ENABLED(CONFIG_XEN_COMPAT_030002)
#define KERNPG_NATIVE_RO	(_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_DIRTY)
#endif

#endif /* _X86_64_PGTABLE_H */
