#ifndef __XEN_PAGE_H
#define __XEN_PAGE_H

#include <asm/page.h>

typedef unsigned long long u64;

/* The p2m array has one page of entries per gigabyte of domain memory. */
#define MAX_DOMAIN_PAGES						\
	((unsigned long)((u64)CONFIG_XEN_MAX_DOMAIN_MEMORY * 1024 * 1024 * 1024 / PAGE_SIZE))

#endif
