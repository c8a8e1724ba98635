/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_COMPILER_H
#define __LINUX_COMPILER_H

#define __percpu
#define __kernel
#define __force

/* Hides the addition from the compiler, as the kernel does for per-cpu offsets. */
#define RELOC_HIDE(ptr, off)					\
({								\
	unsigned long __ptr;					\
	__ptr = (unsigned long) (ptr);				\
	(typeof(ptr)) (__ptr + (off));				\
})

#endif
