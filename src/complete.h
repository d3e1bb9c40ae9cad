/*
 * complete.h - the complete-information benchmark (Prop. 2) and welfare.
 *
 * If the coordinator saw every party's cost, then in each outcome n every
 * party gets the best model and every present type's IR binds:
 * m_i(n) = (v(a(S)) - f_i) / c_i, where S is the largest root of
 *     S = sum_i n_i (v(a(S)) - f_i) / c_i.
 * That is one concave 1-D equation per outcome.  Against it:
 *   information cost = E[v(a(S_incomplete))] - E[v(a(S_complete))],
 *   information rent of type i = u_i - f_i.
 * The information cost is usually negative but can be positive: this
 * benchmark holds each party's IR in every outcome (ex post), the
 * contract only on average over the outcomes it can meet (interim), so
 * where a few expensive parties cannot train together ex post, the
 * contract can still have them join for the chance of a cheap partner
 * (N = 2, costs 1.187201 and 0.029113, probabilities 0.6402 and 0.3598:
 * contract 48.677, benchmark 43.433, cost +5.24).
 */
#ifndef CML_COMPLETE_H
#define CML_COMPLETE_H

#include "model.h"

struct complete_info {
	double expected_value;     /* E[v(a(S_complete(n)))] */
	double expected_accuracy;  /* E[a(S_complete(n))] */
	double information_cost;   /* incomplete minus complete (either sign) */
	double rent[CML_MAX_TYPES];/* u_i - f_i under the contract */
	/*
	 * What a party of type i meets under complete information, given it
	 * takes part (n_i >= 1): its expected contribution
	 * E[(v(a(S)) - f_i) / c_i] (0 where no one trains) and the expected
	 * value of the model it gets, E[v(a(S))] -- beside the contract's
	 * m_i and t_i they show the distortion and the information rent.
	 */
	double contribution[CML_MAX_TYPES];
	double type_value[CML_MAX_TYPES];
};

/*
 * The largest root S of S = A v(a(S)) - B for A > 0, B >= 0, or 0 when
 * no positive root exists.  Exposed for tests.
 */
double complete_root(const struct model *mdl, double a_coef, double b_coef);

/*
 * Type's contribution under complete information in an outcome whose
 * data is s and whose model is worth value: (value - f) / c, 0 when no
 * one trains (s = 0).
 */
double complete_contribution(const struct model *mdl, int type, double s,
			     double value);

/*
 * The benchmark for a model, compared with the contract (m, t) whose
 * expected model value is incomplete_value.
 */
void complete_info_compute(const struct model *mdl, const double *m,
			   const double *t, double incomplete_value,
			   struct complete_info *out);

#endif
