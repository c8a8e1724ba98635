#include <linux/linkage.h>
#include <asm/page.h>

/* The page-aligned objects that followed p2m_top_mfn_list in the 2008 link. */
static char softirq_stack[THREAD_SIZE] __page_aligned_bss;
static char hardirq_stack[THREAD_SIZE] __page_aligned_bss;

char *irq_stacks(int soft)
{
	return soft ? softirq_stack : hardirq_stack;
}
