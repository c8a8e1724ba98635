#include <linux/linkage.h>
#include <asm/page.h>

static pte_t bm_pte[PAGE_SIZE/sizeof(pte_t)] __page_aligned_bss;

pte_t *early_ioremap_pte(void)
{
	return bm_pte;
}
