// SPDX-License-Identifier: GPL-2.0
/*
 * Users of the page protections (arch/x86_64/mm/init-xen.c of 2006, cut
 * down): they read the values at run time, so a runtime term compiles.
 */
#include <asm/pgtable.h>

typedef struct { unsigned long pmd; } pmd_t;
typedef struct { unsigned long pte; } pte_t;

void set_kernel_pmd(pmd_t *pmd, unsigned long pa)
{
	pmd->pmd = pa | _KERNPG_TABLE;
}

void set_kernel_pte(pte_t *pte, unsigned long pa, int exec, int ro)
{
	unsigned long prot = exec ? __PAGE_KERNEL_EXEC : ro ? __PAGE_KERNEL_RO : __PAGE_KERNEL;

	pte->pte = pa | prot;
}

unsigned long kernel_large_prot(int exec)
{
	pgprot_t p = exec ? PAGE_KERNEL_EXEC : PAGE_KERNEL_LARGE;

	return pgprot_val(p) | (exec ? __PAGE_KERNEL_LARGE_EXEC : _PAGE_TABLE);
}
