/*
 * cmd-plot.c - "cmlcontract plot WHAT FILE|PRESET -o OUT": a figure for a
 * slide, as PDF, SVG or PNG (from OUT's extension).
 *
 * Like solve and sweep, it asks the engine for the results (the contract,
 * its reward distributions, the complete-information benchmark, a sweep)
 * and hands them to a figure builder (figure-*.c), which makes a display
 * list; figure-file.c renders it into memory and writes the file
 * atomically, so a failure never leaves half a figure behind.  PDF and
 * PNG need cairo; SVG is our own writer and works without it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "contract.h"
#include "figure-contract.h"
#include "figure-file.h"
#include "figure-screening.h"
#include "figure-sweep.h"
#include "figure-welfare.h"
#include "figure.h"
#include "rewards.h"
#include "scenario-source.h"
#include "screening.h"
#include "sweep-quantity.h"
#include "textsafe.h"

/* Pixels per inch of a PNG whose size is given in cm, in or pt. */
#define PNG_DPI 192.0
/* The default page: 16:9 at 25.4 x 14.3 cm; a PNG 1920 x 1080 pixels. */
#define DEFAULT_W_CM 25.4
#define DEFAULT_H_CM 14.3
#define DEFAULT_PNG_W 1920
#define DEFAULT_PNG_H 1080

struct plot_size {
	double w, h;  /* points */
	int px_w, px_h; /* for PNG */
};

/*
 * "WxH" with an optional unit for both: cm (the default), mm, in, pt or
 * px (pixels at PNG_DPI).  Sizes from 2 cm to 200 cm a side.
 */
static int parse_size(const char *text, struct plot_size *size)
{
	char *end;
	double w = strtod(text, &end), h;

	if (end == text || (*end != 'x' && *end != 'X'))
		return -1;
	const char *rest = end + 1;
	h = strtod(rest, &end);
	if (end == rest)
		return -1;
	static const struct { const char *unit; double pt; } units[] = {
		{ "", 72 / 2.54 }, { "cm", 72 / 2.54 }, { "mm", 7.2 / 2.54 },
		{ "in", 72 }, { "pt", 1 }, { "px", 72 / PNG_DPI },
	};
	for (size_t k = 0; k < sizeof(units) / sizeof(units[0]); k++) {
		if (strcmp(end, units[k].unit) != 0)
			continue;
		double lo = 2 * 72 / 2.54, hi = 200 * 72 / 2.54;
		size->w = w * units[k].pt;
		size->h = h * units[k].pt;
		if (!(size->w >= lo && size->w <= hi && size->h >= lo &&
		      size->h <= hi))
			return -1;
		/* Pixels as given, or the page at PNG_DPI. */
		bool px = strcmp(units[k].unit, "px") == 0;
		size->px_w = (int)(px ? w + 0.5 : size->w / 72 * PNG_DPI + 0.5);
		size->px_h = (int)(px ? h + 0.5 : size->h / 72 * PNG_DPI + 0.5);
		return 0;
	}
	return -1;
}

/* What the command was asked for. */
struct plot_request {
	const char *what, *scenario, *out, *x, *y, *show;
	enum figure_format format;
	struct plot_size size;
	bool have_size;
	const struct fig_theme *theme;
	long threads;
};

static const char *const whats[] = { "contract", "screening", "sweep",
				     "welfare", NULL };

static bool known_what(const char *what)
{
	for (int k = 0; whats[k] != NULL; k++)
		if (strcmp(whats[k], what) == 0)
			return true;
	return false;
}

