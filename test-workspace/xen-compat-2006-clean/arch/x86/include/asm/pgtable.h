/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H

#ifdef CONFIG_X86_64
#include <asm/pgtable_64.h>
#else
#include <asm/pgtable_32.h>
#endif

#endif
