/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_PFN_H_
#define _LINUX_PFN_H_

#define PFN_PHYS(x)	((phys_addr_t)(x) << PAGE_SHIFT)

#endif
