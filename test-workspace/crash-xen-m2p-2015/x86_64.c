#include "defs.h"

static int x86_64_kvtop(struct task_context *, ulong, physaddr_t *, int);
static int x86_64_uvtop(struct task_context *, ulong, physaddr_t *, int);
static int x86_64_kvtop_xen_wpt(struct task_context *, ulong, physaddr_t *, int);

#define __START_KERNEL_map 0xffffffff80000000UL
#define MODULES_END        0xffffffffa0000000UL

void
x86_64_init(void)
{
	machdep->pagesize = 4096;
	machdep->kvtop = x86_64_kvtop;
	machdep->uvtop = x86_64_uvtop;
}

static int
x86_64_kvtop(struct task_context *tc, ulong kvaddr, physaddr_t *paddr, int verbose)
{
	if (kvaddr >= __START_KERNEL_map && kvaddr < MODULES_END) {
		*paddr = kvaddr - __START_KERNEL_map;
		return TRUE;
	}
#ifdef XEN
	return x86_64_kvtop_xen_wpt(tc, kvaddr, paddr, verbose);
#else
	return FALSE;
#endif
}

/* Walks the page tables; their entries hold machine addresses. */
static int
x86_64_kvtop_xen_wpt(struct task_context *tc, ulong kvaddr, physaddr_t *paddr, int verbose)
{
	ulong pml4_pte;
	physaddr_t pgd_paddr;

	pml4_pte = kvaddr >> 39;
	pgd_paddr = xen_m2p(pml4_pte);
	*paddr = pgd_paddr;
	return TRUE;
}

static int
x86_64_uvtop(struct task_context *tc, ulong vaddr, physaddr_t *paddr, int verbose)
{
	return FALSE;
}
