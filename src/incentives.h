/*
 * incentives.h - what each type would get from every option of a solved
 * contract, and which participation and incentive constraints bind.
 *
 * The table contract theory is taught with: row i, column j is
 * t_j - c_i m_j, what type i gets by taking option j; the diagonal is
 * its own option u_i.  From it: per row the best deviation, every binding
 * IC (type i indifferent between its option and option j), every binding
 * IR (u_i = f_i), and for a property check that fails, one line of why.
 *
 * Pooled types (one pooling group of the contract, contract.h) hold the
 * same option, so the IC between them binds trivially; it is left out of
 * the binding lists and of the best deviations.  A type that binds with
 * a pooled group's option is listed once, with the group's member nearest
 * to it (scenario 1: "5->4", not "5->1, 5->2, 5->3, 5->4").
 *
 * Pure engine code: no curses.  Reentrant; the caller owns the record.
 */
#ifndef CML_INCENTIVES_H
#define CML_INCENTIVES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "checks.h"
#include "contract.h"
#include "model.h"

/*
 * A constraint binds when its slack is within this fraction of the value
 * scale V: 1e-5 in value units on the paper's scale (V = 100).  Why this
 * size: a constraint the solver holds active ends within
 * LOCAL_FEASIBILITY_TOL * V (1e-11 V) of zero, and the adjacent IC
 * constraints it imposes are exact up to rounding (about 1e-14 V), so a
 * binding slack sits at least four orders of magnitude inside; a slack
 * that does not bind is a difference of options, (c_i - c_j)(m_j - m_i)
 * for an upward IC, which only shrinks to 1e-7 V when two options are a
 * few hundredths of a unit apart, that is when they are all but pooled.
 * Measured (tests/test-incentives.c): on the presets no slack lies
 * within a factor 100 of this on either side; on 150 random scenarios
 * binding slacks stay 100 times inside, and only ICs across nearly pooled
 * neighbours (m a thousandth apart) come within 100 times outside.
 */
#define INCENTIVES_BINDING_TOL 1e-7

/* One binding incentive constraint: type would take option's option. */
struct incentive_pair {
	uint8_t type;    /* 0-based i, the type tempted */
	uint8_t option;  /* 0-based j, the option it is indifferent to */
};

struct incentives {
	int ntypes;
	double tolerance;  /* value units: INCENTIVES_BINDING_TOL * V */
	/* payoff[i][j] = t_j - c_i m_j (value units); the diagonal is u_i. */
	double payoff[CML_MAX_TYPES][CML_MAX_TYPES];
	/* u_i - f_i: the IR constraint's slack (the contract's rent). */
	double ir_slack[CML_MAX_TYPES];
	bool ir_binds[CML_MAX_TYPES];
	/*
	 * Per row the best option of another pooling group and its slack
	 * u_i - payoff[i][j] (ties within the tolerance go to the nearest
	 * type); -1 and INFINITY when every option is i's own (one group).
	 */
	int best_deviation[CML_MAX_TYPES];
	double best_slack[CML_MAX_TYPES];
	/* Slack within the tolerance, j outside i's pooling group. */
	bool ic_binds[CML_MAX_TYPES][CML_MAX_TYPES];
	/* The binding IR types, 0-based, in increasing order. */
	int nbinding_ir;
	uint8_t binding_ir[CML_MAX_TYPES];
	/* The binding ICs, one per type and other group (see above), by
	   type, then option. */
	int nbinding_ic;
	struct incentive_pair binding_ic[CML_MAX_TYPES * (CML_MAX_TYPES - 1)];
};

/* Fills out from a contract solved (or analysed) for mdl. */
void incentives_compute(const struct model *mdl, const struct contract *c,
			struct incentives *out);

/* u_i - (t_j - c_i m_j): what type i loses by taking option j. */
double incentives_slack(const struct incentives *inc, int i, int j);

/*
 * The binding lists as one line, 1-based: "IR binds: 1 · IC binds: 2→1,
 * 4→3" (with ascii: "IR binds: 1 - IC binds: 2->1, 4->3"); "none" for an
 * empty list.  In at most width columns: where that does not fit, the
 * labels in short ("IR: 1 - IC: 2->1, 4->3"), and where that does not
 * either, the first entries that fit, then "+N more", never an entry cut
 * short; the IC list gives way first.  "" if not even the labels fit.
 */
void incentives_format_binding(const struct incentives *inc, bool ascii,
			       int width, char *buf, size_t size);

/*
 * Room for incentives_format_binding() at CML_MAX_TYPES types: 64 IR
 * entries and 4032 IC pairs of up to 7 characters with separators.
 */
#define INCENTIVES_BINDING_MAX (16 * CML_MAX_TYPES * CML_MAX_TYPES)

/*
 * One line of why check k fails on this contract, with its live number,
 * e.g. "adjacent IC slack 49.1 (3->2): Theorem 1 does not hold here; the
 * full problem is solved".  Types are 1-based; plain ASCII.  "" if the
 * check passes or does not apply.
 */
void incentives_check_reason(const struct contract *c,
			     const struct incentives *inc, enum check_id k,
			     char *buf, size_t size);

#endif
