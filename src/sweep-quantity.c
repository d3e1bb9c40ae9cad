/*
 * sweep-quantity.c - names and values of the quantities over a sweep.
 */
#include "sweep-quantity.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const pooling_names[SQ_CATEGORIES] = {
	"separating", "nearly pooled", "partial pooling", "pooling",
	"no collaboration",
};

const char *sweep_pooling_name(enum sweep_pooling_category c)
{
	return c >= 0 && c < SQ_CATEGORIES ? pooling_names[c] : "?";
}

/* Names without a type; the first of each pair is the CSV column's. */
static const struct { const char *name; enum sweep_quantity_kind kind; }
	plain[] = {
	{ "status", SQ_POOLING }, { "pooling", SQ_POOLING },
	{ "expected_model_value", SQ_VALUE }, { "value", SQ_VALUE },
	{ "information_cost", SQ_INFO_COST }, { "info_cost", SQ_INFO_COST },
};
/* Names with ".J". */
static const struct { const char *prefix; enum sweep_quantity_kind kind; }
	typed[] = {
	{ "m", SQ_M }, { "t", SQ_T }, { "u", SQ_U }, { "rent", SQ_RENT },
};

/* One name (len characters of text). */
static int parse_one(const char *text, size_t len, int ntypes,
		     struct sweep_quantity *q)
{
	for (size_t k = 0; k < sizeof(plain) / sizeof(plain[0]); k++)
		if (strlen(plain[k].name) == len &&
		    strncmp(plain[k].name, text, len) == 0) {
			*q = (struct sweep_quantity){ plain[k].kind, -1 };
			return 0;
		}
	for (size_t k = 0; k < sizeof(typed) / sizeof(typed[0]); k++) {
		size_t n = strlen(typed[k].prefix);
		if (len < n + 2 || strncmp(text, typed[k].prefix, n) != 0 ||
		    text[n] != '.')
			continue;
		char digits[16];
		if (len - n - 1 >= sizeof(digits))
			return -1;
		memcpy(digits, text + n + 1, len - n - 1);
		digits[len - n - 1] = '\0';
		char *end;
		long j = strtol(digits, &end, 10);
		if (*end != '\0' || !(digits[0] >= '0' && digits[0] <= '9') ||
		    j < 1 || j > ntypes)
			return -1;
		*q = (struct sweep_quantity){ typed[k].kind, (int)j - 1 };
		return 0;
	}
	return -1;
}

int sweep_quantity_parse_list(const char *list, int ntypes,
			      struct sweep_quantity *out, int max,
			      struct cml_error *err)
{
	int n = 0;
	const char *p = list;

	cml_error_clear(err);
	for (;;) {
		size_t len = strcspn(p, ",");
		if (n == max) {
			cml_error_set(err, "", 0, 0, "at most %d quantities", max);
			return -1;
		}
		if (parse_one(p, len, ntypes, &out[n]) != 0) {
			cml_error_set(err, "", 0, 0, "unknown quantity '%.*s' "
				      "(status or pooling, value, info_cost, or "
				      "m.J, t.J, u.J, rent.J with J = 1..%d)",
				      (int)(len > 40 ? 40 : len), p, ntypes);
			return -1;
		}
		n++;
		if (p[len] == '\0')
			return n;
		p += len + 1;
	}
}

void sweep_quantity_default(int ntypes, char *buf, size_t size)
{
	if (ntypes == 2)
		snprintf(buf, size, "m.1,m.2,t.1,t.2,pooling,info_cost,rent.1,"
			 "rent.2");
	else if (ntypes == 1)
		snprintf(buf, size, "m.1,t.1,value,info_cost");
	else
		snprintf(buf, size, "pooling,value,info_cost,m.1,m.%d,rent.%d",
			 ntypes, ntypes);
}

void sweep_quantity_name(const struct sweep_quantity *q, char *buf,
			 size_t size)
{
	static const char *const names[] = { "pooling", "value", "info_cost",
					     "m", "t", "u", "rent" };
	if (q->type >= 0)
		snprintf(buf, size, "%s.%d", names[q->kind], q->type + 1);
	else
		snprintf(buf, size, "%s", names[q->kind]);
}

void sweep_quantity_label(const struct sweep_quantity *q, char *buf,
			  size_t size)
{
	int j = q->type + 1;

	switch (q->kind) {
	case SQ_POOLING: snprintf(buf, size, "pooling"); break;
	case SQ_VALUE: snprintf(buf, size, "E[v(a(S))]"); break;
	case SQ_INFO_COST: snprintf(buf, size, "information cost"); break;
	case SQ_M: snprintf(buf, size, "m_%d", j); break;
	case SQ_T: snprintf(buf, size, "t_%d", j); break;
	case SQ_U: snprintf(buf, size, "u_%d", j); break;
	case SQ_RENT: snprintf(buf, size, "information rent of type %d", j);
		break;
	}
}

bool sweep_quantity_needs_complete(const struct sweep_quantity *q)
{
	return q->kind == SQ_INFO_COST;
}

bool sweep_quantity_signed(const struct sweep_quantity *q)
{
	return q->kind == SQ_INFO_COST;
}

double sweep_quantity_value(const struct sweep_point *pt,
			    const struct sweep_quantity *q)
{
	const struct contract *c = &pt->contract;

	if (!pt->done || !pt->valid || c->result < 0)
		return NAN;
	if (q->type >= c->ntypes)
		return NAN;
	switch (q->kind) {
	case SQ_POOLING:
		switch (c->status) {
		case POOLING_SEPARATING:
			return c->nearly_pooled ? SQ_NEARLY_POOLED : SQ_SEPARATING;
		case POOLING_PARTIAL: return SQ_PARTIAL;
		case POOLING_FULL: return SQ_POOLED;
		case POOLING_NONE: return SQ_NONE;
		}
		return NAN;
	case SQ_VALUE: return c->expected_value;
	case SQ_INFO_COST:
		return c->has_complete_info ? c->complete.information_cost : NAN;
	case SQ_M: return c->type[q->type].contribution;
	case SQ_T: return c->type[q->type].reward_value;
	case SQ_U: return c->type[q->type].utility;
	case SQ_RENT:
		/* u_i - f_i: every contract has it, benchmark or not. */
		return c->type[q->type].rent;
	}
	return NAN;
}
