/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#define __init
#define __initdata
#define __meminitdata
#define __init_refok

#endif /* _LINUX_INIT_H */
