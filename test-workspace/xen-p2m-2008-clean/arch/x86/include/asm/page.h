#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE-1))

/* to align the pointer to the (next) page boundary */
#define PAGE_ALIGN(addr)	(((addr)+PAGE_SIZE-1)&PAGE_MASK)

#ifdef CONFIG_X86_64
#define THREAD_ORDER	1
#else
#define THREAD_ORDER	1
#endif
#define THREAD_SIZE	(PAGE_SIZE << THREAD_ORDER)

#ifdef CONFIG_X86_PAE
typedef unsigned long long pteval_t;
#else
typedef unsigned long pteval_t;
#endif
typedef struct { pteval_t pte; } pte_t;

#endif
