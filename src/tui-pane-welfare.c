/*
 * tui-pane-welfare.c - the complete-information benchmark and welfare.
 *
 * The contract's expected model value next to what a coordinator who saw
 * every cost would reach (Prop. 2), the information cost between them
 * (either sign: the contract can beat this ex-post benchmark), and each
 * type's information rent u_i - f_i (zero under complete information,
 * where every IR binds).
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <math.h>
#include <stdio.h>

#include "numfmt.h"
#include "tui-draw.h"
#include "tui.h"
#include "view-scale.h"

#define LABEL_WIDTH 22
/* A value's cells right of the label; the number keeps one free. */
#define VALUE_CELLS 9
#define VALUE_WIDTH (VALUE_CELLS - 1)

/*
 * The information cost and what its sign means.  Below 0 it is value
 * lost to private costs.  Above 0 the contract beats the paper's
 * benchmark, which holds each party's IR in every outcome (ex post) while
 * the contract holds it on average over the outcomes the party can meet
 * (interim); with room (explain), a second line says so.
 */
static void draw_information_cost(double cost, int y, int x0, int inner,
				  bool explain)
{
	struct scale_diverging sc;
	char num[32], text[40];

	scale_diverging_make(cost, cost, &sc);
	int sign = scale_diverging_level(&sc, cost);
	snprintf(text, sizeof(text), "%s%s", sign > 0 ? "+" : "",
		 numfmt_fixed_within(num, sizeof(num), cost, 4,
				     VALUE_WIDTH - (sign > 0)));
	draw_text(y, x0 + 2, LABEL_WIDTH - 2, ROLE_NORMAL, "information cost");
	draw_text_right(y, x0 + LABEL_WIDTH, VALUE_CELLS,
			sign < 0 ? ROLE_BAD : sign > 0 ? ROLE_GOOD : ROLE_NORMAL,
			text);
	draw_text(y, x0 + LABEL_WIDTH + 10, inner - LABEL_WIDTH - 10,
		  sign > 0 ? ROLE_GOOD : ROLE_DIM,
		  sign < 0 ? "value lost to private costs" :
		  sign > 0 ? "contract beats the ex-post benchmark" :
			     "none: the contract reaches the benchmark");
	if (sign > 0 && explain)
		draw_text(y + 1, x0 + 2, inner - 2, ROLE_DIM,
			  "benchmark: IR in every outcome (ex post); contract: on "
			  "average (interim)");
}

/*
 * Per type: the information rent, then, where they fit, the contract's
 * m_i and t_i beside what the type contributes and gets under complete
 * information given it takes part (complete.h): the distortion and the
 * rent read off one row.  Narrow panes keep the rent and a bar.
 */
#define TABLE_COLUMNS 5
static void draw_type_table(struct app *app, struct rect r, int y, int last)
{
	const struct contract *c = &app->contract;
	int inner = r.w - 2, x0 = r.x + 1;
	int columns = (inner - LABEL_WIDTH) / (VALUE_CELLS + 1);
	char num[32];
	static const char *heads[TABLE_COLUMNS] = { "rent", "m_i", "E[m] c.i.",
						    "t_i", "E[v] c.i." };

	if (columns > TABLE_COLUMNS)
		columns = TABLE_COLUMNS;
	/* The column heads take a line: only where rows still show. */
	int rows_below_heads = last - (y + 2) + 1;
	if (columns >= 3 && rows_below_heads >= (c->ntypes < 2 ? 1 : 2)) {
		draw_text(y, x0 + 1, inner - 1, ROLE_LABEL,
			  "Per type: rent u_i - f_i; contract vs complete "
			  "information (c.i.)");
	} else {
		columns = 1;
		draw_text(y, x0 + 1, inner - 1, ROLE_LABEL,
			  "Information rent u_i - f_i (0 under complete "
			  "information)");
	}
	int body = y + 1;
	if (columns > 1 && body <= last) {
		for (int k = 0; k < columns; k++)
			draw_text_right(body, x0 + LABEL_WIDTH + k * (VALUE_CELLS + 1),
					VALUE_CELLS, ROLE_LABEL, heads[k]);
		body++;
	}
	double most = 0.0;
	for (int i = 0; i < c->ntypes; i++)
		most = fmax(most, c->complete.rent[i]);
	int first = draw_scroll(app, PANE_WELFARE, r, c->ntypes, last - body + 1);
	int bar_w = inner - LABEL_WIDTH - 12;
	for (int i = first; i < c->ntypes && body + i - first <= last; i++) {
		int line = body + i - first;
		const struct type_result *tr = &c->type[i];
		double values[TABLE_COLUMNS] = {
			c->complete.rent[i], tr->contribution,
			c->complete.contribution[i], tr->reward_value,
			c->complete.type_value[i]
		};
		draw_textf(line, x0 + 2, LABEL_WIDTH - 2, ROLE_NORMAL, "%d %s",
			   i + 1, app->scenario.types[i].name);
		for (int k = 0; k < columns; k++)
			draw_text_right(line, x0 + LABEL_WIDTH + k * (VALUE_CELLS + 1),
					VALUE_CELLS, k == 0 ? ROLE_TITLE : ROLE_NORMAL,
					numfmt_fixed_within(num, sizeof(num),
							    values[k], k == 1 ||
							    k == 2 ? 3 : 4,
							    VALUE_WIDTH));
		if (columns == 1 && bar_w > 3 && most > 0.0)
			draw_bar(app, line, x0 + LABEL_WIDTH + 10,
				 (int)lround(fmax(c->complete.rent[i], 0.0) / most *
					     bar_w * 8),
				 '#', ROLE_GOOD);
	}
}

static void welfare_draw(struct app *app, struct rect r, bool focused)
{
	const struct contract *c = &app->contract;
	int inner = r.w - 2, x0 = r.x + 1, y = r.y + 1, last = r.y + r.h - 2;
	int bar_w = inner - LABEL_WIDTH - 12;
	char num[32];

	draw_box(app, r, app->stale ? "Welfare (stale)" : "Welfare", focused);
	if (!app->have_contract || !app->have_complete)
		return;
	double top = fmax(c->complete.expected_value, c->expected_value);
	draw_text(y, x0 + 1, inner - 1, ROLE_LABEL,
		  "Expected value of the collective model E[v(a(S))]");
	const char *labels[2] = { "contract (private)", "complete information" };
	double values[2] = { c->expected_value, c->complete.expected_value };
	for (int k = 0; k < 2 && y + 1 + k <= last; k++) {
		draw_text(y + 1 + k, x0 + 2, LABEL_WIDTH - 2, ROLE_NORMAL, labels[k]);
		draw_text_right(y + 1 + k, x0 + LABEL_WIDTH, VALUE_CELLS,
				ROLE_TITLE,
				numfmt_fixed_within(num, sizeof(num), values[k],
						    4, VALUE_WIDTH));
		if (bar_w > 3 && top > 0.0)
			draw_bar(app, y + 1 + k, x0 + LABEL_WIDTH + 10,
				 (int)lround(values[k] / top * bar_w * 8), '#',
				 k == 0 ? ROLE_BAR : ROLE_BAR_ALT);
	}
	if (y + 3 <= last)
		draw_information_cost(c->complete.information_cost, y + 3, x0,
				      inner, y + 4 <= last);
	if (y + 5 > last)
		return;
	draw_type_table(app, r, y + 5, last);
}

const struct tui_pane_ops tui_pane_welfare = {
	.kind = PANE_WELFARE,
	.scrolls = true,
	.draw = welfare_draw,
};
