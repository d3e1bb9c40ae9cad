/*
 * cmd-sweep.c - "cmlcontract sweep": one contract per grid point, as CSV
 * or JSON, with a progress bar on a terminal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "cmd.h"
#include "scenario-source.h"
#include "sweep-report.h"
#include "textsafe.h"

/* Seconds before the progress bar appears. */
#define PROGRESS_DELAY 1.0
/* Cells in the progress bar. */
#define BAR_WIDTH 30

/* The progress bar's state (stderr, only when it is a terminal). */
struct progress {
	bool tty;
	bool shown;
	double started;
};

/*
 * Draws the bar once the sweep has run for PROGRESS_DELAY seconds, and
 * ends its line when the sweep is done; nothing when stderr is not a tty.
 */
static void show_progress(void *ctx, int done, int total)
{
	struct progress *p = ctx;
	char bar[BAR_WIDTH + 1];
	int cells = total > 0 ? (int)((long)BAR_WIDTH * done / total) : 0;

	if (!p->tty || total <= 0)
		return;
	if (!p->shown && (done >= total || clock_seconds() - p->started <
				PROGRESS_DELAY))
		return;
	p->shown = true;
	memset(bar, '#', (size_t)cells);
	memset(bar + cells, '.', (size_t)(BAR_WIDTH - cells));
	bar[BAR_WIDTH] = '\0';
	fprintf(stderr, "\rcmlcontract sweep: [%s] %3d%%  %d/%d points", bar,
		(int)(100L * done / total), done, total);
	if (done >= total)
		fputc('\n', stderr);
	fflush(stderr);
}

/* Shards a sweep may be cut into. */
#define MAX_SHARDS 100000

/* "K/M" with 1 <= K <= M <= MAX_SHARDS, nothing else. */
static int parse_shard(const char *text, int *shard, int *shards)
{
	char *end;
	long k = strtol(text, &end, 10), m;

	if (end == text || *end != '/' || !(end[1] >= '0' && end[1] <= '9'))
		return -1;
	const char *rest = end + 1;
	m = strtol(rest, &end, 10);
	if (*end != '\0' || k < 1 || m < 1 || k > m || m > MAX_SHARDS)
		return -1;
	*shard = (int)k;
	*shards = (int)m;
	return 0;
}

/* Parses an axis given on the command line or stored in the scenario. */
static int parse_axis(const char *text, const char *what,
		      const struct scenario *sc, struct sweep_axis *axis)
{
	struct cml_error err;

	if (sweep_axis_parse(text, sc, axis, &err) == 0)
		return 0;
	textsafe_line(stderr, "cmlcontract sweep: %s: %s", what, err.msg);
	return -1;
}

/* Counts the valid points whose solve failed; *first gets the first. */
static int count_failures(const struct sweep *s, const struct sweep_point
			  **first)
{
	int failed = 0;

	*first = NULL;
	for (int iy = 0; iy < sweep_rows(s); iy++)
		for (int ix = 0; ix < sweep_columns(s); ix++) {
			const struct sweep_point *pt = sweep_at(s, ix, iy);
			if (!pt->valid || pt->contract.result >= 0)
				continue;
			if (failed++ == 0)
				*first = pt;
		}
	return failed;
}

