/*
 * Automatically generated file; DO NOT EDIT.
 * Linux/x86 Kernel Configuration
 */
#define CONFIG_X86 1
