// SPDX-License-Identifier: GPL-2.0
/* After drivers/net/ethernet/intel/ixgbe/ixgbe_sriov.c of Linux 6.1. */
#define ETH_HLEN 14
#define IXGBE_FCOE_JUMBO_FRAME_SIZE 3072
#define NETIF_F_FCOE_MTU (1 << 26)

static int ixgbe_set_vf_lpe(unsigned long features, int mtu)
{
	int pf_max_frame = mtu + ETH_HLEN;

	/* built-in or module: the FCoE jumbo frame counts either way */
#if IS_ENABLED(CONFIG_FCOE)
	if (features & NETIF_F_FCOE_MTU)
		pf_max_frame = pf_max_frame > IXGBE_FCOE_JUMBO_FRAME_SIZE ? pf_max_frame
			: IXGBE_FCOE_JUMBO_FRAME_SIZE;

#endif /* CONFIG_FCOE */
	return pf_max_frame;
}

static int ixgbe_get_vf_queues(unsigned long features)
{
	/* the same file gets it right a few functions further on */
#if IS_ENABLED(CONFIG_FCOE)
	if (features & NETIF_F_FCOE_MTU)
		return 1;
#endif
	return 0;
}
