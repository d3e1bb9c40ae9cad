/*
 * figure-contract.h - the paper's Figure 3 row for one scenario.
 *
 * Left: per type (one row each, type 1 at the top) the data it would use
 * alone, m~_i, above what the contract asks, m_i, the part beyond m~_i
 * (incentivised extra) and the part short of it (reduction) told apart;
 * types that would not train alone are marked.  Right, in the same rows:
 * each type's reward distribution under proportional assignment (the
 * explorer's histogram binning, view-hist.c) with t_i, its mean, marked.
 * Pure: builds a display list from a solved contract and its reward
 * distributions; nothing is solved here.
 */
#ifndef CML_FIGURE_CONTRACT_H
#define CML_FIGURE_CONTRACT_H

#include "contract.h"
#include "figure.h"
#include "rewards.h"
#include "scenario.h"

/* Value bins of each reward histogram. */
#define FIGURE_REWARD_BINS 48

struct figure_contract_input {
	const struct scenario *scenario; /* type names and costs */
	const char *title;
	const struct contract *contract; /* solved (result >= 0) */
	/* contract->ntypes distributions, as rewards_distribution() gives
	   them for the contract's (m, t, tbar); NULL for none (drawn as
	   "no collaboration"). */
	const struct reward_distribution *dists;
};

/* Appends the figure to f.  Returns 0, or -1 if memory ran out. */
int figure_contract(struct figure *f, const struct figure_contract_input *in);

#endif
