/*
 * tui-pane-contrib.c - contributions: reservation level against contract.
 *
 * Per type two bars on one scale (as in the paper's Figure 3, right):
 * what it would contribute alone, m~_i, and what the contract asks, m_i.
 * The part of m_i beyond m~_i is the incentivised extra; the part of
 * m~_i beyond m_i is the incentivised reduction.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"
#include "tui-draw.h"
#include "tui.h"

/* Row label, a space, then "m~"/"m" before the bars. */
#define LABEL_WIDTH 14
#define VALUE_WIDTH 22

/*
 * "1166.6 +624.1 extra" in width columns: the word goes first, then the
 * change, and the contribution itself takes fewer digits last.
 */
static void contract_value_text(const struct type_result *tr, bool up,
				bool down, int width, char *buf, size_t size)
{
	char num[32], extra[32];
	const char *sign = up ? "+" : down ? "-" : "";
	const char *word = up ? " extra" : down ? " less" : "";

	numfmt_fixed(num, sizeof(num), tr->contribution, 1);
	numfmt_fixed(extra, sizeof(extra), fabs(tr->extra), 1);
	if (!up && !down)
		extra[0] = '\0';
	snprintf(buf, size, "%s %s%s%s", num, sign, extra, word);
	if ((int)strlen(buf) <= width)
		return;
	snprintf(buf, size, "%s %s%s", num, sign, extra);
	if ((int)strlen(buf) <= width)
		return;
	numfmt_fixed_within(buf, size, tr->contribution, 1, width);
}

static void contrib_draw(struct app *app, struct rect r, bool focused)
{
	const struct contract *c = &app->contract;
	int inner = r.w - 2, x0 = r.x + 1, y = r.y + 1;
	int bar_w = inner - LABEL_WIDTH - VALUE_WIDTH;
	double top = 0.0;

	draw_box(app, r, app->stale ? "Contributions (stale)" : "Contributions",
		 focused);
	if (!app->have_contract)
		return;
	for (int i = 0; i < c->ntypes; i++)
		top = fmax(top, fmax(c->type[i].contribution,
				     c->type[i].reservation_contribution));
	if (bar_w < 4 || !(top > 0.0)) {
		draw_text(y, x0 + 1, inner - 1, ROLE_WARN,
			  top > 0.0 ? "too narrow" : "nobody contributes");
		return;
	}
	int per = r.h - 3 >= 3 * c->ntypes ? 3 : 2;
	/* The longest heading that fits whole: its scale is never cut. */
	char top_text[32], heading[128];
	numfmt_fit(top_text, sizeof(top_text), top, 12, 6);
	snprintf(heading, sizeof(heading), "m~ alone vs m contract; + extra, "
		 "- reduced (scale 0..%s)", top_text);
	if (draw_width(heading) > inner - 1)
		snprintf(heading, sizeof(heading), "m~ alone vs m contract "
			 "(scale 0..%s)", top_text);
	if (draw_width(heading) > inner - 1)
		snprintf(heading, sizeof(heading), "m~ vs m (0..%s)", top_text);
	if (draw_width(heading) <= inner - 1)
		draw_text(y, x0 + 1, inner - 1, ROLE_DIM, heading);
	int first = draw_scroll(app, PANE_CONTRIB, r, c->ntypes,
				(r.h - 3 + (per - 2)) / per);
	for (int i = first; i < c->ntypes &&
			    1 + per * (i - first) + 1 < r.h - 2; i++) {
		const struct type_result *tr = &c->type[i];
		int line = y + 1 + per * (i - first);
		double scale = bar_w * 8 / top;
		int alone = (int)lround(tr->reservation_contribution * scale);
		int both = (int)lround(fmin(tr->contribution,
					    tr->reservation_contribution) * scale);
		int all = (int)lround(tr->contribution * scale);
		char num[32];
		draw_textf(line, x0 + 1, LABEL_WIDTH - 5, ROLE_LABEL, "%d %s", i + 1,
			   app->scenario.types[i].name);
		draw_text(line, x0 + LABEL_WIDTH - 3, 3, ROLE_DIM, "m~");
		draw_bar(app, line, x0 + LABEL_WIDTH, alone, '=', ROLE_BAR_ALT);
		draw_text(line, x0 + LABEL_WIDTH + bar_w + 1, VALUE_WIDTH - 1,
			  ROLE_DIM,
			  numfmt_fixed_within(num, sizeof(num),
					      tr->reservation_contribution, 1,
					      VALUE_WIDTH - 1));
		/* The contract: the common part, then extra or reduction. */
		draw_text(line + 1, x0 + LABEL_WIDTH - 3, 3, ROLE_DIM, "m");
		draw_bar(app, line + 1, x0 + LABEL_WIDTH, both, '#',
			 app->stale ? ROLE_DIM : ROLE_BAR);
		for (int k = (both + 7) / 8; k * 8 < all; k++)
			draw_text(line + 1, x0 + LABEL_WIDTH + k, 1, ROLE_GOOD,
				  app->utf8 ? "\u2592" : "+");
		for (int k = (all + 7) / 8; k * 8 < alone; k++)
			draw_text(line + 1, x0 + LABEL_WIDTH + k, 1, ROLE_BAD,
				  app->utf8 ? "\u2591" : "-");
		bool up = tr->extra > 5e-3, down = tr->extra < -5e-3;
		char text[96];
		contract_value_text(tr, up, down, VALUE_WIDTH - 1, text,
				    sizeof(text));
		draw_text(line + 1, x0 + LABEL_WIDTH + bar_w + 1, VALUE_WIDTH - 1,
			  up ? ROLE_GOOD : down ? ROLE_BAD : ROLE_NORMAL, text);
	}
}

const struct tui_pane_ops tui_pane_contrib = {
	.kind = PANE_CONTRIB,
	.scrolls = true,
	.draw = contrib_draw,
};
