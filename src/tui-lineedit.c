/*
 * tui-lineedit.c - one-line editing for cells and prompts.
 */
#include "tui-lineedit.h"

#include <curses.h>
#include <string.h>

#include "tui-draw.h"

#define CTRL(c) ((c) & 0x1f)
#define KEY_ESCAPE 27

void line_edit_start(struct line_edit *e, const char *text)
{
	snprintf(e->text, sizeof(e->text), "%s", text);
	e->len = (int)strlen(e->text);
	e->pos = e->len;
}

/* Steps back over one UTF-8 character. */
static int previous_char(const struct line_edit *e, int pos)
{
	do
		pos--;
	while (pos > 0 && ((unsigned char)e->text[pos] & 0xc0) == 0x80);
	return pos;
}

static int next_char(const struct line_edit *e, int pos)
{
	do
		pos++;
	while (pos < e->len && ((unsigned char)e->text[pos] & 0xc0) == 0x80);
	return pos;
}

static void remove_range(struct line_edit *e, int from, int to)
{
	memmove(e->text + from, e->text + to, (size_t)(e->len - to + 1));
	e->len -= to - from;
}

/* Inserts n bytes at the cursor if they fit. */
static void insert_bytes(struct line_edit *e, const char *bytes, int n)
{
	if (n <= 0 || e->len + n >= (int)sizeof(e->text))
		return;
	memmove(e->text + e->pos + n, e->text + e->pos,
		(size_t)(e->len - e->pos + 1));
	memcpy(e->text + e->pos, bytes, (size_t)n);
	e->pos += n;
	e->len += n;
}

enum line_edit_result line_edit_key(struct line_edit *e, int key)
{
	switch (key) {
	case '\r':
	case '\n':
	case KEY_ENTER:
		return LINE_EDIT_COMMIT;
	case KEY_ESCAPE:
		return LINE_EDIT_CANCEL;
	case KEY_LEFT:
		if (e->pos > 0)
			e->pos = previous_char(e, e->pos);
		break;
	case KEY_RIGHT:
		if (e->pos < e->len)
			e->pos = next_char(e, e->pos);
		break;
	case KEY_HOME:
	case CTRL('a'):
		e->pos = 0;
		break;
	case KEY_END:
	case CTRL('e'):
		e->pos = e->len;
		break;
	case KEY_BACKSPACE:
	case 127:
	case CTRL('h'):
		if (e->pos > 0) {
			int from = previous_char(e, e->pos);
			remove_range(e, from, e->pos);
			e->pos = from;
		}
		break;
	case KEY_DC:
		if (e->pos < e->len)
			remove_range(e, e->pos, next_char(e, e->pos));
		break;
	case CTRL('u'):
		e->len = e->pos = 0;
		e->text[0] = '\0';
		break;
	default:
		/* Bytes of printable text, UTF-8 continuation bytes included. */
		if (key >= 0x20 && key < 0x100 && key != 0x7f) {
			char byte = (char)key;
			insert_bytes(e, &byte, 1);
		}
		break;
	}
	return LINE_EDIT_CONTINUE;
}

void line_edit_insert(struct line_edit *e, const char *text)
{
	size_t n = strlen(text), room = sizeof(e->text) - 1 - (size_t)e->len;

	if (n > room) {
		/* Only whole characters: back off a cut UTF-8 sequence. */
		n = room;
		while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
			n--;
	}
	insert_bytes(e, text, (int)n);
}

void line_edit_draw(const struct line_edit *e, int y, int x, int width,
		    enum tui_role role, int *cursor_x)
{
	char before[sizeof(e->text)];
	int start = 0;

	if (width < 1)
		return;
	/* Scroll so the cursor stays inside the field. */
	for (;;) {
		memcpy(before, e->text + start, (size_t)(e->pos - start));
		before[e->pos - start] = '\0';
		if (draw_width(before) < width || start >= e->pos)
			break;
		start = next_char(e, start);
	}
	draw_fill(y, x, width, role);
	draw_text(y, x, width, role, e->text + start);
	*cursor_x = x + draw_width(before);
}
