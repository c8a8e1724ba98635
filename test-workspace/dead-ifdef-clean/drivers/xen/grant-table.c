// SPDX-License-Identifier: GPL-2.0
/* Built when XEN=y; DOM0 and PVH are each on in some configurations and off in others. */
#ifdef CONFIG_XEN_DOM0
int gnttab_dom0;
#elif defined(CONFIG_XEN_PVH)
int gnttab_pvh;
#endif

/* The balloon driver may be built in or a module. */
#if IS_ENABLED(CONFIG_XEN_BALLOON)
int gnttab_balloon;
#endif

/* A macro this file defines itself is not Kconfig's. */
#define CONFIG_GNTTAB_LOCAL 1
#ifdef CONFIG_GNTTAB_LOCAL
int gnttab_local;
#endif
