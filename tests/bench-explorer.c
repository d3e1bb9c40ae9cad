/*
 * bench-explorer.c - key-to-screen latency of the explorer (make bench).
 *
 * The explorer runs on a virtual terminal (curses writing real escape
 * sequences to /dev/null).  For each preset, the cursor sits on type 1's
 * cost and '+' and '-' alternate: each sample is one key handled, the
 * contract re-solved (warm) and the whole screen drawn and refreshed -
 * what a user waits for after a cost edit.  Prints the median and the
 * 90th percentile per preset and terminal size; asserts nothing.
 *
 *   tests/bench-explorer [ROUNDS]     (default 201)
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "benchutil.h"
#include "clock.h"
#include "presets.h"
#include "tui-app.h"
#include "tui-term.h"

/* Handles one key the way the explorer's loop does. */
static void press(struct app *app, int key)
{
	tui_app_settle(app, tui_app_key(app, key));
	tui_app_draw(app);
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 201;
	static const int sizes[][2] = { { 160, 48 }, { 80, 24 } };
	double *samples = malloc(sizeof(double) * (size_t)(rounds > 0 ? rounds : 1));

	if (rounds < 1 || samples == NULL) {
		fprintf(stderr, "usage: bench-explorer [ROUNDS]\n");
		return 2;
	}
	printf("cmlcontract explorer latency: key -> solve -> screen, %d cost "
	       "nudges, ms (median / 90th percentile)\n\n", rounds);
	printf("%-11s %18s %18s\n", "preset", "160x48", "80x24");
	for (int p = 0; p < presets_count; p++) {
		printf("%-11s", presets[p].name);
		for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++) {
			struct tui_options opt = { .color = true, .fixed_clock = true };
			struct scenario sc;
			struct cml_error err;
			struct app *app = calloc(1, sizeof(*app));
			char why[256];
			if (preset_load(&presets[p], &sc, &err) != 0 ||
			    tui_app_init(app, &opt, &sc, "", presets[p].name) != 0 ||
			    tui_term_open_virtual(app, sizes[z][0], sizes[z][1],
						  "xterm-256color", why,
						  sizeof(why)) != 0) {
				fprintf(stderr, "%s: cannot start\n", presets[p].name);
				return 1;
			}
			tui_app_start(app);
			tui_app_draw(app);
			press(app, 27); /* close the notes, if shown */
			for (int r = 0; r < rounds; r++) {
				double t0 = clock_seconds();
				press(app, r % 2 == 0 ? '+' : '-');
				samples[r] = clock_seconds() - t0;
			}
			printf("  %7.3f / %7.3f",
			       1e3 * bench_quantile(samples, rounds, 0.5),
			       1e3 * bench_quantile(samples, rounds, 0.9));
			tui_term_close();
			tui_app_free(app);
			free(app);
		}
		printf("\n");
	}
	free(samples);
	return 0;
}
