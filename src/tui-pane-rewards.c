/*
 * tui-pane-rewards.c - each type's reward distribution as a histogram.
 *
 * Side by side on a common vertical value axis with tick labels on the
 * left: each row is a value bin, each type's column a horizontal bar as
 * long as the bin's probability (relative to the type's largest bin),
 * and a marker on the row of t_i, the distribution's mean.  The number
 * of bins is the number of rows the pane has.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>

#include "numfmt.h"
#include "tui-draw.h"
#include "tui.h"
#include "view-hist.h"

#define AXIS_WIDTH 8

static void rewards_draw(struct app *app, struct rect r, bool focused)
{
	const struct scenario *sc = &app->scenario;
	int inner = r.w - 2, x0 = r.x + 1, y0 = r.y + 1;
	int rows = r.h - 4, types = app->contract.ntypes;
	char title[96];
	static struct hist_view h; /* large; drawn from one thread only */
	double means[CML_MAX_TYPES];

	/*
	 * The bars are values; with a non-linear v the rewards' accuracies
	 * r_i = v^-1(value) are distributed differently, so the title says
	 * which one is drawn.
	 */
	if (valuation_is_linear(&sc->valuation))
		snprintf(title, sizeof(title),
			 "Reward distributions v(r_i), %s = t_i%s",
			 draw_glyph(app, GLYPH_MARK),
			 app->stale ? " (stale)" : "");
	else
		snprintf(title, sizeof(title),
			 "Reward distributions in value v(r_i) (%s v), %s = "
			 "t_i%s", sc->valuation.family->name,
			 draw_glyph(app, GLYPH_MARK),
			 app->stale ? " (stale)" : "");
	draw_box(app, r, title, focused);
	if (!app->have_dist || types < 1)
		return;
	if (app->contract.status == POOLING_NONE) {
		draw_text(y0 + 1, x0 + 1, inner - 1, ROLE_WARN,
			  "no collaboration: nobody receives a model");
		return;
	}
	int col_w = (inner - AXIS_WIDTH) / types;
	int bar_w = col_w - 2;
	if (rows < 2 || bar_w < 2) {
		draw_text(y0, x0 + 1, inner - 1, ROLE_WARN,
			  "too small for histograms: widen or press r");
		return;
	}
	if (rows > HIST_MAX_ROWS)
		rows = HIST_MAX_ROWS;
	for (int i = 0; i < types; i++)
		means[i] = app->contract.type[i].reward_value;
	if (hist_view_build(app->dist, means, types, rows, bar_w, &h) != 0)
		return;
	enum tui_role bar = app->stale ? ROLE_DIM : ROLE_BAR;
	/* Column headings: type number and name. */
	for (int i = 0; i < types; i++)
		draw_textf(y0, x0 + AXIS_WIDTH + i * col_w, col_w - 1, ROLE_LABEL,
			   "%d %s", i + 1, sc->types[i].name);
	/* The axis with its ticks. */
	for (int row = 0; row < rows; row++)
		draw_text(y0 + 1 + row, x0 + AXIS_WIDTH - 1, 1, ROLE_BORDER,
			  app->utf8 ? "\u2502" : "|");
	for (int t = 0; t < h.nticks; t++) {
		char label[24];
		numfmt_fixed_within(label, sizeof(label), h.tick_value[t],
				    h.tick_decimals, AXIS_WIDTH - 2);
		draw_text_right(y0 + 1 + h.tick_row[t], x0, AXIS_WIDTH - 2,
				ROLE_MARK, label);
		draw_text(y0 + 1 + h.tick_row[t], x0 + AXIS_WIDTH - 1, 1,
			  ROLE_BORDER, app->utf8 ? "\u2524" : "+");
	}
	for (int i = 0; i < types; i++) {
		int x = x0 + AXIS_WIDTH + i * col_w;
		for (int row = 0; row < rows; row++)
			draw_bar(app, y0 + 1 + row, x, h.eighths[i][row], '#', bar);
		int mark = h.mark_row[i];
		int end = (h.eighths[i][mark] + 7) / 8;
		if (end > bar_w)
			end = bar_w;
		draw_text(y0 + 1 + mark, x + end, 1, ROLE_MARK,
			  draw_glyph(app, GLYPH_MARK));
		char t[32];
		/* As many digits as the column holds, never a cut number. */
		numfmt_fit(t, sizeof(t), means[i], col_w - 1 - 2, 4);
		if (t[0] != '\0')
			draw_textf(y0 + 1 + rows, x, col_w - 1, ROLE_MARK, "t=%s",
				   t);
	}
}

const struct tui_pane_ops tui_pane_rewards = {
	.kind = PANE_REWARDS,
	.draw = rewards_draw,
};
