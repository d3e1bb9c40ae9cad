/*
 * contract-diff.h - what moved between two contracts, said in one line.
 *
 * After an edit the explorer says what the re-solve changed: E[v], the
 * pooling status or groups, and the largest changes of m_i, t_i and the
 * rents.  Pure (no curses), so the wording is unit tested.
 */
#ifndef CML_CONTRACT_DIFF_H
#define CML_CONTRACT_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "contract.h"

/* Changes below this fraction of the value scale count as none. */
#define CONTRACT_DIFF_NEGLIGIBLE 1e-9

struct contract_change {
	double value_before, value_after;  /* E[v(a(S))] */
	bool status_changed, groups_changed;
	bool per_type;  /* same number of types: per-type changes below */
	int m_type, t_type, rent_type;     /* 0-based, -1: none moved */
	double m_delta, t_delta, rent_delta;
};

void contract_change_compute(const struct contract *before,
			     const struct contract *after, double value_scale,
			     struct contract_change *out);

/*
 * The change in at most width columns: parts joined by "; ", each in its
 * long form if everything fits, else its short form, then whole parts
 * dropped from the end; a number is never cut.  Returns buf.
 */
char *contract_change_format(const struct contract_change *ch,
			     const struct contract *before,
			     const struct contract *after, int width, char *buf,
			     size_t size);

#endif
