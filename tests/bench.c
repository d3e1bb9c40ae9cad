/*
 * bench.c - solver timings per preset (make bench).
 *
 * For every built-in preset: the median time of a cold solve (model
 * prepared, no start given), and the median time of a warm re-solve after
 * one type's cost changes by 1% (each type, up and down), started from
 * the unchanged scenario's contract - what the explorer does per edit.
 * The same for three small-N scenarios where outcomes with a(S) = 0 carry
 * probability and the global phase branches; and everything again
 * without the global phase, to show what it costs.  Prints medians and the 90th percentile; asserts nothing (machines are
 * noisy); the numbers go in the closing notes.
 *
 * Then issue 9's sizes beyond enumeration (20 types at N = 10 to 64
 * types at N = 10,000): cold and warm medians, the method and its bound.
 *
 * Then the sweep over Figure 2's full grid (the figure2 preset's axes:
 * 30 values of p1 times N = 2, 4, ..., 100, with the complete-information
 * benchmark): the median wall time of SWEEP_RUNS runs on 1 and 2 threads.
 *
 *   tests/bench [ROUNDS]     (default 101 rounds)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchutil.h"
#include "clock.h"
#include "contract.h"
#include "presets.h"
#include "sweep.h"

/* Runs of each of issue 9's large scenarios. */
#define LARGE_RUNS 3
/* Runs of the Figure 2 sweep per thread count. */
#define SWEEP_RUNS 5

/* Times the figure2 preset's sweep on 1 and 2 threads; -1 on error. */
static int bench_sweep(void)
{
	struct scenario sc;
	struct sweep_axis x, y;
	struct cml_error err;

	if (preset_load(preset_find("figure2"), &sc, &err) != 0 ||
	    sweep_axis_parse(sc.sweep_x, &sc, &x, &err) != 0 ||
	    sweep_axis_parse(sc.sweep_y, &sc, &y, &err) != 0) {
		fprintf(stderr, "figure2: %s\n", err.msg);
		return -1;
	}
	printf("\nFigure 2 sweep: %s x %s = %d points, complete information "
	       "too; median of %d runs\n", sc.sweep_x, sc.sweep_y,
	       x.steps * y.steps, SWEEP_RUNS);
	for (int threads = 1; threads <= 2; threads++) {
		double t[SWEEP_RUNS];
		long evaluations = 0;
		for (int r = 0; r < SWEEP_RUNS; r++) {
			struct sweep *s = sweep_create(&sc, &x, &y, true, &err);
			if (s == NULL || sweep_run(s, threads, NULL, NULL) != 0) {
				fprintf(stderr, "sweep: %s\n", err.msg);
				sweep_free(s);
				return -1;
			}
			t[r] = sweep_seconds(s);
			evaluations = 0;
			for (int iy = 0; iy < sweep_rows(s); iy++)
				for (int ix = 0; ix < sweep_columns(s); ix++)
					evaluations += sweep_at(s, ix, iy)
						->contract.stats.evaluations;
			sweep_free(s);
		}
		printf("  %d thread%s %8.1f ms   (%ld evaluations)\n", threads,
		       threads > 1 ? "s" : " ",
		       1e3 * bench_quantile(t, SWEEP_RUNS, 0.5), evaluations);
	}
	return 0;
}

