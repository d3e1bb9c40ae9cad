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
	draw_text(y + 5, x0 + 1, inner - 1, ROLE_LABEL,
		  "Information rent u_i - f_i (0 under complete information)");
	double most = 0.0;
	for (int i = 0; i < c->ntypes; i++)
		most = fmax(most, c->complete.rent[i]);
	int first = draw_scroll(app, PANE_WELFARE, r, c->ntypes,
				last - (y + 6) + 1);
	for (int i = first; i < c->ntypes && y + 6 + i - first <= last; i++) {
		int line = y + 6 + i - first;
		draw_textf(line, x0 + 2, LABEL_WIDTH - 2, ROLE_NORMAL, "%d %s", i + 1,
			   app->scenario.types[i].name);
		draw_text_right(line, x0 + LABEL_WIDTH, VALUE_CELLS, ROLE_TITLE,
				numfmt_fixed_within(num, sizeof(num),
						    c->complete.rent[i], 4,
						    VALUE_WIDTH));
		if (bar_w > 3 && most > 0.0)
			draw_bar(app, line, x0 + LABEL_WIDTH + 10,
				 (int)lround(fmax(c->complete.rent[i], 0.0) / most *
					     bar_w * 8),
				 '#', ROLE_GOOD);
	}
}

const struct tui_pane_ops tui_pane_welfare = {
	.kind = PANE_WELFARE,
	.scrolls = true,
	.draw = welfare_draw,
};
