#include "defs.h"

static ulonglong __xen_m2p(ulonglong machine, ulong mfn);
static ulong __xen_pvops_m2p_vma(ulonglong machine, ulong mfn);

ulong xen_p2m_addr;
static ulong m2p_page[512];

ulonglong
xen_m2p(ulonglong machine)
{
	ulong mfn = machine >> 12;

	return __xen_m2p(machine, mfn);
}

static ulonglong
__xen_m2p(ulonglong machine, ulong mfn)
{
	return __xen_pvops_m2p_vma(machine, mfn);
}

/* Reads the linear virtual mapped sparse p2m list: a kernel virtual address. */
static ulong
__xen_pvops_m2p_vma(ulonglong machine, ulong mfn)
{
	if (!readmem(xen_p2m_addr, KVADDR, m2p_page, PAGESIZE(), "xen_p2m_addr page", RETURN_ON_ERROR))
		return 0;
	return m2p_page[mfn & 511];
}

void
module_init(void)
{
	char buf[768];

	readmem(0xffffffffa003a040UL, KVADDR, buf, sizeof(buf), "module struct", RETURN_ON_ERROR);
}
