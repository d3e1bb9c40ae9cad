/*
 * model.c - preparing a scenario for solving.
 */
#include "model.h"

#include <string.h>

/* Type i's reservation level from its outside option. */
static void reservation_of_type(struct model *mdl,
				const struct outside_option *o, int i)
{
	struct reservation *r = &mdl->reserve[i];
	struct accuracy own;
	char why[128];

	switch (o->kind) {
	case OUTSIDE_COMMON:
		reservation_compute(&mdl->accuracy, &mdl->valuation,
				    mdl->cost[i], r);
		break;
	case OUTSIDE_TECHNOLOGY:
		own = o->accuracy;
		(void)accuracy_prepare(&own, why, sizeof(why)); /* validated */
		reservation_compute(&own, &mdl->valuation, mdl->cost[i], r);
		break;
	case OUTSIDE_PROFIT:
		/* Earned without data: no reservation point to train on. */
		memset(r, 0, sizeof(*r));
		r->profit = o->profit;
		r->value = o->profit;
		r->trains_alone = o->profit > 0.0;
		break;
	}
}

/* Everything but the outcome set. */
static int fill_parameters(struct model *mdl, const struct scenario *sc,
			   struct cml_error *err)
{
	struct scenario_problem problem;
	char why[256];

	if (scenario_validate(sc, &problem) != 0) {
		cml_error_set(err, NULL, 0, 0, "%s", problem.msg);
		return -1;
	}
	for (int i = 1; i < sc->ntypes; i++)
		if (!(sc->types[i].cost < sc->types[i - 1].cost)) {
			cml_error_set(err, NULL, 0, 0, "types are not sorted "
				      "by cost, highest first");
			return -1;
		}
	mdl->ntypes = sc->ntypes;
	mdl->participants = sc->participants;
	mdl->method = model_choose_method(sc);
	mdl->expectation_error = 0.0;
	mdl->accuracy = sc->accuracy;
	mdl->valuation = sc->valuation;
	if (accuracy_prepare(&mdl->accuracy, why, sizeof(why)) != 0 ||
	    valuation_prepare(&mdl->valuation, why, sizeof(why)) != 0) {
		cml_error_set(err, NULL, 0, 0, "%s", why);
		return -1;
	}
	for (int i = 0; i < sc->ntypes; i++) {
		mdl->cost[i] = sc->types[i].cost;
		mdl->prob[i] = sc->types[i].prob;
		reservation_of_type(mdl, &sc->types[i].outside, i);
	}
	/* a(m) tends to its supremum; that bounds every model's value. */
	double a_max = accuracy_eval(&mdl->accuracy, 1e300, NULL, NULL);
	mdl->value_scale = valuation_eval(&mdl->valuation, a_max, NULL, NULL);
	return 0;
}

enum expectation_method model_resolve_method(enum expectation_method method,
					     int participants, int ntypes,
					     bool linear_value)
{
	if (method != METHOD_AUTO)
		return method;
	/* Exact counts are 16-bit (sizes.h): beyond that N, never exact. */
	if (participants > CML_MAX_EXACT_PARTICIPANTS)
		return METHOD_APPROX;
	size_t limit = linear_value ? MODEL_AUTO_EXACT_OUTCOMES :
				      CML_MAX_OUTCOMES;
	return scenario_outcome_count(participants, ntypes) <= limit
		       ? METHOD_EXACT
		       : METHOD_APPROX;
}

enum expectation_method model_choose_method(const struct scenario *sc)
{
	return model_resolve_method(sc->method, sc->participants, sc->ntypes,
				    valuation_is_linear(&sc->valuation));
}

/* The outcome set when the method needs it; an empty one otherwise. */
static int prepare_outcomes(struct model *mdl, struct cml_error *err)
{
	if (mdl->method != METHOD_EXACT)
		return 0;
	return outcomes_enumerate(&mdl->outcomes, mdl->participants,
				  mdl->ntypes, mdl->prob, err);
}

int model_init(struct model *mdl, const struct scenario *sc,
	       struct cml_error *err)
{
	memset(mdl, 0, sizeof(*mdl));
	if (fill_parameters(mdl, sc, err) != 0)
		return -1;
	return prepare_outcomes(mdl, err);
}

int model_update(struct model *mdl, const struct scenario *sc,
		 struct cml_error *err)
{
	struct model next = *mdl;

	if (fill_parameters(&next, sc, err) != 0)
		return -1;
	if (next.method != METHOD_EXACT) {
		outcomes_free(&mdl->outcomes);
		next.outcomes = mdl->outcomes;
		*mdl = next;
		return 0;
	}
	if (mdl->method == METHOD_EXACT &&
	    next.participants == mdl->outcomes.participants &&
	    next.ntypes == mdl->outcomes.ntypes) {
		if (memcmp(next.prob, mdl->prob, sizeof(next.prob)) != 0)
			outcomes_reweight(&next.outcomes, next.prob);
		*mdl = next;
		return 0;
	}
	memset(&next.outcomes, 0, sizeof(next.outcomes));
	if (prepare_outcomes(&next, err) != 0)
		return -1;
	outcomes_free(&mdl->outcomes);
	*mdl = next;
	return 0;
}

void model_free(struct model *mdl)
{
	outcomes_free(&mdl->outcomes);
	memset(mdl, 0, sizeof(*mdl));
}
