/*
 * testutil.c - tests only: shared helpers.
 */
#include "testutil.h"
#include "param.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <cmocka.h>

void test_scenario(struct scenario *sc, int participants, int ntypes,
		   const double *cost, const double *prob)
{
	scenario_init(sc);
	sc->participants = participants;
	sc->ntypes = ntypes;
	for (int i = 0; i < ntypes; i++) {
		snprintf(sc->types[i].name, sizeof(sc->types[i].name),
			 "Type %d", i + 1);
		sc->types[i].cost = cost[i];
		sc->types[i].prob = prob[i];
	}
}

void test_positive_cost_scenario(struct scenario *sc)
{
	static const double cost[2] = { 1.187201, 0.029113 };
	static const double prob[2] = { 0.6402, 0.3598 };

	test_scenario(sc, 2, 2, cost, prob);
}

void test_solve_positive_cost(struct scenario *sc, struct model *mdl,
			      struct contract *out)
{
	test_positive_cost_scenario(sc);
	test_model(mdl, sc);
	assert_int_equal(test_solve(mdl, true, out), SOLVER_OK);
}

void test_model(struct model *mdl, const struct scenario *sc)
{
	struct cml_error err;

	if (model_init(mdl, sc, &err) != 0)
		fail_msg("model_init: %s", err.msg);
}

enum solver_result test_solve(const struct model *mdl, bool complete,
			      struct contract *out)
{
	struct solver *s = solver_create();
	assert_non_null(s);
	enum solver_result r = contract_solve(s, mdl, NULL, complete, out);
	solver_free(s);
	return r;
}

double test_uniform(struct test_rng *rng)
{
	rng->state ^= rng->state >> 12;
	rng->state ^= rng->state << 25;
	rng->state ^= rng->state >> 27;
	uint64_t x = rng->state * 2685821657736338717ULL;
	return (double)(x >> 11) * (1.0 / 9007199254740992.0);
}

int test_int(struct test_rng *rng, int lo, int hi)
{
	return lo + (int)(test_uniform(rng) * (hi - lo + 1));
}

double test_in_range(struct test_rng *rng, const struct param_desc *d)
{
	double u = test_uniform(rng);

	double v = d->min > 0 && d->max / d->min > 10.0 ?
			   d->min * pow(d->max / d->min, u) :
			   d->min + (d->max - d->min) * u;
	/* An open end is not a value (u = 0 is possible, if rare). */
	return d->min_open && v <= d->min ? 0.5 * (d->min + d->max) : v;
}

/*
 * Each type keeps the common technology, gets a fixed profit up to 1.3
 * times its common f_i, or a technology of its own from a random
 * accuracy family with random parameters.
 */
void test_random_outside(struct test_rng *rng, struct scenario *sc)
{
	struct model common;
	char why[128];
	int nfamilies = 0;

	while (accuracy_families[nfamilies] != NULL)
		nfamilies++;
	test_model(&common, sc);
	for (int i = 0; i < sc->ntypes; i++) {
		struct outside_option *o = &sc->types[i].outside;
		double u = test_uniform(rng);
		if (u < 1.0 / 3.0)
			continue;
		if (u < 2.0 / 3.0) {
			o->kind = OUTSIDE_PROFIT;
			o->profit = 1.3 * test_uniform(rng) *
				    common.reserve[i].profit;
			continue;
		}
		const struct accuracy_family *af =
			accuracy_families[test_int(rng, 0, nfamilies - 1)];
		o->kind = OUTSIDE_TECHNOLOGY;
		accuracy_init_default(&o->accuracy, af);
		for (int p = 0; p < af->nparams; p++)
			o->accuracy.param[p] = test_in_range(rng, &af->params[p]);
		assert_int_equal(accuracy_prepare(&o->accuracy, why, sizeof(why)),
				 0);
	}
	model_free(&common);
}

double test_rel(double a, double b)
{
	return fabs(a - b) / fmax(fabs(b), 1e-300);
}
