/*
 * sweep-report.c - writing a sweep's grid as CSV rows or a JSON document.
 */
#include "sweep-report.h"

#include <math.h>
#include <string.h>

#include "csv.h"
#include "json.h"
#include "numfmt.h"

int sweep_format_parse(const char *name, enum sweep_format *format)
{
	if (strcmp(name, "csv") == 0)
		*format = SWEEP_FORMAT_CSV;
	else if (strcmp(name, "json") == 0)
		*format = SWEEP_FORMAT_JSON;
	else
		return -1;
	return 0;
}

/* The point's reason when it has no contract to show, else NULL. */
static const char *missing(const struct sweep_point *pt)
{
	if (!pt->done)
		return "not done";
	return pt->valid ? NULL : pt->reason;
}

void sweep_report_csv(FILE *out, const struct sweep_report_input *in)
{
	const struct sweep *s = in->sweep;
	const struct sweep_axis *y = sweep_y(s);
	int ntypes = in->scenario->ntypes;
	char label[SWEEP_LABEL_MAX], groups[CONTRACT_GROUPS_MAX];

	sweep_axis_label(sweep_x(s), label, sizeof(label));
	csv_field(out, label);
	if (y != NULL) {
		sweep_axis_label(y, label, sizeof(label));
		fputc(',', out);
		csv_field(out, label);
	}
	fputs(",status,groups,expected_model_value,"
	      "complete_expected_model_value,information_cost", out);
	for (int j = 1; j <= ntypes; j++)
		fprintf(out, ",m.%d,t.%d,u.%d,rent.%d", j, j, j, j);
	fputs(",solver_result,evaluations,exact,method,expectation_error,"
	      "pooling_within_error,reason\n", out);

	for (int iy = 0; iy < sweep_rows(s); iy++)
		for (int ix = 0; ix < sweep_columns(s); ix++) {
			const struct sweep_point *pt = sweep_at(s, ix, iy);
			const struct contract *c = &pt->contract;
			const char *reason = missing(pt);
			char buf[40];

			fputs(numfmt_exact(buf, sizeof(buf), pt->x), out);
			if (y != NULL)
				csv_number(out, pt->y);
			if (reason != NULL) {
				fprintf(out, ",%s,,,,",
					pt->done ? "invalid" : "not done");
				for (int j = 0; j < ntypes; j++)
					fputs(",,,,", out);
				fputs(",,,,,,,", out);
				csv_field(out, reason);
				fputc('\n', out);
				continue;
			}
			fprintf(out, ",%s,", contract_status_name(c->status));
			contract_format_groups(c, groups, sizeof(groups));
			csv_field(out, groups);
			csv_number(out, c->expected_value);
			csv_number(out, c->has_complete_info ?
					c->complete.expected_value : NAN);
			csv_number(out, c->has_complete_info ?
					c->complete.information_cost : NAN);
			for (int j = 0; j < ntypes; j++) {
				const struct type_result *tr = &c->type[j];
				csv_number(out, tr->contribution);
				csv_number(out, tr->reward_value);
				csv_number(out, tr->utility);
				csv_number(out, tr->rent);
			}
			fprintf(out, ",%s,%d,%s,%s", solver_result_key(c->result),
				c->stats.evaluations,
				c->method == METHOD_EXACT ? "true" : "false",
				expectation_method_name(c->method));
			csv_number(out, c->expectation_error);
			fprintf(out, ",%s,\n",
				c->pooling_within_error ? "true" : "false");
		}
}

/* An axis: its parameter label, range and every value. */
static void json_axis(struct json_writer *w, const char *key,
		      const struct sweep_axis *axis)
{
	char label[SWEEP_LABEL_MAX], text[SWEEP_AXIS_TEXT_MAX];

	sweep_axis_label(axis, label, sizeof(label));
	sweep_axis_format(axis, text, sizeof(text));
	json_begin_object(w, key);
	json_string(w, "param", label);
	json_string(w, "text", text);
	json_number(w, "from", axis->from);
	json_number(w, "to", axis->to);
	json_integer(w, "steps", axis->steps);
	json_begin_array(w, "values", true);
	for (int i = 0; i < axis->steps; i++)
		json_number(w, NULL, sweep_axis_value(axis, i));
	json_end_array(w);
	json_end_object(w);
}