/* One row: cold and warm (each cost +-1%) medians for scenario sc. */
static int bench_scenario(struct solver *solver, const char *name,
			  const struct scenario *sc, int rounds)
{
	struct cml_error err;
	struct model mdl;
	struct contract base, out;

	if (model_init(&mdl, sc, &err) != 0) {
		fprintf(stderr, "%s: %s\n", name, err.msg);
		return -1;
	}
	double *cold = malloc(sizeof(double) * (size_t)rounds);
	int warm_max = rounds * 2 * sc->ntypes, warm_n = 0;
	double *warm = malloc(sizeof(double) * (size_t)warm_max);
	long cold_evals = 0, warm_evals = 0, nodes = 0;
	for (int r = 0; r < rounds; r++) {
		double t0 = clock_seconds();
		contract_solve(solver, &mdl, NULL, false, &base);
		cold[r] = clock_seconds() - t0;
		cold_evals += base.stats.evaluations;
		nodes += base.stats.nodes;
	}
	for (int j = 0; j < sc->ntypes; j++)
		for (int dir = -1; dir <= 1; dir += 2) {
			struct scenario edited = *sc;
			struct model changed;
			edited.types[j].cost *= 1.0 + 0.01 * dir;
			if (model_init(&changed, &edited, &err) != 0)
				continue; /* would reorder the types */
			for (int r = 0; r < rounds; r++) {
				double t0 = clock_seconds();
				contract_solve(solver, &changed, &base, false, &out);
				warm[warm_n++] = clock_seconds() - t0;
				warm_evals += out.stats.evaluations;
			}
			model_free(&changed);
		}
	printf("%-11s %8zu  %8.3f / %6.3f  %8.3f / %6.3f  %5ld / %3ld  %6.1f\n",
	       name, mdl.outcomes.count, 1e3 * bench_quantile(cold, rounds, 0.5),
	       1e3 * bench_quantile(cold, rounds, 0.9),
	       1e3 * bench_quantile(warm, warm_n, 0.5),
	       1e3 * bench_quantile(warm, warm_n, 0.9), cold_evals / rounds,
	       warm_n ? warm_evals / warm_n : 0, (double)nodes / rounds);
	free(cold);
	free(warm);
	model_free(&mdl);
	return 0;
}

/* Issue 9's sizes: geometric costs 0.2 down to 0.2 e^-4, equal odds. */
static void large_scenario(struct scenario *sc, int types, int participants,
			   enum expectation_method method)
{
	scenario_init(sc);
	snprintf(sc->name, sizeof(sc->name), "%d types, N = %d", types,
		 participants);
	sc->participants = participants;
	sc->ntypes = types;
	sc->method = method;
	for (int i = 0; i < types; i++) {
		snprintf(sc->types[i].name, sizeof(sc->types[i].name), "t%d",
			 i + 1);
		sc->types[i].cost = 0.2 * exp(-4.0 * i / (types - 1));
		sc->types[i].prob = 1.0 / types;
	}
}

/*
 * Cold solves and warm re-solves after a 1% cost change (the middle
 * type's, up and down) for the sizes of issue 9's table, with the method
 * auto picks (or the one asked for) and the bound it reports.
 */
static int bench_large(struct solver *solver, int rounds)
{
	static const struct {
		int types, participants;
		enum expectation_method method;
	} cases[] = {
		{ 20, 10, METHOD_AUTO },   { 32, 20, METHOD_AUTO },
		{ 5, 1000, METHOD_AUTO },  { 8, 10000, METHOD_AUTO },
		{ 12, 10, METHOD_AUTO },   { 12, 10, METHOD_EXACT },
		{ 64, 10000, METHOD_AUTO },
	};
	/* These take seconds: a few rounds tell the median. */
	int runs = rounds < LARGE_RUNS ? rounds : LARGE_RUNS;

	printf("\nBeyond enumeration (issue 9), median of %d runs, seconds:\n",
	       runs);
	printf("%-22s %-7s %10s %10s %12s %11s\n", "scenario", "method",
	       "cold", "warm (1%)", "evaluations", "error <=");
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct scenario sc;
		struct model mdl;
		struct contract base, out;
		struct cml_error err;
		double cold[LARGE_RUNS], warm[2 * LARGE_RUNS];
		int warm_n = 0;
		long evals = 0;

		large_scenario(&sc, cases[c].types, cases[c].participants,
			       cases[c].method);
		if (model_init(&mdl, &sc, &err) != 0) {
			fprintf(stderr, "%s: %s\n", sc.name, err.msg);
			return -1;
		}
		for (int r = 0; r < runs; r++) {
			double t0 = clock_seconds();
			contract_solve(solver, &mdl, NULL, false, &base);
			cold[r] = clock_seconds() - t0;
			evals += base.stats.evaluations;
		}
		for (int dir = -1; dir <= 1; dir += 2) {
			struct scenario edited = sc;
			struct model changed;
			edited.types[sc.ntypes / 2].cost *= 1.0 + 0.01 * dir;
			if (model_init(&changed, &edited, &err) != 0)
				continue;
			for (int r = 0; r < runs; r++) {
				double t0 = clock_seconds();
				contract_solve(solver, &changed, &base, false, &out);
				warm[warm_n++] = clock_seconds() - t0;
			}
			model_free(&changed);
		}
		printf("%-22s %-7s %10.3f %10.3f %12ld %11.1g\n", sc.name,
		       expectation_method_name(mdl.method),
		       bench_quantile(cold, runs, 0.5),
		       bench_quantile(warm, warm_n, 0.5), evals / runs,
		       base.expectation_error);
		fflush(stdout);
		model_free(&mdl);
	}
	return 0;
}

