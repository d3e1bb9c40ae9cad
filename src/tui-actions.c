/*
 * tui-actions.c - the key table.
 */
#include "tui-actions.h"

#include <curses.h>

#define CTRL(c) ((c) & 0x1f)

const struct tui_action tui_actions[] = {
	{ ACT_HELP, { '?', KEY_F(1), 0 }, "? F1", "?", "help", 0,
	  "Show this help: every key and what it does." },
	{ ACT_QUIT, { 'q', CTRL('c'), 0 }, "q Ctrl-C", "q", "quit", 0,
	  "Quit; asks first if there are unsaved changes." },
	{ ACT_NEXT_PANE, { '\t', 0, 0 }, "Tab", "Tab", "pane", 1,
	  "Focus the next pane (in a small terminal: show the next tab)." },
	{ ACT_PREV_PANE, { KEY_BTAB, 0, 0 }, "Shift-Tab", NULL, NULL, 0,
	  "Focus the previous pane." },
	{ ACT_UP, { KEY_UP, 'k', 0 }, "Up k", NULL, NULL, 0,
	  "Move up (in the types pane: the cell above)." },
	{ ACT_DOWN, { KEY_DOWN, 'j', 0 }, "Down j", NULL, NULL, 0,
	  "Move down." },
	{ ACT_LEFT, { KEY_LEFT, 'h', 0 }, "Left h", NULL, NULL, 0,
	  "Move left: name, cost, probability." },
	{ ACT_RIGHT, { KEY_RIGHT, 'l', 0 }, "Right l", NULL, NULL, 0,
	  "Move right." },
	{ ACT_HOME, { KEY_HOME, KEY_A1, 0 }, "Home", NULL, NULL, 0,
	  "Go to the first row of the focused pane (in an edit: the start "
	  "of the text)." },
	{ ACT_END, { KEY_END, KEY_C1, 0 }, "End", NULL, NULL, 0,
	  "Go to the last row of the focused pane (in an edit: the end of "
	  "the text)." },
	{ ACT_EDIT, { '\r', '\n', KEY_ENTER }, "Enter 0-9", "Enter", "edit", 1,
	  "Edit the selected cell in place (typing a digit starts too); "
	  "Enter commits, Esc cancels." },
	{ ACT_NUDGE_UP, { '+', '=', 0 }, "+", "+/-", "1%", 4,
	  "Raise the selected value by 1% (N by one)." },
	{ ACT_NUDGE_DOWN, { '-', '_', 0 }, "-", NULL, NULL, 0,
	  "Undo a 1% raise: divide by 1.01 (N by one)." },
	{ ACT_BIG_UP, { '>', 0, 0 }, ">", NULL, NULL, 0,
	  "Raise the selected value by 10%." },
	{ ACT_BIG_DOWN, { '<', 0, 0 }, "<", NULL, NULL, 0,
	  "Undo a 10% raise: divide by 1.1 (N: down to where > came from)." },
	{ ACT_N_DOWN, { '[', 0, 0 }, "[", NULL, NULL, 0,
	  "One participant fewer (N - 1)." },
	{ ACT_N_UP, { ']', 0, 0 }, "]", "[/]", "N", 6,
	  "One participant more (N + 1)." },
	{ ACT_ADD_TYPE, { 'a', 0, 0 }, "a", "a/d", "type", 4,
	  "Add a type just cheaper than the selected one." },
	{ ACT_DELETE_TYPE, { 'd', KEY_DC, 0 }, "d Del", NULL, NULL, 0,
	  "Delete the selected type." },
	{ ACT_PRESETS, { 'p', 0, 0 }, "p", "p", "preset", 2,
	  "Choose a built-in scenario (the paper's cases)." },
	{ ACT_OPEN, { 'o', 0, 0 }, "o", "o", "open", 5,
	  "Open a scenario file." },
	{ ACT_SAVE, { 's', 0, 0 }, "s", "s", "save", 3,
	  "Save the scenario as YAML (asks for a path; never overwrites "
	  "without asking; writes atomically)." },
	{ ACT_EXPORT, { 'e', 0, 0 }, "e", "e", "export", 5,
	  "Export the results as a plain-text report, as 'cmlcontract "
	  "solve' prints it." },
	{ ACT_UNDO, { 'u', 0, 0 }, "u", "u", "undo", 3,
	  "Undo the last edit." },
	{ ACT_REDO, { CTRL('r'), 0, 0 }, "Ctrl-R", NULL, NULL, 0,
	  "Redo what was undone." },
	{ ACT_VIEW_REWARDS, { 'r', 0, 0 }, "r", "r/c/w/n/m/i/g", "view", 2,
	  "Show the reward distributions (histograms); again: back." },
	{ ACT_VIEW_CONTRIB, { 'c', 0, 0 }, "c", NULL, NULL, 0,
	  "Show contributions: reservation level against the contract." },
	{ ACT_VIEW_WELFARE, { 'w', 0, 0 }, "w", NULL, NULL, 0,
	  "Show welfare: the complete-information benchmark, information "
	  "cost and rents." },
	{ ACT_VIEW_NOTES, { 'n', 0, 0 }, "n", NULL, NULL, 0,
	  "Show the scenario's notes (what to notice)." },
	{ ACT_VIEW_MAP, { 'm', 0, 0 }, "m", NULL, NULL, 0,
	  "Show the map: a heat map over two swept parameters (in it: arrows "
	  "move, v/V change the quantity, X/Y set the axes, Enter loads the "
	  "point into the editor)." },
	{ ACT_VIEW_INCENTIVES, { 'i', 0, 0 }, "i", NULL, NULL, 0,
	  "Show the incentive table: what each type gets from every option "
	  "(own on the diagonal, = binding IC, > best other) and u_i - f_i "
	  "(in it: arrows scroll, Left/Right move the option columns)." },
	{ ACT_VIEW_SCREENING, { 'g', 0, 0 }, "g", NULL, NULL, 0,
	  "Show the screening diagram: the options, indifference and "
	  "reservation lines in the (m, value) plane (in it: arrows or 1-9 "
	  "pick a type, 0 none, Z zooms on the options)." },
	{ ACT_METHOD, { 'E', 0, 0 }, "E", NULL, NULL, 0,
	  "Switch how the expectations are computed: auto, exact (every "
	  "outcome), approx (fast, error bounded); re-solves, undoable." },
	{ ACT_SLACKS, { 'x', 0, 0 }, "x", "x", "slacks", 7,
	  "Show or hide the worst slack of each property check." },
	{ ACT_THEME, { 't', 0, 0 }, "t", "t", "theme", 8,
	  "Switch between the normal and the high-contrast (projector) "
	  "colours." },
	{ ACT_MOUSE, { 'M', 0, 0 }, "M", NULL, NULL, 0,
	  "Turn mouse capture on or off (off: the terminal selects text)." },
	{ ACT_REDRAW, { CTRL('l'), 0, 0 }, "Ctrl-L", NULL, NULL, 0,
	  "Redraw the whole screen." },
	{ ACT_ZOOM, { 'z', 0, 0 }, "z", NULL, NULL, 0,
	  "Zoom the focused pane or view to the whole screen; again: back "
	  "(Tab moves the zoom to the next pane)." },
	{ ACT_RESET, { 'R', 0, 0 }, "R", NULL, NULL, 0,
	  "Reset the scenario to the preset it came from (undoable)." },
	{ ACT_FAMILY, { 'F', 0, 0 }, "F", NULL, NULL, 0,
	  "On an accuracy or valuation row of the Types pane: choose the "
	  "family (shared parameters keep their values; undoable)." },
	{ ACT_OUTSIDE, { 'O', 0, 0 }, "O", NULL, NULL, 0,
	  "On a type's row of the Types pane: its own outside option, typed "
	  "as common, profit P or a family such as sgb a_opt=0.8 k=1 "
	  "(undoable)." },
	{ ACT_LESSON_NEXT, { ' ', KEY_NPAGE, 0 }, "Space PageDown", NULL, NULL,
	  0, "In a lesson: the next step." },
	{ ACT_LESSON_BACK, { KEY_BACKSPACE, 127, CTRL('h'), KEY_PPAGE },
	  "Backspace PageUp", NULL, NULL, 0,
	  "In a lesson: the step before (its scenario again)." },
	{ ACT_LESSON_LEAVE, { 27, 0, 0 }, "Esc", NULL, NULL, 0,
	  "Leave the lesson and keep exploring (Esc also cancels an edit, "
	  "a dialog or a running solve first)." },
	{ ACT_LESSON_RESUME, { 'L', 0, 0 }, "L", NULL, NULL, 0,
	  "Resume the lesson where Esc left it." },
	{ ACT_FIGURE, { 'P', 0, 0 }, "P", NULL, NULL, 0,
	  "Write the view as a figure for a slide, as 'cmlcontract plot' "
	  "draws it: .pdf, .svg or .png (asks for a path; never overwrites "
	  "without asking; writes atomically)." },
};

const int tui_actions_count = sizeof(tui_actions) / sizeof(tui_actions[0]);

enum tui_action_id tui_action_for_key(int key)
{
	for (int i = 0; i < tui_actions_count; i++)
		for (int k = 0; k < TUI_ACTION_KEYS && tui_actions[i].keys[k]; k++)
			if (tui_actions[i].keys[k] == key)
				return tui_actions[i].id;
	return ACT_NONE;
}

const struct tui_action *tui_action(enum tui_action_id id)
{
	for (int i = 0; i < tui_actions_count; i++)
		if (tui_actions[i].id == id)
			return &tui_actions[i];
	return NULL;
}
