// SPDX-License-Identifier: GPL-2.0
/* After arch/x86/kernel/setup.c of Linux 6.1: always built in. */
extern int rd_image_start;
extern unsigned int ram_size;

#if defined(CONFIG_EDD) || defined(CONFIG_EDD_MODULE)
/* the manual idiom of before IS_ENABLED(): it has the module case, no finding */
int edd_boot_info;
#endif

void parse_boot_params(void)
{
	/* IS_REACHABLE says it: rd_image_start lives in do_mounts_rd.o, linked only for BLK_DEV_RAM=y */
#if IS_REACHABLE(CONFIG_BLK_DEV_RAM)
	rd_image_start = ram_size & 0x07FF;
#endif
}
