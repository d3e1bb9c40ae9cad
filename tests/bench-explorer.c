/*
 * bench-explorer.c - the explorer's latency (make bench).
 *
 * The explorer runs on a virtual terminal (curses writing real escape
 * sequences to /dev/null).  The cursor sits on type 1's cost and '+' and
 * '-' alternate.  Two times per key: key-to-screen, the key handled, the
 * solve handed to the worker thread and the whole screen drawn (what the
 * user waits for before the screen answers), and key-to-answer, until the
 * worker's contract is on screen.  For every preset at two sizes, and for
 * two scenarios whose solves take long: scenario 3 at N = 60 and twelve
 * types at N = 10.  Prints medians and worst cases; asserts nothing.
 *
 *   tests/bench-explorer [ROUNDS]     (default 201; 21 for the big ones)
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

/* One nudge: key-to-screen and key-to-answer, in seconds. */
static void press(struct app *app, int key, double *screen, double *answer)
{
	double t0 = clock_seconds();

	tui_app_settle(app, tui_app_key(app, key));
	tui_app_draw(app);
	*screen = clock_seconds() - t0;
	tui_app_wait_solve(app);
	tui_app_settle(app, TUI_RELAYOUT | TUI_REDRAW);
	tui_app_draw(app);
	*answer = clock_seconds() - t0;
}

/* Times rounds nudges of scenario sc at w x h; prints four numbers. */
static int bench_case(const struct scenario *sc, const char *name, int w,
		      int h, int rounds, double *screen, double *answer)
{
	struct tui_options opt = { .color = true, .fixed_clock = true };
	struct app *app = calloc(1, sizeof(*app));
	char why[256];

	if (app == NULL || tui_app_init(app, &opt, sc, "", name) != 0 ||
	    tui_term_open_virtual(app, w, h, "xterm-256color", why,
				  sizeof(why)) != 0) {
		fprintf(stderr, "%s: cannot start\n", name);
		free(app);
		return -1;
	}
	tui_app_start(app);
	tui_app_wait_solve(app);
	tui_app_draw(app);
	double ignore;
	press(app, 27, &ignore, &ignore); /* close the notes, if shown */
	for (int r = 0; r < rounds; r++)
		press(app, r % 2 == 0 ? '+' : '-', &screen[r], &answer[r]);
	printf("  %6.2f %6.2f %7.2f %7.2f",
	       1e3 * bench_quantile(screen, rounds, 0.5),
	       1e3 * bench_quantile(screen, rounds, 1.0),
	       1e3 * bench_quantile(answer, rounds, 0.5),
	       1e3 * bench_quantile(answer, rounds, 1.0));
	tui_term_close();
	tui_app_free(app);
	free(app);
	return 0;
}

/* Scenario 3 at N = 60, and twelve types at N = 10. */
static void big_cases(struct scenario big[2])
{
	struct cml_error err;

	(void)preset_load(preset_find("scenario3"), &big[0], &err);
	big[0].participants = 60;
	snprintf(big[0].name, sizeof(big[0].name), "scenario3 N=60");
	scenario_init(&big[1]);
	snprintf(big[1].name, sizeof(big[1].name), "12 types");
	big[1].participants = 10;
	big[1].ntypes = 12;
	double cost = 0.5;
	for (int i = 0; i < 12; i++, cost *= 0.6) {
		snprintf(big[1].types[i].name, sizeof(big[1].types[i].name),
			 "Type %d", i + 1);
		big[1].types[i].cost = cost;
		big[1].types[i].prob = 1.0 / 12.0;
	}
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 201;
	int big_rounds = rounds < 21 ? rounds : 21;
	static const int sizes[][2] = { { 160, 48 }, { 80, 24 } };
	double *screen = malloc(sizeof(double) * (size_t)(rounds > 0 ? rounds : 1));
	double *answer = malloc(sizeof(double) * (size_t)(rounds > 0 ? rounds : 1));
	struct scenario big[2];

	if (rounds < 1 || screen == NULL || answer == NULL) {
		fprintf(stderr, "usage: bench-explorer [ROUNDS]\n");
		return 2;
	}
	printf("cmlcontract explorer latency, cost nudges, ms: key-to-screen "
	       "(median, worst) and key-to-answer (median, worst)\n\n");
	printf("%-15s %-31s %-31s\n", "scenario", "160x48", "80x24");
	for (int p = 0; p < presets_count; p++) {
		struct scenario sc;
		struct cml_error err;
		printf("%-15s", presets[p].name);
		if (preset_load(&presets[p], &sc, &err) != 0)
			return 1;
		for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++)
			if (bench_case(&sc, presets[p].name, sizes[z][0],
				       sizes[z][1], rounds, screen, answer) != 0)
				return 1;
		printf("\n");
	}
	big_cases(big);
	for (int b = 0; b < 2; b++) {
		printf("%-15s", big[b].name);
		for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++)
			if (bench_case(&big[b], big[b].name, sizes[z][0],
				       sizes[z][1], big_rounds, screen, answer) != 0)
				return 1;
		printf("\n");
	}
	free(screen);
	free(answer);
	return 0;
}
