// SPDX-License-Identifier: GPL-2.0
#include <asm/page.h>
#include <linux/percpu-defs.h>

struct vmcs {
	unsigned int revision_id;
	unsigned int abort;
	char data[0];
};

extern unsigned long long vmxon(unsigned long long addr);

/*
 * A per-cpu POINTER: the slot is per-cpu, the page it points to is not.
 * __pa() of the value read out of the slot is right.
 */
static DEFINE_PER_CPU(struct vmcs *, vmxarea);

static int hardware_enable(int cpu)
{
	unsigned long long phys_addr = __pa(per_cpu(vmxarea, cpu));

	return vmxon(phys_addr) != 0;
}
