/*
 * tui-figure.h - the explorer's key P: the view on screen as a figure.
 *
 * The figure is "cmlcontract plot"'s for the view: the screening diagram
 * (over the window the view shows), welfare, the map's sweep as heat maps
 * of the quantity on screen, else the contract (Figure 3's row).  It is
 * built from what the explorer already holds - its contract, reward
 * distributions, screening geometry and sweep - and written atomically by
 * figure-file.c.  No curses here: the caller (tui-modal.c) asks for the
 * path and says what happened.
 */
#ifndef CML_TUI_FIGURE_H
#define CML_TUI_FIGURE_H

#include <stddef.h>

#include "tui.h"

/* The figure's name for the current view: "contract", "screening", ... */
const char *tui_figure_kind(const struct app *app);

/*
 * Writes the current view's figure to path (format from its extension)
 * at the default page size.  Returns 0, or -1 with a one-line reason in
 * why.
 */
int tui_figure_write(struct app *app, const char *path, char *why,
		     size_t size);

#endif
