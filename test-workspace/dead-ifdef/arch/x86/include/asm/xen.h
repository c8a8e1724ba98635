/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_XEN_H
#define _ASM_X86_XEN_H
/* 64BIT is def_bool y on this arch: the #else is never compiled. */
#ifdef CONFIG_64BIT
#define XEN_PAGE_SHIFT 12
#else
#define XEN_PAGE_SHIFT 12
#endif
#endif
