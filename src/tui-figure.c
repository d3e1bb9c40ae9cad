/*
 * tui-figure.c - the current view written as a figure (key P).
 */
#include "tui-figure.h"

#include <stdio.h>
#include <string.h>

#include "figure-contract.h"
#include "figure-file.h"
#include "figure-screening.h"
#include "figure-sweep.h"
#include "figure-welfare.h"
#include "screening.h"
#include "sweep-quantity.h"

/* The default page of "plot": 16:9, 25.4 x 14.3 cm; PNG 1920 x 1080. */
#define PAGE_W (25.4 / 2.54 * 72)
#define PAGE_H (14.3 / 2.54 * 72)
#define PNG_W 1920
#define PNG_H 1080

/* The pane the user is looking at: the zoomed one, the compact tab, or
   the view slot's. */
static enum pane_kind shown(const struct app *app)
{
	if (app->zoomed)
		return app->focus;
	if (app->layout.mode == LAYOUT_COMPACT)
		return app->compact_pane;
	return app->view;
}

const char *tui_figure_kind(const struct app *app)
{
	switch (shown(app)) {
	case PANE_SCREENING:
		return "screening";
	case PANE_WELFARE:
		return "welfare";
	case PANE_MAP:
		return app->map.sweep != NULL ? "sweep" : "contract";
	default:
		return "contract";
	}
}

static int build(struct app *app, struct figure *f, const char *kind,
		 char *why, size_t size)
{
	const struct scenario *sc = &app->scenario;
	char title[160];

	if (strcmp(kind, "sweep") == 0) {
		/* The map's grid as it stands (points not done yet stay
		   blank), with the quantity on screen; the groups have no
		   heat map, so then the defaults, as "plot sweep". */
		struct sweep_quantity q[FIGURE_SWEEP_MAX_PANELS];
		struct cml_error err;
		char show[256];
		int n = 1;
		if (!tui_map_sweep_quantity(app, &q[0])) {
			sweep_quantity_default(app->map.base.ntypes, show,
					       sizeof(show));
			n = sweep_quantity_parse_list(show, app->map.base.ntypes,
						      q, FIGURE_SWEEP_MAX_PANELS,
						      &err);
		}
		snprintf(title, sizeof(title), "%s: the contract over the sweep",
			 app->map.base.name);
		struct figure_sweep_input in = { &app->map.base, title,
						 app->map.sweep, q, n };
		return n > 0 ? figure_sweep(f, &in) : -1;
	}
	if (!app->have_contract || app->stale) {
		snprintf(why, size, "no current solution to draw");
		return -1;
	}
	const struct contract *c = &app->contract;
	if (strcmp(kind, "screening") == 0) {
		static struct screening s; /* large; UI thread only */
		if (screening_build(&app->model, c, &s) != 0) {
			snprintf(why, size, "no screening diagram for this "
				 "contract");
			return -1;
		}
		snprintf(title, sizeof(title), "%s: screening, N = %d (%s)",
			 sc->name, sc->participants, contract_status_name(c->status));
		return figure_screening(f, &s, app->screening.around_options ?
					       &s.options : &s.all, title);
	}
	if (strcmp(kind, "welfare") == 0) {
		tui_app_complete_info(app, true);
		snprintf(title, sizeof(title), "%s: contract against complete "
			 "information, N = %d", sc->name, sc->participants);
		struct figure_welfare_input in = { sc, title, c };
		return figure_welfare(f, &in);
	}
	snprintf(title, sizeof(title), "%s: the contract, N = %d (%s)", sc->name,
		 sc->participants, contract_status_name(c->status));
	struct figure_contract_input in = {
		sc, title, c, app->have_dist ? app->dist : NULL,
	};
	return figure_contract(f, &in);
}

int tui_figure_write(struct app *app, const char *path, char *why,
		     size_t size)
{
	enum figure_format format;
	struct figure f;
	struct cml_error err;

	if (figure_file_format(path, &format) != 0) {
		snprintf(why, size, "%s: the name must end in .pdf, .svg or .png",
			 path);
		return -1;
	}
	if (!figure_file_can(format)) {
		snprintf(why, size, "this build writes SVG only (PDF and PNG "
			 "need libcairo2-dev)");
		return -1;
	}
	why[0] = '\0';
	figure_init(&f, PAGE_W, PAGE_H, fig_theme_find("light"));
	int rc = build(app, &f, tui_figure_kind(app), why, size);
	if (rc == 0 && figure_file_write(&f, path, PNG_W, PNG_H, &err) != 0) {
		cml_error_format(&err, why, size);
		rc = -1;
	} else if (rc != 0 && why[0] == '\0') {
		snprintf(why, size, "out of memory");
	}
	figure_free(&f);
	return rc;
}
