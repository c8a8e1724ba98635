#ifndef _LINUX_LINKAGE_H
#define _LINUX_LINKAGE_H

/* Objects in these sections must be a whole number of pages in size. */
#define __page_aligned_data	__attribute__((section(".data.page_aligned"))) __attribute__((aligned(PAGE_SIZE)))
#define __page_aligned_bss	__attribute__((section(".bss.page_aligned"))) __attribute__((aligned(PAGE_SIZE)))

#endif