int cmd_sweep(int argc, char **argv)
{
	enum sweep_format format = SWEEP_FORMAT_CSV;
	bool complete_info = true, cold = false, have_method = false;
	enum expectation_method method = METHOD_AUTO;
	long threads = 0;
	int shard = 1, shards = 1;
	const char *arg = NULL, *x_text = NULL, *y_text = NULL, *value;
	struct scenario sc;
	struct cml_error err;
	char source[CML_ERROR_ORIGIN_MAX];
	struct sweep_axis x, y;
	int status = EXIT_OK;

	for (int i = 1; i < argc;) {
		int got;
		if ((got = cmd_option_value(argc, argv, &i, "--x",
					    &x_text)) != 0 ||
		    (got = cmd_option_value(argc, argv, &i, "--y",
					    &y_text)) != 0) {
			if (got < 0) {
				fprintf(stderr, "cmlcontract sweep: %s needs "
					"an axis PARAM=FROM:TO:STEPS\n",
					argv[i]);
				return EXIT_BAD_INPUT;
			}
			continue;
		}
		got = cmd_option_value(argc, argv, &i, "--format", &value);
		if (got != 0) {
			if (got < 0 || sweep_format_parse(value, &format) != 0) {
				fprintf(stderr, "cmlcontract sweep: --format "
					"needs csv or json\n");
				return EXIT_BAD_INPUT;
			}
			continue;
		}
		got = cmd_int_option("sweep", argc, argv, &i, "--threads", 1, 64,
				     &threads);
		if (got < 0)
			return EXIT_BAD_INPUT;
		if (got > 0)
			continue;
		got = cmd_method_option("sweep", argc, argv, &i, &method);
		if (got < 0)
			return EXIT_BAD_INPUT;
		if (got > 0) {
			have_method = true;
			continue;
		}
		got = cmd_option_value(argc, argv, &i, "--shard", &value);
		if (got != 0) {
			if (got < 0 || parse_shard(value, &shard, &shards) != 0) {
				fprintf(stderr, "cmlcontract sweep: --shard needs "
					"K/M, 1 <= K <= M <= %d (this run "
					"computes part K of M)\n", MAX_SHARDS);
				return EXIT_BAD_INPUT;
			}
			cold = true;
			continue;
		}
		if (strcmp(argv[i], "--no-complete-info") == 0) {
			complete_info = false;
		} else if (strcmp(argv[i], "--cold") == 0) {
			cold = true;
		} else {
			int done = cmd_other_argument("sweep", argv[i], &arg);
			if (done >= 0)
				return done;
		}
		i++;
	}
	bool sorted;
	if (cmd_load_scenario("sweep", arg, &sc, source, sizeof(source),
			      &sorted) != 0)
		return EXIT_BAD_INPUT;
	if (have_method && cmd_apply_method(&sc, source, method) != EXIT_OK)
		return EXIT_BAD_INPUT;

	/* The axes: given, or the scenario's own when none is given. */
	if (x_text == NULL && y_text != NULL) {
		fprintf(stderr, "cmlcontract sweep: --y needs --x as well\n");
		return EXIT_BAD_INPUT;
	}
	if (x_text == NULL) {
		if (sc.sweep_x[0] == '\0') {
			char names[256];
			sweep_axis_names(&sc, names, sizeof(names));
			textsafe_line(stderr, "cmlcontract sweep: %s has no "
				      "sweep axes; give --x PARAM=FROM:TO:STEPS "
				      "(PARAM: %s)", source, names);
			return EXIT_BAD_INPUT;
		}
		x_text = sc.sweep_x;
		y_text = sc.sweep_y[0] != '\0' ? sc.sweep_y : NULL;
	}
	if (parse_axis(x_text, "--x", &sc, &x) != 0 ||
	    (y_text != NULL && parse_axis(y_text, "--y", &sc, &y) != 0))
		return EXIT_BAD_INPUT;

	struct sweep *s = sweep_create(&sc, &x, y_text != NULL ? &y : NULL,
				       complete_info, &err);
	if (s == NULL) {
		textsafe_line(stderr, "cmlcontract sweep: %s", err.msg);
		return EXIT_BAD_INPUT;
	}
	sweep_set_cold(s, cold);
	if (sweep_set_shard(s, shard, shards) != 0) {
		fprintf(stderr, "cmlcontract sweep: bad shard %d/%d\n", shard,
			shards);
		sweep_free(s);
		return EXIT_BAD_INPUT;
	}
	struct progress progress = {
		.tty = isatty(STDERR_FILENO) == 1,
		.started = clock_seconds(),
	};
	if (sweep_run(s, (int)threads, show_progress, &progress) != 0) {
		fprintf(stderr, "cmlcontract sweep: out of memory\n");
		sweep_free(s);
		return EXIT_SOLVER;
	}

	struct sweep_report_input in = {
		.scenario = &sc,
		.source = source,
		.sorted = sorted,
		.sweep = s,
	};
	sweep_report_write(stdout, format, &in);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("cmlcontract: writing the sweep");
		status = EXIT_FAILURE_IO;
	}

	const struct sweep_point *first;
	int failed = count_failures(s, &first);
	if (failed > 0) {
		char lx[SWEEP_LABEL_MAX], ly[SWEEP_LABEL_MAX], at[80] = "";
		sweep_axis_label(&x, lx, sizeof(lx));
		if (y_text != NULL) {
			sweep_axis_label(&y, ly, sizeof(ly));
			snprintf(at, sizeof(at), ", %s = %g", ly, first->y);
		}
		textsafe_line(stderr, "cmlcontract: %s: the solver failed at %d "
			      "of %d grid points, first at %s = %g%s: %s",
			      source, failed, sweep_columns(s) * sweep_rows(s),
			      lx, first->x, at,
			      solver_result_string(first->contract.result));
		if (status == EXIT_OK)
			status = EXIT_SOLVER;
	}
	sweep_free(s);
	return status;
}
