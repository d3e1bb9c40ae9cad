/*
 * problem.h - the first-moment problem in the solver's variables.
 *
 * Variables (2I, all >= 0, scaled to order 1):
 *   x[k]     = d_k / scale_d[k]   increments, m_i = sum_{k<=i} d_k
 *   x[I + k] = e_k / V            slack of the adjacent downward IC
 * so that u_1 = f_1 + e_1 and u_i = u_{i-1} + (c_{i-1} - c_i) m_{i-1} + e_i,
 * t_i = u_i + c_i m_i.  Pooling types k-1 and k is the bound d_k = 0, met
 * exactly; e = 0 is the paper's Theorem 1 (adjacent IC binds), which is
 * not imposed, so scenarios where it fails (e.g. N = 1) still solve.
 *
 * Objective: E[a(S)], maximised.  Constraints (<= 0, in units of V):
 *   IR_i      f_i - u_i                         i = 2..I
 *   upIC_i    e_i - (c_{i-1} - c_i) d_i         i = 2..I
 *   budget_i  t_i - tbar_i(m)                   i = 1..I
 * Downward adjacent IC and monotonicity are the bounds e, d >= 0, and
 * with upIC they imply every IC constraint.
 */
#ifndef CML_PROBLEM_H
#define CML_PROBLEM_H

#include <stdbool.h>

#include "model.h"
#include "moments.h"

struct problem {
	const struct model *mdl;
	int types;
	double scale_d[CML_MAX_TYPES]; /* contribution units per x[k] */
	double value;                  /* V: value units per x[I+k] */
	double x_cached[2 * CML_MAX_TYPES];
	bool have_cache;
	struct moments mom;            /* at x_cached */
	int evaluations;               /* moment passes made */
	double lattice_hint;           /* approx: resolution (lattice.h) */
	/*
	 * When not NULL, a(S) is replaced by these concave envelopes
	 * (moments_eval_relaxed): the convex relaxation bound.c solves.
	 */
	const struct envelope *relax;
	bool relax_shared;             /* relax[0] serves every outcome */
};

/* Prepares p for mdl with scales taken from contributions m. */
void problem_init(struct problem *p, const struct model *mdl,
		  const double *m);

/* Re-derives the scales from contributions m (drops the cache). */
void problem_set_scales(struct problem *p, const double *m);

static inline int problem_variables(const struct problem *p)
{
	return 2 * p->types;
}

static inline int problem_constraints(const struct problem *p)
{
	return 3 * p->types - 2;
}

/* Switches to the relaxation env (NULL: the true problem); drops the cache. */
void problem_set_relaxation(struct problem *p, const struct envelope *env,
			    bool shared);

/* Contributions m and utilities u from variables x. */
void problem_unpack(const struct problem *p, const double *x, double *m,
		    double *u);

/* Variables from a contract (m non-decreasing); negatives clamp to 0. */
void problem_pack(const struct problem *p, const double *m, const double *t,
		  double *x);

/* The objective at x, and its gradient if grad is not NULL. */
double problem_objective(struct problem *p, const double *x, double *grad);

/*
 * The constraint values at x (problem_constraints() of them) and, if jac
 * is not NULL, their Jacobian, row-major (constraints x variables).
 */
void problem_eval_constraints(struct problem *p, const double *x,
			      double *values, double *jac);

/* Largest violation of IR, IC, monotonicity and budgets at (m, t). */
double problem_max_violation(const struct model *mdl, const double *m,
			     const double *t, const double *tbar);

#endif
