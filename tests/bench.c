/*
 * bench.c - solver timings per preset (make bench).
 *
 * For every built-in preset: the median time of a cold solve (model
 * prepared, no start given), and the median time of a warm re-solve after
 * one type's cost changes by 1% (each type, up and down), started from
 * the unchanged scenario's contract - what the explorer does per edit.
 * Prints medians and the 90th percentile; asserts nothing (machines are
 * noisy); the numbers go in the closing notes.
 *
 *   tests/bench [ROUNDS]     (default 101 rounds)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "contract.h"
#include "presets.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The q-quantile of n samples (sorts them). */
static double quantile(double *v, int n, double q)
{
	qsort(v, (size_t)n, sizeof(double), by_value);
	return v[(int)(q * (n - 1) + 0.5)];
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 101;
	struct solver *solver = solver_create();

	if (rounds < 1 || solver == NULL) {
		fprintf(stderr, "usage: bench [ROUNDS]\n");
		return 2;
	}
	printf("cmlcontract solver benchmark: %d rounds, times in ms "
	       "(median / 90th percentile)\n\n", rounds);
	printf("%-11s %8s  %17s  %17s  %11s\n", "preset", "outcomes",
	       "cold solve", "warm re-solve", "evaluations");
	printf("%-11s %8s  %17s  %17s  %11s\n", "", "", "", "(cost +-1%)",
	       "cold / warm");
	for (int p = 0; p < presets_count; p++) {
		struct scenario sc;
		struct cml_error err;
		struct model mdl;
		struct contract base, out;
		if (preset_load(&presets[p], &sc, &err) != 0 ||
		    model_init(&mdl, &sc, &err) != 0) {
			fprintf(stderr, "%s: %s\n", presets[p].name, err.msg);
			return 1;
		}
		double *cold = malloc(sizeof(double) * (size_t)rounds);
		int warm_max = rounds * 2 * sc.ntypes, warm_n = 0;
		double *warm = malloc(sizeof(double) * (size_t)warm_max);
		long cold_evals = 0, warm_evals = 0;
		for (int r = 0; r < rounds; r++) {
			double t0 = now();
			contract_solve(solver, &mdl, NULL, false, &base);
			cold[r] = now() - t0;
			cold_evals += base.stats.evaluations;
		}
		for (int j = 0; j < sc.ntypes; j++)
			for (int dir = -1; dir <= 1; dir += 2) {
				struct scenario edited = sc;
				struct model changed;
				edited.types[j].cost *= 1.0 + 0.01 * dir;
				if (model_init(&changed, &edited, &err) != 0)
					continue; /* would reorder the types */
				for (int r = 0; r < rounds; r++) {
					double t0 = now();
					contract_solve(solver, &changed, &base, false,
						       &out);
					warm[warm_n++] = now() - t0;
					warm_evals += out.stats.evaluations;
				}
				model_free(&changed);
			}
		printf("%-11s %8zu  %8.3f / %6.3f  %8.3f / %6.3f  %5ld / %3ld\n",
		       presets[p].name, mdl.outcomes.count,
		       1e3 * quantile(cold, rounds, 0.5),
		       1e3 * quantile(cold, rounds, 0.9),
		       1e3 * quantile(warm, warm_n, 0.5),
		       1e3 * quantile(warm, warm_n, 0.9), cold_evals / rounds,
		       warm_n ? warm_evals / warm_n : 0);
		free(cold);
		free(warm);
		model_free(&mdl);
	}
	solver_free(solver);
	return 0;
}
