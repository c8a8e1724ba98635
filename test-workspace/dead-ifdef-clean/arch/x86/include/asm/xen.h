/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_XEN_H
#define _ASM_X86_XEN_H
/* On or off, depending on the configuration. */
#ifdef CONFIG_XEN
#define XEN_GUEST 1
#else
#define XEN_GUEST 0
#endif
#endif
