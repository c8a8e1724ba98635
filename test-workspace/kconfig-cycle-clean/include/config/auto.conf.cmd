autoconfig := include/config/auto.conf

deps_config := \
	Kconfig \
	arch/x86/Kconfig \
	drivers/net/Kconfig \

$(autoconfig): $(deps_config)
$(deps_config): ;

ifneq "$(ARCH)" "x86"
$(autoconfig): FORCE
endif

ifneq "$(SRCARCH)" "x86"
$(autoconfig): FORCE
endif
