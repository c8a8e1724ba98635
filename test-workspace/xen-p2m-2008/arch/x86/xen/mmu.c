/*
 * Xen mmu operations (as of 2.6.26-rc4, with "xen: add p2m mfn_list_list").
 */
#include <linux/linkage.h>
#include <asm/page.h>
#include <asm/xen/page.h>

#define P2M_ENTRIES_PER_PAGE	(PAGE_SIZE / sizeof(unsigned long))
#define TOP_ENTRIES		(MAX_DOMAIN_PAGES / P2M_ENTRIES_PER_PAGE)

/* Placeholder for holes in the address space */
static unsigned long p2m_missing[P2M_ENTRIES_PER_PAGE]
	__attribute__((section(".data.page_aligned"))) =
		{ [ 0 ... P2M_ENTRIES_PER_PAGE-1 ] = ~0UL };

 /* Array of pointers to pages containing p2m entries */
static unsigned long *p2m_top[TOP_ENTRIES]
	__attribute__((section(".data.page_aligned"))) =
		{ [ 0 ... TOP_ENTRIES - 1] = &p2m_missing[0] };

/* Arrays of p2m arrays expressed in mfns used for save/restore */
static unsigned long p2m_top_mfn[TOP_ENTRIES]
	__attribute__((section(".bss.page_aligned")));

static unsigned long p2m_top_mfn_list[TOP_ENTRIES / P2M_ENTRIES_PER_PAGE]
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
