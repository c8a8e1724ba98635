// SPDX-License-Identifier: GPL-2.0
/* After drivers/tty/serial/pch_uart.c of Linux 6.1: the DMA engine is reached through dmaengine. */
#define EOPNOTSUPP 95

static int pch_uart_verify_port(int low_latency, int *use_dma)
{
	if (low_latency) {
		*use_dma = 0;
	} else {
		/* neither built in nor a module */
#if !IS_ENABLED(CONFIG_PCH_DMA)
		return -EOPNOTSUPP;
#endif
		*use_dma = 1;
	}
	return 0;
}

/* PCI is bool: CONFIG_PCI is the whole story */
#ifdef CONFIG_PCI
int pch_uart_on_pci;
#endif

#if IS_ENABLED(CONFIG_PCH_DMA)
/* inside IS_ENABLED, CONFIG_PCH_DMA asks "built in?" on purpose */
# ifdef CONFIG_PCH_DMA
int pch_dma_builtin;
# else
int pch_dma_module;
# endif
#endif

#ifdef CONFIG_FCOE_MODULE
int fcoe_as_module;
#elif defined(CONFIG_FCOE)
int fcoe_built_in;
#endif