/* Parses the arguments; returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, struct plot_request *rq)
{
	const char *value, *size = NULL, *theme = "light";

	for (int i = 1; i < argc;) {
		int got;
		if ((got = cmd_option_value(argc, argv, &i, "-o", &rq->out)) ||
		    (got = cmd_option_value(argc, argv, &i, "--output",
					    &rq->out)) ||
		    (got = cmd_option_value(argc, argv, &i, "--size", &size)) ||
		    (got = cmd_option_value(argc, argv, &i, "--theme", &theme)) ||
		    (got = cmd_option_value(argc, argv, &i, "--x", &rq->x)) ||
		    (got = cmd_option_value(argc, argv, &i, "--y", &rq->y)) ||
		    (got = cmd_option_value(argc, argv, &i, "--show",
					    &rq->show))) {
			if (got < 0) {
				textsafe_line(stderr, "cmlcontract plot: %s needs "
					      "a value", argv[i]);
				return EXIT_BAD_INPUT;
			}
			continue;
		}
		got = cmd_int_option("plot", argc, argv, &i, "--threads", 1, 64,
				     &rq->threads);
		if (got < 0)
			return EXIT_BAD_INPUT;
		if (got > 0)
			continue;
		value = argv[i++];
		if (rq->what == NULL && value[0] != '-') {
			rq->what = value;
			continue;
		}
		int done = cmd_other_argument("plot", value, &rq->scenario);
		if (done >= 0)
			return done;
	}
	if (rq->what == NULL || !known_what(rq->what)) {
		if (rq->what == NULL)
			fprintf(stderr, "cmlcontract plot: what to plot? ");
		else
			textsafe_line(stderr, "cmlcontract plot: unknown figure "
				      "'%s'", rq->what);
		fprintf(stderr, "%sGive contract, screening, sweep or welfare\n",
			rq->what == NULL ? "" : "cmlcontract plot: ");
		return EXIT_BAD_INPUT;
	}
	if (rq->out == NULL) {
		fprintf(stderr, "cmlcontract plot: where to? Give -o OUT.pdf, "
			"OUT.svg or OUT.png\n");
		return EXIT_BAD_INPUT;
	}
	if (figure_file_format(rq->out, &rq->format) != 0) {
		textsafe_line(stderr, "cmlcontract plot: %s: the name must end "
			      "in .pdf, .svg or .png (the format)", rq->out);
		return EXIT_BAD_INPUT;
	}
	if ((rq->theme = fig_theme_find(theme)) == NULL) {
		textsafe_line(stderr, "cmlcontract plot: unknown theme '%s' "
			      "(light, dark or print)", theme);
		return EXIT_BAD_INPUT;
	}
	rq->size = (struct plot_size){ DEFAULT_W_CM * 72 / 2.54,
				       DEFAULT_H_CM * 72 / 2.54, DEFAULT_PNG_W,
				       DEFAULT_PNG_H };
	if (size != NULL && parse_size(size, &rq->size) != 0) {
		textsafe_line(stderr, "cmlcontract plot: bad --size '%s': give "
			      "WxH with a unit cm (the default), mm, in, pt or "
			      "px, 2 to 200 cm a side, e.g. 25.4x14.3cm or "
			      "1920x1080px", size);
		return EXIT_BAD_INPUT;
	}
	if (strcmp(rq->what, "sweep") != 0 &&
	    (rq->x != NULL || rq->y != NULL || rq->show != NULL)) {
		fprintf(stderr, "cmlcontract plot: --x, --y and --show are for "
			"plot sweep\n");
		return EXIT_BAD_INPUT;
	}
	return -1;
}

/* The exit status and message when a format needs cairo we lack. */
static int need_cairo(const struct plot_request *rq)
{
	if (figure_file_can(rq->format))
		return -1;
	fprintf(stderr, "cmlcontract plot: this cmlcontract was built "
		"without cairo, so it writes SVG only; for PDF and PNG "
		"install the Debian package libcairo2-dev and rebuild "
		"(./configure && make)\n");
	return EXIT_BAD_INPUT;
}

/* Writes the figure to rq->out (atomically). */
static int write_figure(const struct plot_request *rq, const struct figure *f)
{
	struct cml_error err;

	if (figure_file_write(f, rq->out, rq->size.px_w, rq->size.px_h,
			      &err) == 0)
		return EXIT_OK;
	cmd_print_error(&err);
	return EXIT_FAILURE_IO;
}

/* Solves the scenario like "solve" does; prints why not on failure. */
static int solve(const struct scenario *sc, const char *source,
		 const struct model *mdl, bool complete_info,
		 struct contract *out)
{
	struct solver *solver = solver_create();

