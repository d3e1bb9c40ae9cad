/*
 * main.c - cmlcontract: optimal contracts for collaborative ML, in a
 * terminal.  Dispatches to the commands in cmd-*.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "config.h"
#include "model.h"
#include "param.h"
#include "scenario.h"
#include "scenario-source.h"
#include "textsafe.h"

/*
 * The supported ranges, from the descriptors (param.h): values outside
 * are refused, and everything inside them solves.
 */
static void print_range(FILE *out, const struct param_desc *d)
{
	char range[64];

	param_range(d, range, sizeof(range));
	fprintf(out, "                      %-13s %s", d->key, range);
	if (d == &param_participants)
		fprintf(out, " (N); exact enumeration\n"
			"                                    takes N <= %d "
			"and %d outcomes", CML_MAX_EXACT_PARTICIPANTS,
			CML_MAX_OUTCOMES);
	fprintf(out, "\n");
}

/* One line per family: "power a_opt [0.01, 1], b [0.1, 100], ...". */
static void print_family(FILE *out, const char *kind, bool first,
			 const char *name, const struct param_desc *params,
			 int nparams)
{
	char range[64];

	if (first)
		fprintf(out, "                      %s families:\n", kind);
	fprintf(out, "                        %s", name);
	for (int i = 0; i < nparams; i++) {
		param_range(&params[i], range, sizeof(range));
		fprintf(out, "%s %s %s", i ? "," : "", params[i].key, range);
	}
	fprintf(out, "\n");
}

static void print_ranges(FILE *out)
{
	fprintf(out, "      supported ranges (anything outside is refused):\n");
	print_range(out, &param_participants);
	print_range(out, &param_cost);
	print_range(out, &param_prob);
	for (int f = 0; accuracy_families[f] != NULL; f++)
		print_family(out, "accuracy", f == 0, accuracy_families[f]->name,
			     accuracy_families[f]->params,
			     accuracy_families[f]->nparams);
	for (int f = 0; valuation_families[f] != NULL; f++)
		print_family(out, "valuation", f == 0,
			     valuation_families[f]->name,
			     valuation_families[f]->params,
			     valuation_families[f]->nparams);
	fprintf(out, "                      types         1 to %d\n",
		CML_MAX_TYPES);
}

