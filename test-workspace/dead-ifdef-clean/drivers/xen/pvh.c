// SPDX-License-Identifier: GPL-2.0
int pvh_ready;
