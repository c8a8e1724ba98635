/* A cut-down crash utility (2015): the parts the Xen m2p recursion ran through. */
#ifndef DEFS_H
#define DEFS_H

typedef unsigned long ulong;
typedef unsigned int uint;
typedef unsigned long long ulonglong;
typedef unsigned long long physaddr_t;

#define TRUE  1
#define FALSE 0

/* memory types readmem() is told to read */
#define UVADDR      (0x1)
#define KVADDR      (0x2)
#define PHYSADDR    (0x4)
#define XENMACHADDR (0x8)

#define RETURN_ON_ERROR (0x2)
#define PAGESIZE() (machdep->pagesize)

struct task_context;

struct machdep_table {
	ulong flags;
	uint pagesize;
	int (*kvtop)(struct task_context *, ulong, physaddr_t *, int);
	int (*uvtop)(struct task_context *, ulong, physaddr_t *, int);
	void (*cmd_mach)(void);
};

extern struct machdep_table *machdep;

int readmem(ulonglong addr, int memtype, void *buffer, long size, char *type, ulong error_handle);
int kvtop(struct task_context *tc, ulong kvaddr, physaddr_t *paddr, int verbose);
int uvtop(struct task_context *tc, ulong vaddr, physaddr_t *paddr, int verbose);
ulonglong xen_m2p(ulonglong machine);
int read_physical(physaddr_t paddr, void *buffer, long size);

#endif
