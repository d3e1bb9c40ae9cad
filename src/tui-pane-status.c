/*
 * tui-pane-status.c - pooling status and the paper's property checks.
 *
 * The status word (SEPARATING, POOLING, PARTIAL POOLING, NO
 * COLLABORATION) with its groups, the binding constraints ("IR binds: 1
 * \u00b7 IC binds: 2\u21921"), then one line per property with a
 * pass/fail mark; 'x' swaps the paper reference for the worst slack, and
 * a failing property says why beneath it.
 * A contract the solver could not certify as the global optimum says
 * "locally optimal" beside its value; one whose pooling was called within
 * the expectation error (contract.h) says that there instead.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "incentives.h"
#include "numfmt.h"
#include "tui-draw.h"
#include "tui.h"

/*
 * The note that pooling was called within the expectation error, in the
 * longest wording that fits width columns ("" if none does).
 */
static const char *within_error_note(int width)
{
	static const char *const notes[] = {
		CONTRACT_WITHIN_ERROR_NOTE, "(pooled within the error)",
		"within error",
	};

	for (size_t k = 0; k < sizeof(notes) / sizeof(notes[0]); k++)
		if ((int)strlen(notes[k]) <= width)
			return notes[k];
	return "";
}

/*
 * Separated but close (contract.h): the longest form that fits width
 * cells, right-aligned; a form never drops part of its number.
 */
static void draw_near_pooling(const struct contract *c, int y, int x,
			      int width)
{
	char pct[24], gap[24], forms[4][128];
	int k0 = c->closest_pair + 1;

	numfmt_sig(pct, sizeof(pct), c->closest_gap_percent, 2);
	numfmt_sig(gap, sizeof(gap), c->closest_gap, 3);
	snprintf(forms[0], sizeof(forms[0]), "nearly pooled: m_%d - m_%d = %s "
		 "(%s%%)", k0 + 1, k0, gap, pct);
	snprintf(forms[1], sizeof(forms[1]), "nearly pooled: %d,%d %s%% apart",
		 k0, k0 + 1, pct);
	snprintf(forms[2], sizeof(forms[2]), "nearly pooled %s%%", pct);
	snprintf(forms[3], sizeof(forms[3]), "nearly pooled");
	for (int k = 0; k < 4; k++)
		if ((int)strlen(forms[k]) <= width) {
			draw_text_right(y, x, width, ROLE_WARN, forms[k]);
			return;
		}
}