	if (solver == NULL) {
		fprintf(stderr, "cmlcontract: out of memory\n");
		return EXIT_SOLVER;
	}
	enum solver_result result = contract_solve(solver, mdl, NULL,
						   complete_info, out);
	solver_free(solver);
	if (result >= 0)
		return EXIT_OK;
	textsafe_line(stderr, "cmlcontract: %s: solver failed: %s%s", source,
		      solver_result_string(result),
		      scenario_has_outside(sc) ? "; an outside option may ask "
		      "for more than any contract can give" : "");
	return EXIT_SOLVER;
}

/* The reward distributions of the contract, as the explorer makes them. */
static int distributions(const struct model *mdl, const struct contract *c,
			 struct reward_distribution *dists)
{
	double tbar[CML_MAX_TYPES];

	memset(dists, 0, sizeof(*dists) * CML_MAX_TYPES);
	for (int i = 0; i < c->ntypes; i++)
		tbar[i] = c->type[i].tbar;
	for (int i = 0; i < c->ntypes; i++)
		if (rewards_distribution(mdl, c->solution.m, c->solution.t, tbar,
					 i, &dists[i]) != 0)
			return -1;
	return 0;
}

/* contract, screening and welfare: one solve, one figure. */
static int plot_solved(const struct plot_request *rq, const struct scenario *sc,
		       const char *source, struct figure *f)
{
	struct model mdl;
	struct cml_error err;
	static struct contract contract; /* large; one per process */
	static struct reward_distribution dists[CML_MAX_TYPES];
	char title[160];
	int status;

	if (model_init(&mdl, sc, &err) != 0) {
		char msg[CML_ERROR_MSG_MAX];
		snprintf(msg, sizeof(msg), "%s", err.msg);
		cml_error_set(&err, source, 0, 0, "%s", msg);
		cmd_print_error(&err);
		return EXIT_BAD_INPUT;
	}
	bool welfare = strcmp(rq->what, "welfare") == 0;
	status = solve(sc, source, &mdl, welfare, &contract);
	if (status != EXIT_OK) {
		model_free(&mdl);
		return status;
	}
	if (strcmp(rq->what, "contract") == 0) {
		snprintf(title, sizeof(title), "%s: the contract, N = %d (%s)",
			 sc->name, sc->participants,
			 contract_status_name(contract.status));
		bool have = contract.status != POOLING_NONE &&
			    distributions(&mdl, &contract, dists) == 0;
		struct figure_contract_input in = {
			.scenario = sc, .title = title, .contract = &contract,
			.dists = have ? dists : NULL,
		};
		status = figure_contract(f, &in) == 0 ? EXIT_OK : EXIT_FAILURE_IO;
		for (int i = 0; i < CML_MAX_TYPES; i++)
			rewards_free(&dists[i]);
	} else if (strcmp(rq->what, "screening") == 0) {
		static struct screening s;
		snprintf(title, sizeof(title), "%s: screening, N = %d (%s)",
			 sc->name, sc->participants,
			 contract_status_name(contract.status));
		if (screening_build(&mdl, &contract, &s) != 0) {
			textsafe_line(stderr, "cmlcontract plot: %s: no "
				      "screening diagram for this contract",
				      source);
			status = EXIT_SOLVER;
		} else
			status = figure_screening(f, &s, &s.all, title) == 0 ?
					 EXIT_OK : EXIT_FAILURE_IO;
	} else {
		snprintf(title, sizeof(title), "%s: contract against complete "
			 "information, N = %d", sc->name, sc->participants);
		struct figure_welfare_input in = {
			.scenario = sc, .title = title, .contract = &contract,
		};
		status = figure_welfare(f, &in) == 0 ? EXIT_OK : EXIT_FAILURE_IO;
	}
	model_free(&mdl);
	if (status == EXIT_FAILURE_IO)
		fprintf(stderr, "cmlcontract plot: out of memory\n");
	return status;
}

