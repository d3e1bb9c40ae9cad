/*
 * incentives.c - the incentive table and the binding constraints.
 */
#include "incentives.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"

double incentives_slack(const struct incentives *inc, int i, int j)
{
	return inc->payoff[i][i] - inc->payoff[i][j];
}

/* How many types apart i and j are. */
static int distance(int i, int j)
{
	return i > j ? i - j : j - i;
}

/* Whether option j is a better deviation for type i than best so far. */
static bool better_deviation(const struct incentives *inc, int i, int j,
			     int best)
{
	if (best < 0)
		return true;
	double gain = inc->payoff[i][j] - inc->payoff[i][best];
	if (fabs(gain) > inc->tolerance)
		return gain > 0.0;
	/* A tie: the nearer type, then the more expensive one (below i). */
	int dj = distance(i, j), db = distance(i, best);
	return dj < db || (dj == db && j < best);
}

void incentives_compute(const struct model *mdl, const struct contract *c,
			struct incentives *out)
{
	int types = c->ntypes;

	out->ntypes = types;
	out->tolerance = INCENTIVES_BINDING_TOL * fmax(mdl->value_scale, 1e-300);
	out->nbinding_ir = 0;
	out->nbinding_ic = 0;
	for (int i = 0; i < types; i++)
		for (int j = 0; j < types; j++)
			out->payoff[i][j] = c->type[j].reward_value -
					    mdl->cost[i] * c->type[j].contribution;
	for (int i = 0; i < types; i++) {
		/* The rent, with the contract's own rounding of u_i - f_i. */
		out->ir_slack[i] = c->type[i].rent;
		out->ir_binds[i] = fabs(out->ir_slack[i]) <= out->tolerance;
		if (out->ir_binds[i])
			out->binding_ir[out->nbinding_ir++] = (uint8_t)i;
		out->best_deviation[i] = -1;
		out->best_slack[i] = INFINITY;
		for (int j = 0; j < types; j++) {
			out->ic_binds[i][j] = false;
			if (c->type[j].group == c->type[i].group)
				continue;
			out->ic_binds[i][j] = fabs(incentives_slack(out, i, j)) <=
					      out->tolerance;
			if (better_deviation(out, i, j, out->best_deviation[i]))
				out->best_deviation[i] = j;
		}
		if (out->best_deviation[i] >= 0)
			out->best_slack[i] = incentives_slack(out, i,
							      out->best_deviation[i]);
		/* One pair per other group: its binding member nearest i. */
		for (int g = 0; g < c->ngroups; g++) {
			if (g == c->type[i].group)
				continue;
			int near = -1, first = c->group_first[g];
			for (int j = first; j < first + c->group_size[g]; j++)
				if (out->ic_binds[i][j] &&
				    (near < 0 || distance(i, j) < distance(i, near)))
					near = j;
			if (near >= 0)
				out->binding_ic[out->nbinding_ic++] =
					(struct incentive_pair){ (uint8_t)i,
								 (uint8_t)near };
		}
	}
}

