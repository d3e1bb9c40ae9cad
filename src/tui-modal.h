/*
 * tui-modal.h - dialogs over the explorer: help, presets, prompts.
 *
 * A modal takes every key until it closes.  Prompts (open, save, export)
 * and yes/no questions use the message line, so the panes stay visible;
 * help, the presets menu and the notes shown on load are boxes over the
 * panes.
 */
#ifndef CML_TUI_MODAL_H
#define CML_TUI_MODAL_H

#include "tui.h"

/* Opens a path prompt for purpose, prefilled with a sensible default. */
int tui_modal_prompt(struct app *app, enum tui_prompt_purpose purpose);

/* Asks a yes/no question; on yes, purpose decides what happens. */
int tui_modal_confirm(struct app *app, enum tui_confirm_purpose purpose,
		      const char *path, const char *question);

/* Handles a key while a modal is open; returns flags. */
int tui_modal_key(struct app *app, int key);

/* Draws the open modal, if any; may move the cursor (*y, *x). */
void tui_modal_draw(struct app *app, int *y, int *x);

#endif