/* Parses an axis given on the command line or stored in the scenario. */
static int parse_axis(const char *text, const char *what,
		      const struct scenario *sc, struct sweep_axis *axis)
{
	struct cml_error err;

	if (sweep_axis_parse(text, sc, axis, &err) == 0)
		return 0;
	textsafe_line(stderr, "cmlcontract plot: %s: %s", what, err.msg);
	return -1;
}

/* sweep: the grid as "sweep" computes it, one heat map per quantity. */
static int plot_sweep(const struct plot_request *rq, const struct scenario *sc,
		      const char *source, struct figure *f)
{
	struct sweep_quantity q[FIGURE_SWEEP_MAX_PANELS];
	struct sweep_axis x, y;
	struct cml_error err;
	const char *xt = rq->x, *yt = rq->y;
	char title[160], show[256];
	int n;

	if (xt == NULL && yt != NULL) {
		fprintf(stderr, "cmlcontract plot: --y needs --x as well\n");
		return EXIT_BAD_INPUT;
	}
	if (xt == NULL) {
		if (sc->sweep_x[0] == '\0') {
			char names[256];
			sweep_axis_names(sc, names, sizeof(names));
			textsafe_line(stderr, "cmlcontract plot: %s has no sweep "
				      "axes; give --x PARAM=FROM:TO:STEPS "
				      "(PARAM: %s)", source, names);
			return EXIT_BAD_INPUT;
		}
		xt = sc->sweep_x;
		yt = sc->sweep_y[0] != '\0' ? sc->sweep_y : NULL;
	}
	if (parse_axis(xt, "--x", sc, &x) != 0 ||
	    (yt != NULL && parse_axis(yt, "--y", sc, &y) != 0))
		return EXIT_BAD_INPUT;
	if (rq->show != NULL)
		snprintf(show, sizeof(show), "%s", rq->show);
	else
		sweep_quantity_default(sc->ntypes, show, sizeof(show));
	n = sweep_quantity_parse_list(show, sc->ntypes, q,
				      FIGURE_SWEEP_MAX_PANELS, &err);
	if (n < 0) {
		textsafe_line(stderr, "cmlcontract plot: --show: %s", err.msg);
		return EXIT_BAD_INPUT;
	}
	bool complete = false;
	for (int k = 0; k < n; k++)
		complete = complete || sweep_quantity_needs_complete(&q[k]);
	struct sweep *s = sweep_create(sc, &x, yt != NULL ? &y : NULL, complete,
				       &err);
	if (s == NULL) {
		textsafe_line(stderr, "cmlcontract plot: %s", err.msg);
		return EXIT_BAD_INPUT;
	}
	if (sweep_run(s, (int)rq->threads, NULL, NULL) != 0) {
		fprintf(stderr, "cmlcontract plot: out of memory\n");
		sweep_free(s);
		return EXIT_SOLVER;
	}
	snprintf(title, sizeof(title), "%s: the contract over the sweep",
		 sc->name);
	struct figure_sweep_input in = {
		.scenario = sc, .title = title, .sweep = s, .quantity = q,
		.count = n,
	};
	int rc = figure_sweep(f, &in);
	sweep_free(s);
	if (rc != 0) {
		fprintf(stderr, "cmlcontract plot: out of memory\n");
		return EXIT_FAILURE_IO;
	}
	return EXIT_OK;
}

int cmd_plot(int argc, char **argv)
{
	struct plot_request rq = { 0 };
	static struct scenario sc;
	char source[CML_ERROR_ORIGIN_MAX];
	struct figure f;

	int status = parse_args(argc, argv, &rq);
	if (status >= 0)
		return status;
	if ((status = need_cairo(&rq)) >= 0)
		return status;
	if (cmd_load_scenario("plot", rq.scenario, &sc, source, sizeof(source),
			      NULL) != 0)
		return EXIT_BAD_INPUT;
	figure_init(&f, rq.size.w, rq.size.h, rq.theme);
	if (strcmp(rq.what, "sweep") == 0)
		status = plot_sweep(&rq, &sc, source, &f);
	else
		status = plot_solved(&rq, &sc, source, &f);
	if (status == EXIT_OK)
		status = write_figure(&rq, &f);
	figure_free(&f);
	return status;
}
