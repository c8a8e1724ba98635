/*
 * Xen mmu operations (as of 2.6.26-rc4, with "xen: add p2m mfn_list_list"),
 * fixed: p2m_top_mfn_list is rounded up to whole pages as in Ingo Molnar's
 * fix from the thread that bisected the boot hang, and the other p2m arrays
 * use the page-aligned macros, which carry __aligned(PAGE_SIZE).
 */
#include <linux/linkage.h>
#include <asm/page.h>
#include <asm/xen/page.h>

#define P2M_ENTRIES_PER_PAGE	(PAGE_SIZE / sizeof(unsigned long))
#define TOP_ENTRIES		(MAX_DOMAIN_PAGES / P2M_ENTRIES_PER_PAGE)

/* Placeholder for holes in the address space */
static unsigned long p2m_missing[P2M_ENTRIES_PER_PAGE] __page_aligned_data =
		{ [ 0 ... P2M_ENTRIES_PER_PAGE-1 ] = ~0UL };

 /* Array of pointers to pages containing p2m entries */
static unsigned long *p2m_top[TOP_ENTRIES] __page_aligned_data =
		{ [ 0 ... TOP_ENTRIES - 1] = &p2m_missing[0] };

/* Arrays of p2m arrays expressed in mfns used for save/restore */
static unsigned long p2m_top_mfn[TOP_ENTRIES] __page_aligned_bss;

static unsigned long p2m_top_mfn_list[
	PAGE_ALIGN(TOP_ENTRIES / P2M_ENTRIES_PER_PAGE)]
	__attribute__((section(".bss.page_aligned")));

/* Save/restore hands these to the Xen tools; that keeps them in the image. */
unsigned long *xen_p2m_table(int which)
{
	switch (which) {
	case 0:
		return p2m_top_mfn;
	case 1:
		return p2m_top_mfn_list;
	default:
		return p2m_top[0];
	}
}