/* Display columns of a UTF-8 string (each character is one here). */
static int columns(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Entry k of the IR list (ic false) or the IC list, 1-based. */
static void entry_text(const struct incentives *inc, bool ic, int k,
		       bool ascii, char *buf, size_t size)
{
	if (!ic)
		snprintf(buf, size, "%d", inc->binding_ir[k] + 1);
	else
		snprintf(buf, size, "%d%s%d", inc->binding_ic[k].type + 1,
			 ascii ? "->" : "\u2192", inc->binding_ic[k].option + 1);
}

/*
 * Appends "LABEL binds: " and the first shown of total entries, then
 * "+N more" for the rest ("none" for an empty list), one whole piece at a
 * time while it fits in size.  Returns the columns of the whole text;
 * *need counts the bytes it takes, written or not.
 */
static int append_list(const struct incentives *inc, bool ic, int shown,
		       bool ascii, bool brief, char *buf, size_t size,
		       size_t *need)
{
	int total = ic ? inc->nbinding_ic : inc->nbinding_ir;
	char piece[48], one[24];
	int cols = 0;

	for (int k = -1; k <= shown; k++) {
		if (k < 0) {
			snprintf(piece, sizeof(piece), "%s%s %s",
				 ic ? "IC" : "IR", brief ? ":" : " binds:",
				 total == 0 ? "none" : "");
		} else if (k < shown) {
			entry_text(inc, ic, k, ascii, one, sizeof(one));
			snprintf(piece, sizeof(piece), "%s%s", k ? ", " : "", one);
		} else if (shown < total) {
			snprintf(piece, sizeof(piece), "%s+%d more",
				 shown ? " " : "", total - shown);
		} else {
			continue;
		}
		size_t n = strlen(piece);
		if (*need + n < size)
			memcpy(buf + *need, piece, n + 1);
		*need += n;
		cols += columns(piece);
	}
	return cols;
}

/*
 * The whole line with shown_ir and shown_ic entries into buf; returns its
 * columns, and false in *whole if it did not fit in size.
 */
static int compose(const struct incentives *inc, bool ascii, bool brief,
		   int shown_ir, int shown_ic, char *buf, size_t size,
		   bool *whole)
{
	const char *sep = ascii ? " - " : " \u00b7 ";
	size_t need = 0;
	int cols;

	buf[0] = '\0';
	cols = append_list(inc, false, shown_ir, ascii, brief, buf, size, &need);
	if (need + strlen(sep) < size)
		memcpy(buf + need, sep, strlen(sep) + 1);
	need += strlen(sep);
	cols += columns(sep);
	cols += append_list(inc, true, shown_ic, ascii, brief, buf, size, &need);
	*whole = need < size;
	return cols;
}

void incentives_format_binding(const struct incentives *inc, bool ascii,
			       int width, char *buf, size_t size)
{
	char one[24];
	bool whole;
	int shown = 0, cols = 0;

	if (size == 0)
		return;
	/* Everything, with the labels in words, then in short. */
	for (int brief = 0; brief <= 1; brief++)
		if (compose(inc, ascii, brief, inc->nbinding_ir, inc->nbinding_ic,
			    buf, size, &whole) <= width && whole)
			return;
	/*
	 * Fewer IC entries first.  Start from the most whose text alone fits
	 * and step down: the line grows with every entry shown (an entry
	 * takes at least three columns, the count of the rest shortens by a
	 * digit at most), so the first that fits is the longest.
	 */
	while (shown < inc->nbinding_ic) {
		entry_text(inc, true, shown, ascii, one, sizeof(one));
		int add = columns(one) + (shown ? 2 : 0);
		if (cols + add > width)
			break;
		cols += add;
		shown++;
	}
	for (; shown >= 0; shown--)
		if (compose(inc, ascii, true, inc->nbinding_ir, shown, buf, size,
			    &whole) <= width && whole)
			return;
	for (int ir = inc->nbinding_ir - 1; ir >= 0; ir--)
		if (compose(inc, ascii, true, ir, 0, buf, size, &whole) <=
			    width && whole)
			return;
	buf[0] = '\0';
}

/* A slack or residual for a sentence: three significant digits. */
static const char *number(char *buf, size_t size, double x)
{
	return numfmt_sig(buf, size, x, 3);
}

/* The option type i gains most by taking, whatever its group (-1: none). */
static int most_tempting(const struct incentives *inc, int i)
{
	int best = -1;

	for (int j = 0; j < inc->ntypes; j++)
		if (j != i && (best < 0 || inc->payoff[i][j] > inc->payoff[i][best]))
			best = j;
	return best;
}

void incentives_check_reason(const struct contract *c,
			     const struct incentives *inc, enum check_id k,
			     char *buf, size_t size)
{
	const struct check_result *r = &c->checks[k];
	const char *arrow = "->";
	int i = r->where, last = c->ntypes - 1;
	char num[32];

	if (size == 0)
		return;
	buf[0] = '\0';
	if (!r->applicable || r->pass || i < 0 || i >= c->ntypes)
		return;
	/* The constraints of the problem fail only where the solve did. */
	static const char infeasible[] = "the solve did not reach a feasible "
					 "contract";
	switch (k) {
	case CHECK_IR:
		snprintf(buf, size, "IR slack %s (type %d): it gets less than "
			 "training alone; %s",
			 number(num, sizeof(num), inc->ir_slack[i]), i + 1,
			 infeasible);
		break;
	case CHECK_IC: {
		int j = most_tempting(inc, i);
		snprintf(buf, size, "IC slack %s (%d%s%d): type %d prefers "
			 "option %d; %s",
			 number(num, sizeof(num), incentives_slack(inc, i, j)),
			 i + 1, arrow, j + 1, i + 1, j + 1, infeasible);
		break;
	}
	case CHECK_BUDGET:
		snprintf(buf, size, "budget slack %s (type %d): t_%d exceeds "
			 "tbar_%d; %s", number(num, sizeof(num), r->worst_slack),
			 i + 1, i + 1, i + 1, infeasible);
		break;
	case CHECK_FAIRNESS:
		snprintf(buf, size, "m or t falls by %s from type %d to %d: "
			 "Prop. 6 does not hold; %s",
			 number(num, sizeof(num), -r->worst_slack), i + 1, i + 2,
			 infeasible);
		break;
	case CHECK_ADJACENT:
		snprintf(buf, size, "adjacent IC slack %s (%d%s%d): Theorem 1 "
			 "does not hold here; the full problem is solved",
			 number(num, sizeof(num), incentives_slack(inc, i, i - 1)),
			 i + 1, arrow, i);
		break;
	case CHECK_WEAK_EFFICIENCY:
		snprintf(buf, size, "t_%d is %s below tbar_%d: the cheapest type "
			 "does not get the best model; Prop. 7 does not hold here",
			 last + 1, number(num, sizeof(num),
					  c->type[last].tbar -
						  c->type[last].reward_value),
			 last + 1);
		break;
	case CHECK_BREAK_EVEN:
		snprintf(buf, size, "type 1 keeps a rent of %s: break-even "
			 "(Prop. 8) does not hold here",
			 number(num, sizeof(num), inc->ir_slack[0]));
		break;
	case CHECK_ORIGINAL_BUDGET:
		snprintf(buf, size, "a mapped reward exceeds the trained model by "
			 "%s (type %d): Prop. 5's assignment fails here",
			 number(num, sizeof(num), -r->worst_slack), i + 1);
		break;
	case CHECK_COUNT:
		break;
	}
}