void cmd_usage(bool full)
{
	FILE *out = full ? stdout : stderr;

	fprintf(out,
		"Usage: cmlcontract [--ascii] [--no-color] [--no-mouse] "
		"[--high-contrast]\n"
		"                   [--method M] [FILE|PRESET]\n"
		"       cmlcontract solve FILE|PRESET [--format text|json|csv] "
		"[--complete-info]\n"
		"                         [--max-evaluations N] [--method M]\n"
		"       cmlcontract sweep FILE|PRESET [--x PARAM=FROM:TO:STEPS]\n"
		"                         [--y PARAM=FROM:TO:STEPS] "
		"[--format csv|json]\n"
		"                         [--threads N] [--no-complete-info] "
		"[--cold]\n"
		"                         [--shard K/M] [--method M]\n"
		"       cmlcontract merge FILE... [-o OUT]\n"
		"       cmlcontract fit FILE.csv [--family power|sgb|exp|best]\n"
		"       cmlcontract plot contract|screening|sweep|welfare "
		"FILE|PRESET -o OUT\n"
		"                        [--size WxH] [--theme light|dark|print]"
		"\n"
		"                        [--x AXIS] [--y AXIS] [--show LIST]\n"
		"       cmlcontract presets\n"
		"       cmlcontract lesson [NAME|FILE] [--list] [display options]\n"
		"       cmlcontract --help | --version\n");
	if (!full) {
		fprintf(out, "Try 'cmlcontract --help' for more.\n");
		return;
	}
	fprintf(out,
		"\n"
		"Optimal contract design for collaborative machine learning\n"
		"(Wang, Wu, Liu and Low, \"Paid with Models\", AAAI 2025).\n"
		"\n"
		"With no command, cmlcontract opens the explorer on FILE or "
		"PRESET\n(default: the paper's scenario 3). Press ? in it for "
		"every key.\n"
		"  --ascii             plain ASCII lines and bars\n"
		"  --no-color          monochrome (NO_COLOR is honoured too)\n"
		"  --no-mouse          leave the mouse to the terminal\n"
		"  --high-contrast     the projector colour scheme (key t)\n"
		"  --method M          how the expectations are computed, for the "
		"explorer,\n"
		"                      solve and sweep: exact (every outcome), "
		"approx (fast,\n"
		"                      with a bound on its relative error) or "
		"auto (exact\n"
		"                      up to %d outcomes); overrides the "
		"scenario's\n"
		"                      method: (the explorer's key E cycles "
		"them)\n"
		"\n"
		"Commands:\n"
		"  solve FILE|PRESET   solve a scenario and print the contract:\n"
		"                      reservation levels, the menu (m_i, t_i), "
		"pooling,\n"
		"                      the paper's property checks and the "
		"solver status\n"
		"      --format FMT    text (default), json or csv\n"
		"      --complete-info add the complete-information benchmark,\n"
		"                      information cost and information rents\n"
		"      --max-evaluations N  cap the optimiser (default 3000); "
		"a solve\n"
		"                      stopped by the cap exits with status 3\n",
		MODEL_AUTO_EXACT_OUTCOMES);
	print_ranges(out);
	fprintf(out,
		"  sweep FILE|PRESET   solve the scenario at every point of a "
		"grid over one\n"
		"                      or two parameters, one row per point:\n"
		"                      status, pooling groups, E[v(a(S))], the\n"
		"                      complete-information value and information "
		"cost,\n"
		"                      m, t, u and rent per type, solver result\n"
		"      --x, --y AXIS   PARAM=FROM:TO:STEPS, PARAM one of N, p.J, "
		"c.J,\n"
		"                      outside.J.profit (J = type in cost "
		"order), or a\n"
		"                      parameter of the scenario's families by "
		"key (a_opt,\n"
		"                      k, scale; b, alpha for power; m0 for exp);\n"
		"                      default: the scenario's sweep: section\n"
		"      --format FMT    csv (default) or json\n"
		"      --threads N     threads to use (default: the CPUs)\n"
		"      --no-complete-info  skip the complete-information "
		"benchmark\n"
		"      --cold          solve every point from scratch (no warm "
		"start):\n"
		"                      the numbers then do not depend on the "
		"split\n"
		"      --shard K/M     compute only part K of M (points whose "
		"index\n"
		"                      ix + iy * columns is K-1 modulo M), the "
		"others\n"
		"                      written as not done; implies --cold\n"
		"  merge FILE...       one sweep from its shards' files (CSV or "
		"JSON):\n"
		"                      what 'sweep --cold' writes; -o OUT writes "
		"a file\n"
		"  fit FILE.csv        fit an accuracy family to a measured "
		"learning curve\n"
		"                      (lines of data amount, accuracy; a "
		"header allowed)\n"
		"                      by least squares and print its accuracy: "
		"block,\n"
		"                      the residuals and where the data do not "
		"determine it\n"
		"      --family F      power (default), sgb, exp, or best (the "
		"smallest\n"
		"                      residual of all)\n"
		"  plot WHAT FILE|PRESET -o OUT  a figure for a slide; the "
		"format from OUT:\n"
		"                      .pdf, .svg or .png (PDF and PNG need "
		"cairo)\n"
		"      contract        data alone m~_i against the contract m_i, "
		"and each\n"
		"                      type's reward distribution with t_i (the "
		"paper's Fig. 3)\n"
		"      screening       the screening diagram (the explorer's "
		"view g)\n"
		"      sweep           heat maps over the sweep axes, one per "
		"--show quantity\n"
		"                      (figure2: the paper's Fig. 2)\n"
		"      welfare         the contract against complete information"
		"\n"
		"      --size WxH      page size, unit cm (default 25.4x14.3), mm, "
		"in, pt or px;\n"
		"                      a PNG is 1920x1080 px unless given\n"
		"      --theme T       light (default), dark or print\n"
		"      --x, --y AXIS   sweep: the axes (default: the scenario's)\n"
		"      --show LIST     sweep: quantities, e.g. m.1,t.2,info_cost,"
		"rent.2,pooling\n"
		"  presets             list the built-in scenarios\n"
		"  lesson [NAME|FILE]  the explorer as a guided tour (default: "
		"paper, the\n"
		"                      paper's story); Space goes on, Backspace "
		"back, Esc\n"
		"                      leaves; --list lists the built-in "
		"lessons; a FILE is\n"
		"                      a YAML lesson (see cmlcontract(1))\n"
		"\n"
		"FILE is a YAML scenario (see cmlcontract(1)); PRESET is the name "
		"of a\nbuilt-in scenario (an existing file of that name wins).\n"
		"\n"
		"Exit status: 0 ok (including \"no collaboration\"), 2 bad input,\n"
		"3 the solver failed (the reason is printed).\n");
}

void cmd_print_error(const struct cml_error *err)
{
	char line[CML_ERROR_ORIGIN_MAX + CML_ERROR_MSG_MAX + 32];

	cml_error_format(err, line, sizeof(line));
	textsafe_line(stderr, "cmlcontract: %s", line);
}

