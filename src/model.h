/*
 * model.h - a scenario prepared for solving.
 *
 * The model holds what every solve needs and no solve changes: costs and
 * probabilities in cost order, the prepared accuracy and valuation, the
 * reservation levels and the outcome set.  It is read-only during a solve,
 * so several solvers (threads) may share one model.
 */
#ifndef CML_MODEL_H
#define CML_MODEL_H

#include "error.h"
#include "outcomes.h"
#include "reservation.h"
#include "scenario.h"

struct model {
	int ntypes;        /* I */
	int participants;  /* N */
	double cost[CML_MAX_TYPES]; /* c_1 > ... > c_I */
	double prob[CML_MAX_TYPES];
	struct accuracy accuracy;
	struct valuation valuation;
	struct reservation reserve[CML_MAX_TYPES];
	struct outcome_set outcomes; /* empty unless exact */
	double value_scale; /* v(a_opt): the largest possible model value */
	/*
	 * How the expectations are computed: exact (the outcome set) or
	 * the lattice method, never METHOD_AUTO here.  Each evaluation
	 * reports its own error bound (moments.error); expectation_error is
	 * a floor a contract's analysis assumes on top (0; tests raise it
	 * to exercise pooling within the error).
	 */
	enum expectation_method method;
	double expectation_error;
};

/*
 * Auto chooses exact enumeration up to this many outcomes, and only while
 * N is at most CML_MAX_EXACT_PARTICIPANTS.
 */
#define MODEL_AUTO_EXACT_OUTCOMES 200000

/*
 * The method a scenario's "method" resolves to (never METHOD_AUTO).  With
 * a non-linear valuation auto is exact wherever exact enumeration is
 * possible (scenario_validate() refuses the rest, and approx).
 */
enum expectation_method model_choose_method(const struct scenario *sc);

/* The same for a method, a size and v's linearity (a sweep point's). */
enum expectation_method model_resolve_method(enum expectation_method method,
					     int participants, int ntypes,
					     bool linear_value);

/*
 * Prepares a model from a valid scenario whose types are sorted by cost
 * (highest first).  The model must be zeroed or freed before.  Returns 0,
 * or -1 with err filled.
 */
int model_init(struct model *mdl, const struct scenario *sc,
	       struct cml_error *err);

/*
 * Brings an initialised model up to date with an edited scenario, keeping
 * the enumerated outcomes when N and the number of types are unchanged.
 * On failure the model is unchanged.
 */
int model_update(struct model *mdl, const struct scenario *sc,
		 struct cml_error *err);

void model_free(struct model *mdl);

#endif
