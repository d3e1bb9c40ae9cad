/*
 * testutil.h - tests only: scenarios from arrays, solving, a seeded PRNG.
 */
#ifndef CML_TESTUTIL_H
#define CML_TESTUTIL_H

#include <stdint.h>

#include "contract.h"
#include "model.h"
#include "scenario.h"

/* A default scenario with the given N, costs and probabilities. */
void test_scenario(struct scenario *sc, int participants, int ntypes,
		   const double *cost, const double *prob);

/*
 * Issue 7's scenario where the information cost is positive (+5.24):
 * N = 2, costs 1.187201 and 0.029113, probabilities 0.6402 and 0.3598.
 */
void test_positive_cost_scenario(struct scenario *sc);

/* That scenario, its model and its contract with complete information. */
void test_solve_positive_cost(struct scenario *sc, struct model *mdl,
			      struct contract *out);

/* model_init that fails the test on error. */
void test_model(struct model *mdl, const struct scenario *sc);

/* Solves with a fresh solver (cold) and analyses; complete info on request. */
enum solver_result test_solve(const struct model *mdl, bool complete,
			      struct contract *out);

/* xorshift64*: deterministic across platforms. */
struct test_rng {
	uint64_t state;
};
double test_uniform(struct test_rng *rng);    /* [0, 1) */
int test_int(struct test_rng *rng, int lo, int hi); /* [lo, hi] */

struct param_desc;
/* A value in d's range: log-uniform where it spans over a decade. */
double test_in_range(struct test_rng *rng, const struct param_desc *d);

/*
 * Random outside options for sc's types (sorted): each type keeps the
 * common technology, gets a fixed profit up to 1.3 times its common f_i,
 * or a technology of any accuracy family with random parameters.
 */
void test_random_outside(struct test_rng *rng, struct scenario *sc);

/* Relative difference |a - b| / max(|b|, tiny). */
double test_rel(double a, double b);

#endif
