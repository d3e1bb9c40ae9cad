/*
 * cmd-presets.c - "cmlcontract presets": the built-in scenarios.
 */
#include <stdio.h>

#include "cmd.h"
#include "presets.h"

int cmd_presets(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "cmlcontract presets: takes no arguments\n");
		return EXIT_BAD_INPUT;
	}
	for (int i = 0; i < presets_count; i++) {
		struct scenario sc;
		struct cml_error err;
		if (preset_load(&presets[i], &sc, &err) != 0)
			continue; /* a test keeps the presets valid */
		/* First line of the description as the summary. */
		int len = 0;
		while (sc.description[len] != '\0' && sc.description[len] != '\n')
			len++;
		printf("%-14s N=%-4d %d types  %.*s\n", presets[i].name,
		       sc.participants, sc.ntypes, len, sc.description);
	}
	return EXIT_OK;
}
