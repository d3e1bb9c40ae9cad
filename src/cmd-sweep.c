/*
 * cmd-sweep.c - "cmlcontract sweep" (placeholder until the sweep lands).
 */
#include <stdio.h>

#include "cmd.h"

int cmd_sweep(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "cmlcontract sweep: not available yet\n");
	return EXIT_BAD_INPUT;
}
