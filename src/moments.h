/*
 * moments.h - the exact expectations of the first-moment problem.
 *
 * For contributions m, one pass over the outcome set gives
 *   E[a(S)]                  the coordinator's objective,
 *   tbar_i = E_i[v(a(S))]    the budget of type i (conditioned on n_i >= 1),
 * and their gradients d/dm_j E[a(S)] = E[n_j a'(S)] and likewise for tbar.
 * This is the solver's hot path.
 */
#ifndef CML_MOMENTS_H
#define CML_MOMENTS_H

#include <stdbool.h>

#include "model.h"

struct moments {
	double expected_accuracy;             /* E[a(S)] */
	double expected_value;                /* E[v(a(S))] */
	double tbar[CML_MAX_TYPES];           /* E_i[v(a(S))] */
	/* Bound on the relative error of the above (0: exact, lattice.h). */
	double error;
	/* Filled only when gradients are asked for: */
	double accuracy_grad[CML_MAX_TYPES];  /* d E[a(S)] / d m_j */
	double tbar_grad[CML_MAX_TYPES][CML_MAX_TYPES]; /* d tbar_i / d m_j */
};

/* v(a(S(n))) for outcome r of the model's set, with contributions m. */
double moments_outcome_value(const struct model *mdl, const double *m,
			     size_t r);

/* Evaluates the moments at m (length I, every entry >= 0). */
void moments_eval(const struct model *mdl, const double *m, bool gradients,
		  struct moments *out);

struct envelope;

/*
 * The same moments with a(S) replaced by its concave envelope (envelope.h):
 * env[r] for outcome r, or env[0] for every outcome when shared; with env
 * NULL, the exact moments.  v is
 * applied to the envelope, so the budgets are relaxed as well.
 */
void moments_eval_relaxed(const struct model *mdl, const double *m,
			  const struct envelope *env, bool shared,
			  bool gradients, struct moments *out);

/*
 * moments_eval_relaxed() with the approx method's resolution hint
 * (lattice_moments()), for a solver's sequence of evaluations.
 */
void moments_eval_hinted(const struct model *mdl, const double *m,
			 const struct envelope *env, bool shared,
			 bool gradients, double *hint, struct moments *out);

#endif
