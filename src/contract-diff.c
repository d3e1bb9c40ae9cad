/*
 * contract-diff.c - what moved between two contracts (contract-diff.h).
 */
#include "contract-diff.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"

/* The type whose value moved most, by |after - before|; -1 if none did. */
static int largest_move(const double *before, const double *after, int n,
			double negligible, double *delta)
{
	int best = -1;

	*delta = 0.0;
	for (int i = 0; i < n; i++) {
		double d = after[i] - before[i];
		if (fabs(d) > negligible && fabs(d) > fabs(*delta)) {
			best = i;
			*delta = d;
		}
	}
	return best;
}

void contract_change_compute(const struct contract *before,
			     const struct contract *after, double value_scale,
			     struct contract_change *out)
{
	double negligible = CONTRACT_DIFF_NEGLIGIBLE * value_scale;
	double mb[CML_MAX_TYPES], ma[CML_MAX_TYPES], tb[CML_MAX_TYPES],
		ta[CML_MAX_TYPES], rb[CML_MAX_TYPES], ra[CML_MAX_TYPES];

	memset(out, 0, sizeof(*out));
	out->value_before = before->expected_value;
	out->value_after = after->expected_value;
	out->status_changed = before->status != after->status;
	out->per_type = before->ntypes == after->ntypes;
	out->groups_changed = !out->per_type || before->ngroups != after->ngroups;
	for (int i = 0; out->per_type && i < after->ntypes; i++) {
		if (before->type[i].group != after->type[i].group)
			out->groups_changed = true;
		mb[i] = before->type[i].contribution;
		ma[i] = after->type[i].contribution;
		tb[i] = before->type[i].reward_value;
		ta[i] = after->type[i].reward_value;
		rb[i] = before->type[i].rent;
		ra[i] = after->type[i].rent;
	}
	out->m_type = out->t_type = out->rent_type = -1;
	if (!out->per_type)
		return;
	/* Contributions are in data units: negligible relative to them. */
	double top = 0.0;
	for (int i = 0; i < after->ntypes; i++)
		top = fmax(top, fmax(fabs(mb[i]), fabs(ma[i])));
	out->m_type = largest_move(mb, ma, after->ntypes,
				   CONTRACT_DIFF_NEGLIGIBLE * top, &out->m_delta);
	out->t_type = largest_move(tb, ta, after->ntypes, negligible,
				   &out->t_delta);
	out->rent_type = largest_move(rb, ra, after->ntypes, negligible,
				      &out->rent_delta);
}

/* A signed number: "+0.0172", "-12.3". */
static char *signed_number(char *buf, size_t size, double v)
{
	char num[32];

	numfmt_sig(num, sizeof(num), v, 3);
	snprintf(buf, size, "%s%s", v > 0.0 ? "+" : "", num);
	return buf;
}

#define PARTS 5

char *contract_change_format(const struct contract_change *ch,
			     const struct contract *before,
			     const struct contract *after, int width, char *buf,
			     size_t size)
{
	char longs[PARTS][2 * CONTRACT_GROUPS_MAX + 64];
	char shorts[PARTS][64];
	char a[32], b[32], d[40];
	int n = 0;

	numfmt_fixed(a, sizeof(a), ch->value_before, 4);
	numfmt_fixed(b, sizeof(b), ch->value_after, 4);
	signed_number(d, sizeof(d), ch->value_after - ch->value_before);
	double moved = fabs(ch->value_after - ch->value_before);
	if (!(moved > CONTRACT_DIFF_NEGLIGIBLE * fmax(1.0, fabs(ch->value_after)))) {
		snprintf(longs[n], sizeof(longs[n]), "E[v] unchanged at %s", b);
		snprintf(shorts[n], sizeof(shorts[n]), "E[v] same");
	} else if (strcmp(a, b) == 0) {
		/* Below the digits shown: the change itself says it. */
		snprintf(longs[n], sizeof(longs[n]), "E[v] %s (%s)", b, d);
		snprintf(shorts[n], sizeof(shorts[n]), "E[v] %s", d);
	} else {
		snprintf(longs[n], sizeof(longs[n]), "E[v] %s -> %s (%s)", a, b, d);
		snprintf(shorts[n], sizeof(shorts[n]), "E[v] %s", d);
	}
	n++;
	if (ch->status_changed || ch->groups_changed) {
		char gb[CONTRACT_GROUPS_MAX], ga[CONTRACT_GROUPS_MAX];
		contract_format_groups(before, gb, sizeof(gb));
		contract_format_groups(after, ga, sizeof(ga));
		if (ch->status_changed)
			snprintf(longs[n], sizeof(longs[n]), "now %s %s (was %s)",
				 contract_status_name(after->status), ga,
				 contract_status_name(before->status));
		else
			snprintf(longs[n], sizeof(longs[n]), "groups %s -> %s", gb,
				 ga);
		snprintf(shorts[n], sizeof(shorts[n]), "%s",
			 ch->status_changed ? contract_status_name(after->status) :
					      "groups changed");
		n++;
	}
	const struct {
		const char *name;
		int type;
		double delta;
	} moves[3] = {
		{ "m", ch->m_type, ch->m_delta },
		{ "t", ch->t_type, ch->t_delta },
		{ "rent", ch->rent_type, ch->rent_delta },
	};
	for (int k = 0; k < 3; k++) {
		if (moves[k].type < 0)
			continue;
		signed_number(d, sizeof(d), moves[k].delta);
		snprintf(longs[n], sizeof(longs[n]), "largest %s: %s_%d %s",
			 moves[k].name, moves[k].name, moves[k].type + 1, d);
		snprintf(shorts[n], sizeof(shorts[n]), "%s_%d %s", moves[k].name,
			 moves[k].type + 1, d);
		n++;
	}
	/* Long forms, then short ones, then fewer parts. */
	for (int count = n; count >= 1; count--)
		for (int form = 0; form < 2; form++) {
			size_t used = 0;
			buf[0] = '\0';
			for (int k = 0; k < count; k++) {
				int w = snprintf(buf + used, size - used, "%s%s",
						 k ? "; " : "",
						 form ? shorts[k] : longs[k]);
				if (w < 0 || (size_t)w >= size - used)
					break;
				used += (size_t)w;
			}
			if ((int)strlen(buf) <= width)
				return buf;
		}
	buf[0] = '\0';
	return buf;
}