static void status_draw(struct app *app, struct rect r, bool focused)
{
	const struct contract *c = &app->contract;
	int inner = r.w - 2, x0 = r.x + 1, y = r.y + 1;
	char word[32], groups[CONTRACT_GROUPS_MAX];

	draw_box(app, r, "Status and properties", focused);
	if (!app->have_contract)
		return;
	snprintf(word, sizeof(word), "%s", contract_status_name(c->status));
	for (char *p = word; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	int used = draw_text(y, x0 + 1, inner - 1,
			     app->stale ? ROLE_DIM : ROLE_TITLE, word);
	if (c->status == POOLING_PARTIAL || c->status == POOLING_SEPARATING ||
	    c->status == POOLING_FULL) {
		/* Whole groups and a count of the rest, never a cut one. */
		contract_format_groups_within(c, inner - 3 - used, groups,
					      sizeof(groups));
		int shown = draw_text(y, x0 + 3 + used, inner - 3 - used,
				      ROLE_NORMAL, groups);
		if (c->nearly_pooled && !app->stale)
			draw_near_pooling(c, y, x0 + 4 + used + shown,
					  inner - 5 - used - shown);
	}
	if (app->stale) {
		draw_text(y + 1, x0 + 1, inner - 1, ROLE_WARN,
			  "stale: last good solution shown");
	} else {
		char ev[32];
		int w = draw_textf(y + 1, x0 + 1, inner - 1, ROLE_TITLE,
				   "E[v(a(S))] = %s",
				   numfmt_fixed(ev, sizeof(ev), c->expected_value, 4));
		/* The contract shown is the last one while a solve runs. */
		if (app->solving && inner - 3 - w >= 7)
			draw_text_right(y + 1, x0 + 2 + w, inner - 3 - w, ROLE_WARN,
					"pending");
		/* Never claim more than the solver proved. */
		else if (c->result == SOLVER_LOCAL && inner - 3 - w >= 5)
			draw_text_right(y + 1, x0 + 2 + w, inner - 3 - w, ROLE_WARN,
					inner - 3 - w >= 16 ? "locally optimal" :
							      "local");
		else if (c->pooling_within_error)
			draw_text_right(y + 1, x0 + 2 + w, inner - 3 - w, ROLE_WARN,
					within_error_note(inner - 3 - w));
		else if (inner - 3 - w >= 12)
			draw_text_right(y + 1, x0 + 2 + w, inner - 3 - w, ROLE_DIM,
					app->show_slacks ? "worst slack" :
							   "x: slacks");
	}
	struct incentives *inc = malloc(sizeof(*inc));
	if (inc == NULL)
		return;
	incentives_compute(&app->model, c, inc);
	/* Which constraints bind, whole entries only ("+3 more"). */
	if (r.h > 5) {
		char binding[512];
		incentives_format_binding(inc, !app->utf8, inner - 1, binding,
					  sizeof(binding));
		draw_text(y + 2, x0 + 1, inner - 1,
			  app->stale ? ROLE_DIM : ROLE_NORMAL, binding);
	}
	/*
	 * The list: one line per check and, under a failing one, its reason
	 * word-wrapped (lines counted first, so the list scrolls as one).
	 */
	char reason[CHECK_COUNT][256];
	int reason_lines[CHECK_COUNT], total = 0;
	int reason_width = inner - 5;
	for (int k = 0; k < CHECK_COUNT; k++) {
		incentives_check_reason(c, inc, k, reason[k], sizeof(reason[k]));
		reason_lines[k] = reason[k][0] != '\0' && reason_width >= 12 ?
				  tui_wrap_text(reason[k], 0, 0, reason_width, 0,
						0, ROLE_BAD) : 0;
		total += 1 + reason_lines[k];
	}
	free(inc);
	int fits = r.h - 5;
	int first = draw_scroll(app, PANE_STATUS, r, total, fits);
	for (int k = 0, at = 0; k < CHECK_COUNT; at += 1 + reason_lines[k++]) {
		if (reason_lines[k] > 0 && at + 1 + reason_lines[k] > first &&
		    at + 1 < first + fits) {
			/* The part of the reason inside the window. */
			int skip = first > at + 1 ? first - at - 1 : 0;
			int top = at + 1 + skip - first;
			tui_wrap_text(reason[k], y + 3 + top, x0 + 5, reason_width,
				      fits - top, skip, ROLE_BAD);
		}
		if (at < first || at >= first + fits)
			continue;
		const struct check_result *res = &c->checks[k];
		int line = y + 3 + at - first;
		enum tui_role role = !res->applicable ? ROLE_DIM :
				     res->pass ? ROLE_GOOD : ROLE_BAD;
		const char *mark = !res->applicable ? "-" :
				   draw_glyph(app, res->pass ? GLYPH_PASS : GLYPH_FAIL);
		char right[32];
		draw_text(line, x0 + 1, 1, role, mark);
		draw_textf(line, x0 + 3, inner - 3, ROLE_NORMAL, "%d %s", k + 1,
			   check_info[k].name);
		if ((app->show_slacks || !res->pass) && res->applicable)
			numfmt_sig(right, sizeof(right), res->worst_slack, 2);
		else if (!res->applicable)
			snprintf(right, sizeof(right), "n/a");
		else
			snprintf(right, sizeof(right), "%s", check_info[k].source);
		int w = draw_width(right);
		draw_fill(line, x0 + inner - w - 2, 1, ROLE_NORMAL);
		draw_text(line, x0 + inner - w - 1, w, res->pass ? ROLE_DIM : ROLE_BAD,
			  right);
	}
}

const struct tui_pane_ops tui_pane_status = {
	.kind = PANE_STATUS,
	.scrolls = true,
	.draw = status_draw,
};
