#include "defs.h"

/*
 * Reads memory of one of the memtypes; virtual addresses are translated
 * first, which for a kernel virtual address calls kvtop().
 */
int
readmem(ulonglong addr, int memtype, void *buffer, long size, char *type, ulong error_handle)
{
	physaddr_t paddr;

	while (size > 0) {
		switch (memtype)
		{
		case UVADDR:
			if (!uvtop(0, addr, &paddr, 0))
				return FALSE;
			break;

		case KVADDR:
			if (!kvtop(0, addr, &paddr, 0))
				return FALSE;
			break;

		case PHYSADDR:
		case XENMACHADDR:
			paddr = addr;
			break;
		}
		if (!read_physical(paddr, buffer, size))
			return FALSE;
		size -= PAGESIZE();
	}
	return TRUE;
}

int
read_physical(physaddr_t paddr, void *buffer, long size)
{
	return size > 0;
}

/* The architecture's translation, through the machine-dependent table. */
int
kvtop(struct task_context *tc, ulong kvaddr, physaddr_t *paddr, int verbose)
{
	return (machdep->kvtop(tc, kvaddr, paddr, verbose));
}

int
uvtop(struct task_context *tc, ulong vaddr, physaddr_t *paddr, int verbose)
{
	return (machdep->uvtop(tc, vaddr, paddr, verbose));
}