int cmd_load_scenario(const char *command, const char *arg,
		      struct scenario *sc, char *source, size_t size,
		      bool *sorted)
{
	struct scenario_load_info info;
	struct cml_error err;

	if (arg == NULL) {
		fprintf(stderr, "cmlcontract %s: which scenario? Give a FILE "
			"or a PRESET\n", command);
		cmd_usage(false);
		return EXIT_BAD_INPUT;
	}
	if (scenario_source_load(arg, sc, &info, source, size, &err) != 0) {
		cmd_print_error(&err);
		return EXIT_BAD_INPUT;
	}
	if (info.sorted)
		textsafe_line(stderr, "cmlcontract: note: %s: types sorted by "
			      "cost, highest first", source);
	if (sorted != NULL)
		*sorted = info.sorted;
	return EXIT_OK;
}

int cmd_option_value(int argc, char **argv, int *i, const char *name,
		     const char **value)
{
	const char *arg = argv[*i];
	size_t len = strlen(name);

	if (strncmp(arg, name, len) != 0)
		return 0;
	if (arg[len] == '=') {
		*value = arg + len + 1;
		(*i)++;
		return 1;
	}
	if (arg[len] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*value = argv[*i + 1];
	*i += 2;
	return 1;
}

int cmd_int_option(const char *command, int argc, char **argv, int *i,
		   const char *name, long lo, long hi, long *value)
{
	const char *text;
	char *end = NULL;
	int got = cmd_option_value(argc, argv, i, name, &text);

	if (got == 0)
		return 0;
	if (got > 0)
		*value = strtol(text, &end, 10);
	if (got < 0 || end == text || *end != '\0' || *value < lo ||
	    *value > hi) {
		fprintf(stderr, "cmlcontract%s%s: %s needs a whole number from "
			"%ld to %ld\n", *command ? " " : "", command, name, lo, hi);
		return -1;
	}
	return 1;
}

int cmd_method_option(const char *command, int argc, char **argv, int *i,
		      enum expectation_method *method)
{
	const char *space = *command ? " " : "";
	const char *text;
	int got = cmd_option_value(argc, argv, i, "--method", &text);

	if (got == 0)
		return 0;
	if (got < 0) {
		fprintf(stderr, "cmlcontract%s%s: --method needs exact, approx "
			"or auto\n", space, command);
		return -1;
	}
	if (expectation_method_parse(text, method) != 0) {
		textsafe_line(stderr, "cmlcontract%s%s: unknown method '%s' "
			      "(exact, approx or auto)", space, command, text);
		return -1;
	}
	return 1;
}

int cmd_apply_method(struct scenario *sc, const char *source,
		     enum expectation_method method)
{
	struct scenario_problem problem;

	sc->method = method;
	if (scenario_validate(sc, &problem) == 0)
		return EXIT_OK;
	textsafe_line(stderr, "cmlcontract: %s: --method %s: %s", source,
		      expectation_method_name(method), problem.msg);
	return EXIT_BAD_INPUT;
}

int cmd_other_argument(const char *command, const char *arg,
		       const char **scenario)
{
	const char *space = *command ? " " : "";

	if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
		cmd_usage(true);
		return EXIT_OK;
	}
	if (arg[0] == '-' && arg[1] != '\0') {
		textsafe_line(stderr, "cmlcontract%s%s: unknown option '%s'",
			      space, command, arg);
		cmd_usage(false);
		return EXIT_BAD_INPUT;
	}
	if (*scenario != NULL) {
		textsafe_line(stderr, "cmlcontract%s%s: one scenario at a time "
			      "('%s' and '%s')", space, command, *scenario,
			      arg);
		return EXIT_BAD_INPUT;
	}
	*scenario = arg;
	return -1;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return cmd_explore(0, argv + 1);
	const char *command = argv[1];
	if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0) {
		cmd_usage(true);
		return EXIT_OK;
	}
	if (strcmp(command, "--version") == 0) {
		printf("%s\n", PACKAGE_STRING);
		return EXIT_OK;
	}
	if (strcmp(command, "solve") == 0)
		return cmd_solve(argc - 1, argv + 1);
	if (strcmp(command, "sweep") == 0)
		return cmd_sweep(argc - 1, argv + 1);
	if (strcmp(command, "merge") == 0)
		return cmd_merge(argc - 1, argv + 1);
	if (strcmp(command, "presets") == 0)
		return cmd_presets(argc - 1, argv + 1);
	if (strcmp(command, "fit") == 0)
		return cmd_fit(argc - 1, argv + 1);
	if (strcmp(command, "lesson") == 0)
		return cmd_lesson(argc - 1, argv + 1);
	if (strcmp(command, "plot") == 0)
		return cmd_plot(argc - 1, argv + 1);
	/* Anything else is the explorer's: options and a FILE or PRESET. */
	return cmd_explore(argc - 1, argv + 1);
}
