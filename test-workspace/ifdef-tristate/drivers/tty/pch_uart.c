// SPDX-License-Identifier: GPL-2.0
/* After drivers/tty/serial/pch_uart.c of Linux 6.1: the DMA engine is reached through dmaengine. */
#define EOPNOTSUPP 95

static int pch_uart_verify_port(int low_latency, int *use_dma)
{
	if (low_latency) {
		*use_dma = 0;
	} else {
		/* PCH_DMA=m is loaded as a module, yet this says it is missing */
#ifndef CONFIG_PCH_DMA
		return -EOPNOTSUPP;
#endif
		*use_dma = 1;
	}
	return 0;
}
