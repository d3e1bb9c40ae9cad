/*
 * contract.h - a solved contract with everything a report shows.
 *
 * contract_solve() is the one call the front ends make: it solves the
 * model (warm-started when a previous contract is given) and derives the
 * per-type results, the pooling groups, the property checks and, on
 * request, the complete-information benchmark.  The CLI, the explorer,
 * the sweep, the tests and the benchmark all read this record.
 */
#ifndef CML_CONTRACT_H
#define CML_CONTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "checks.h"
#include "complete.h"
#include "model.h"
#include "solver.h"

/* Relative gap below which adjacent contributions count as pooled. */
#define CONTRACT_POOLING_TOL 1e-6
/*
 * With approximate expectations, adjacent options whose reward gap is
 * within this many times the expectation error (relative to the larger
 * budget) count as pooled too; the reasoning is in contract.c.
 */
#define CONTRACT_ERROR_POOLING_K 2.0
/*
 * Separated adjacent options closer than this (percent of the larger
 * contribution) are reported as nearly pooled: twotype's 1915.8 and
 * 1917.9 (0.11%) separate, but a lecturer should not read them as two
 * clearly different offers, and Figure 2's pooling boundary is ragged
 * because of such points.
 */
#define CONTRACT_NEAR_POOLING_PERCENT 1.0

enum pooling_status {
	POOLING_SEPARATING,      /* every option distinct */
	POOLING_FULL,            /* one option for all */
	POOLING_PARTIAL,         /* some groups of more than one type */
	POOLING_NONE,            /* no collaboration: nobody contributes */
};

struct type_result {
	double reservation_contribution; /* m~_i */
	double reservation_profit;       /* f_i */
	double reservation_value;        /* v(a(m~_i)) */
	bool trains_alone;
	double contribution;             /* m_i */
	double reward_value;             /* t_i = E_i[v(r_i)] */
	double reward_accuracy;          /* E_i[r_i] */
	double utility;                  /* u_i = t_i - c_i m_i */
	double rent;                     /* u_i - f_i */
	double tbar;                     /* E_i[v(a(S))] */
	double extra;                    /* m_i - m~_i */
	int group;                       /* 0-based pooling group */
};

struct contract {
	int ntypes;
	int participants;
	struct type_result type[CML_MAX_TYPES];
	struct solution solution;        /* m, t as solved (for warm starts) */
	double expected_value;           /* E[v(a(S))] */
	double expected_accuracy;        /* E[a(S)] */
	enum pooling_status status;
	int ngroups;
	int group_first[CML_MAX_TYPES];  /* 0-based first type of each group */
	int group_size[CML_MAX_TYPES];
	/*
	 * How the expectations were computed (the model's method, exact or
	 * approx) and the bound on the relative error of E[v] and of every
	 * tbar_i at this contract (0 when exact).
	 */
	enum expectation_method method;
	double expectation_error;
	/*
	 * True if some adjacent types are reported pooled only because the
	 * expectation error cannot tell their options apart (see
	 * CONTRACT_ERROR_POOLING_K).
	 */
	bool pooling_within_error;
	/*
	 * The closest separated adjacent pair: types closest_pair and
	 * closest_pair + 1 (0-based; -1 when no adjacent options differ),
	 * their gap m_{k+1} - m_k in units and in percent of m_{k+1}, and
	 * whether that is below CONTRACT_NEAR_POOLING_PERCENT.
	 */
	int closest_pair;
	double closest_gap, closest_gap_percent;
	bool nearly_pooled;
	struct check_result checks[CHECK_COUNT];
	enum solver_result result;
	struct solver_stats stats;
	bool has_complete_info;
	struct complete_info complete;
};

/*
 * Solves mdl and fills out.  warm may be NULL or a previous contract with
 * the same number of types.  With complete_info the benchmark is computed
 * too (one root per outcome).  Returns out->result; on a failed solve out
 * still holds the best point found, with result < 0.
 */
enum solver_result contract_solve(struct solver *s, const struct model *mdl,
				  const struct contract *warm,
				  bool complete_info, struct contract *out);

/* Derives everything from a solution (used by contract_solve). */
void contract_analyse(const struct model *mdl, const struct solution *sol,
		      struct contract *out);


/* "separating", "pooling", "partial pooling" or "no collaboration". */
const char *contract_status_name(enum pooling_status status);

/*
 * How the expectations were computed, as the text report and the
 * explorer's header say it: "exact: 1001 outcomes" (outcomes: the size
 * of the model's outcome set) or "approx: error <= 3e-11" (the bound
 * rounded up to one digit, numfmt_bound()).
 */
void contract_format_method(const struct contract *c, size_t outcomes,
			    char *buf, size_t size);

/* The note a contract with pooling_within_error carries. */
#define CONTRACT_WITHIN_ERROR_NOTE \
	"(pooling called within the expectation error)"

/*
 * Room for every group's text at CML_MAX_TYPES types with its '\0': the
 * longest is every type apart, "{1} {2} ... {64}" (310 characters).
 */
#define CONTRACT_GROUPS_MAX (8 * CML_MAX_TYPES + 8)

/* Writes the groups as "{1,2} {3,4} {5}" (1-based). */
void contract_format_groups(const struct contract *c, char *buf, size_t size);

/*
 * The same in at most width columns: every group if they fit, else the
 * first ones that fit followed by "+N more", never a group cut short
 * ("" if not even the count fits).
 */
void contract_format_groups_within(const struct contract *c, int width,
				   char *buf, size_t size);

#endif
