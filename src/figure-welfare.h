/*
 * figure-welfare.h - the contract against complete information, per type.
 *
 * In one row per type: the data the contract asks (m_i) beside what a
 * type contributes when the coordinator sees every cost, and the model
 * value it receives (t_i) beside the complete-information one, with the
 * information rent u_i - f_i; the title carries E[v(a(S))] both ways and
 * the information cost.  The numbers are complete.h's, computed by
 * contract_solve with the benchmark.  Pure.
 */
#ifndef CML_FIGURE_WELFARE_H
#define CML_FIGURE_WELFARE_H

#include "contract.h"
#include "figure.h"
#include "scenario.h"

struct figure_welfare_input {
	const struct scenario *scenario;
	const char *title;
	const struct contract *contract; /* with has_complete_info */
};

/* Appends the figure to f.  Returns 0, or -1 without the benchmark or
   if memory ran out. */
int figure_welfare(struct figure *f, const struct figure_welfare_input *in);

#endif