/* A number, or null when the benchmark was not computed. */
static void json_maybe(struct json_writer *w, const char *key, bool have,
		       double value)
{
	if (have)
		json_number(w, key, value);
	else
		json_null(w, key);
}

/* One grid point. */
static void json_point(struct json_writer *w, const struct sweep *s, int ix,
		       int iy)
{
	const struct sweep_point *pt = sweep_at(s, ix, iy);
	const struct contract *c = &pt->contract;
	const char *reason = missing(pt);
	bool have = c->has_complete_info;

	json_begin_object(w, NULL);
	json_integer(w, "ix", ix);
	json_integer(w, "iy", iy);
	json_number(w, "x", pt->x);
	if (sweep_y(s) != NULL)
		json_number(w, "y", pt->y);
	json_bool(w, "valid", reason == NULL);
	if (reason != NULL) {
		json_string(w, "status", pt->done ? "invalid" : "not done");
		json_string(w, "reason", reason);
		json_end_object(w);
		return;
	}
	json_string(w, "status", contract_status_name(c->status));
	json_begin_array(w, "pooling_groups", true);
	for (int g = 0; g < c->ngroups; g++) {
		json_begin_array(w, NULL, true);
		for (int k = 0; k < c->group_size[g]; k++)
			json_integer(w, NULL, c->group_first[g] + k + 1);
		json_end_array(w);
	}
	json_end_array(w);
	json_bool(w, "pooling_within_error", c->pooling_within_error);
	json_number(w, "expected_model_value", c->expected_value);
	json_maybe(w, "complete_expected_model_value", have,
		   c->complete.expected_value);
	json_maybe(w, "information_cost", have, c->complete.information_cost);
	json_bool(w, "exact", c->method == METHOD_EXACT);
	json_string(w, "method", expectation_method_name(c->method));
	json_number(w, "expectation_error", c->expectation_error);
	json_begin_array(w, "types", false);
	for (int j = 0; j < c->ntypes; j++) {
		const struct type_result *tr = &c->type[j];
		json_begin_object(w, NULL);
		json_number(w, "contribution", tr->contribution);
		json_number(w, "reward_value", tr->reward_value);
		json_number(w, "utility", tr->utility);
		json_number(w, "rent", tr->rent);
		json_end_object(w);
	}
	json_end_array(w);
	json_begin_object(w, "solver");
	json_string(w, "result", solver_result_key(c->result));
	json_integer(w, "evaluations", c->stats.evaluations);
	json_end_object(w);
	json_end_object(w);
}

void sweep_report_json(FILE *out, const struct sweep_report_input *in)
{
	const struct sweep *s = in->sweep;
	const struct scenario *sc = in->scenario;
	struct json_writer w;

	json_init(&w, out);
	json_begin_object(&w, NULL);
	json_string(&w, "schema", SWEEP_JSON_SCHEMA);
	json_begin_object(&w, "scenario");
	json_string(&w, "name", sc->name);
	json_string(&w, "source", in->source != NULL ? in->source : "");
	json_bool(&w, "sorted_by_cost", in->sorted);
	json_integer(&w, "participants", sc->participants);
	json_begin_array(&w, "types", false);
	for (int j = 0; j < sc->ntypes; j++) {
		json_begin_object(&w, NULL);
		json_string(&w, "name", sc->types[j].name);
		json_number(&w, "cost", sc->types[j].cost);
		json_number(&w, "prob", sc->types[j].prob);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_axis(&w, "x", sweep_x(s));
	if (sweep_y(s) != NULL)
		json_axis(&w, "y", sweep_y(s));
	json_begin_array(&w, "points", false);
	for (int iy = 0; iy < sweep_rows(s); iy++)
		for (int ix = 0; ix < sweep_columns(s); ix++)
			json_point(&w, s, ix, iy);
	json_end_array(&w);
	json_number(&w, "seconds", sweep_seconds(s));
	json_end_object(&w);
	json_finish(&w);
}

void sweep_report_write(FILE *out, enum sweep_format format,
			const struct sweep_report_input *in)
{
	if (format == SWEEP_FORMAT_JSON)
		sweep_report_json(out, in);
	else
		sweep_report_csv(out, in);
}