/*
 * Small-N scenarios where outcomes with a(S) = 0 carry probability and
 * the global phase has to branch (README, "not concave everywhere").
 */
static void zero_region_cases(struct scenario *sc, int count)
{
	static const struct {
		const char *name;
		int participants, ntypes;
		double cost[3], prob[3];
	} cases[] = {
		{ "small-N8", 8, 2, { 1.69857, 0.216332 },
		  { 0.765457349141, 0.23454265085899995 } },
		{ "small-N2", 2, 2, { 1.187201, 0.029113 }, { 0.6402, 0.3598 } },
		{ "small-3x3", 3, 3, { 0.9, 0.2, 0.02 }, { 0.5, 0.3, 0.2 } },
	};
	for (int c = 0; c < count; c++) {
		scenario_init(&sc[c]);
		snprintf(sc[c].name, sizeof(sc[c].name), "%s", cases[c].name);
		sc[c].participants = cases[c].participants;
		sc[c].ntypes = cases[c].ntypes;
		for (int i = 0; i < cases[c].ntypes; i++) {
			snprintf(sc[c].types[i].name, sizeof(sc[c].types[i].name),
				 "Type %d", i + 1);
			sc[c].types[i].cost = cases[c].cost[i];
			sc[c].types[i].prob = cases[c].prob[i];
		}
	}
}

#define ZERO_REGION_CASES 3

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 101;
	struct solver *solver = solver_create();
	struct scenario small[ZERO_REGION_CASES];

	if (rounds < 1 || solver == NULL) {
		fprintf(stderr, "usage: bench [ROUNDS]\n");
		return 2;
	}
	zero_region_cases(small, ZERO_REGION_CASES);
	printf("cmlcontract solver benchmark: %d rounds, times in ms "
	       "(median / 90th percentile)\n", rounds);
	for (int global = 1; global >= 0; global--) {
		solver_set_global(solver, global);
		printf("\n%s\n", global ? "With the global phase (the default):" :
			"Without the global phase (local optimum only):");
		printf("%-11s %8s  %17s  %17s  %11s  %6s\n", "scenario", "outcomes",
		       "cold solve", "warm re-solve", "evaluations", "relax.");
		printf("%-11s %8s  %17s  %17s  %11s  %6s\n", "", "", "",
		       "(cost +-1%)", "cold / warm", "cold");
		for (int p = 0; p < presets_count; p++) {
			struct scenario sc;
			struct cml_error err;
			if (preset_load(&presets[p], &sc, &err) != 0 ||
			    bench_scenario(solver, presets[p].name, &sc, rounds) != 0)
				return 1;
		}
		for (int c = 0; c < ZERO_REGION_CASES; c++)
			if (bench_scenario(solver, small[c].name, &small[c],
					   rounds) != 0)
				return 1;
	}
	solver_set_global(solver, true);
	int rc = bench_large(solver, rounds);
	solver_free(solver);
	return rc == 0 && bench_sweep() == 0 ? 0 : 1;
}
