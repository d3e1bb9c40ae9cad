/*
 * tui-keys.c - the escape-sequence and bracketed-paste decoder.
 *
 * A small state machine: ground (inputs pass on), after Esc, inside a CSI
 * sequence (ESC [ parameters, final byte 0x40-0x7e), after ESC [ [ (the
 * Linux console's F1-F5), and after ESC O (SS3: one more byte).  A paste
 * is ground with its bytes collected instead of passed on; sequences
 * inside it are parsed the same way so that only ESC [201~ ends it.
 */
#include "tui-keys.h"

#include <string.h>

#define ESC 0x1b

enum {
	ST_GROUND,
	ST_ESC,   /* ESC seen */
	ST_CSI,   /* ESC [ and maybe parameters */
	ST_LINUX, /* ESC [ [ : one more byte */
	ST_SS3,   /* ESC O : one more byte */
};

/* How long to wait for the byte after Esc: curses has already waited
   ESCDELAY for it, so this only catches a sequence split by the network. */
#define WAIT_AFTER_ESC_MS 25
/* Inside a sequence that has begun: its rest is on its way. */
#define WAIT_IN_SEQUENCE_MS 100
/* Inside a paste: if the end marker never comes, the paste ends. */
#define WAIT_IN_PASTE_MS 1000

#define PASTE_BEGIN "\033[200~"
#define PASTE_END "\033[201~"

const struct tui_key_sequence tui_key_sequences[] = {
	/* Home and End: xterm (normal and application mode), then
	   PuTTY, tmux and screen, then rxvt. */
	{ "\033[H", TUI_KEY_HOME },
	{ "\033OH", TUI_KEY_HOME },
	{ "\033[1~", TUI_KEY_HOME },
	{ "\033[7~", TUI_KEY_HOME },
	{ "\033[F", TUI_KEY_END },
	{ "\033OF", TUI_KEY_END },
	{ "\033[4~", TUI_KEY_END },
	{ "\033[8~", TUI_KEY_END },
	/* F1: xterm, PuTTY and rxvt, the Linux console. */
	{ "\033OP", TUI_KEY_F1 },
	{ "\033[11~", TUI_KEY_F1 },
	{ "\033[[A", TUI_KEY_F1 },
	/* Arrows in both cursor-key modes. */
	{ "\033[A", TUI_KEY_UP },
	{ "\033[B", TUI_KEY_DOWN },
	{ "\033[C", TUI_KEY_RIGHT },
	{ "\033[D", TUI_KEY_LEFT },
	{ "\033OA", TUI_KEY_UP },
	{ "\033OB", TUI_KEY_DOWN },
	{ "\033OC", TUI_KEY_RIGHT },
	{ "\033OD", TUI_KEY_LEFT },
	{ "\033[2~", TUI_KEY_INSERT },
	{ "\033[3~", TUI_KEY_DELETE },
	{ "\033[5~", TUI_KEY_PAGE_UP },
	{ "\033[6~", TUI_KEY_PAGE_DOWN },
	{ "\033[Z", TUI_KEY_BACK_TAB },
};

const int tui_key_sequences_count =
	sizeof(tui_key_sequences) / sizeof(tui_key_sequences[0]);

void tui_keys_init(struct tui_keys *k)
{
	memset(k, 0, sizeof(*k));
	k->state = ST_GROUND;
}

static void push(struct tui_keys *k, struct tui_keys_event ev)
{
	if (k->count == TUI_KEYS_QUEUE)
		return; /* cannot happen: a feed adds at most two events */
	k->queue[(k->head + k->count) % TUI_KEYS_QUEUE] = ev;
	k->count++;
}

static void push_code(struct tui_keys *k, int code)
{
	push(k, (struct tui_keys_event){ .kind = TUI_KEYS_CODE, .code = code });
}

/* Drops the sequence so far; outside a paste, says so once. */
static void drop_sequence(struct tui_keys *k)
{
	k->state = ST_GROUND;
	k->seq_len = 0;
	k->seq_long = false;
	if (!k->in_paste)
		push(k, (struct tui_keys_event){ .kind = TUI_KEYS_UNKNOWN });
}

static void end_paste(struct tui_keys *k)
{
	k->in_paste = false;
	k->paste[k->paste_len] = '\0';
	push(k, (struct tui_keys_event){ .kind = TUI_KEYS_PASTE,
					 .text = k->paste });
}

static void append_sequence(struct tui_keys *k, int byte)
{
	if (k->seq_len < TUI_KEYS_SEQ_MAX)
		k->seq[k->seq_len++] = (char)byte;
	else
		k->seq_long = true;
	k->seq[k->seq_len] = '\0';
}

/* A whole sequence has arrived: a key, a paste marker, or unknown. */
static void complete_sequence(struct tui_keys *k)
{
	const char *s = k->seq;
	bool too_long = k->seq_long;

	k->state = ST_GROUND;
	k->seq_len = 0;
	k->seq_long = false;
	if (!too_long && strcmp(s, PASTE_BEGIN) == 0) {
		if (!k->in_paste) {
			k->in_paste = true;
			k->paste_len = 0;
		}
		return;
	}
	if (!too_long && strcmp(s, PASTE_END) == 0) {
		if (k->in_paste)
			end_paste(k);
		return; /* a stray end marker: nothing to do */
	}
	if (k->in_paste)
		return; /* keys inside a paste are not keys */
	for (int i = 0; !too_long && i < tui_key_sequences_count; i++)
		if (strcmp(s, tui_key_sequences[i].bytes) == 0) {
			push(k, (struct tui_keys_event){
					.kind = TUI_KEYS_NAMED,
					.name = tui_key_sequences[i].name });
			return;
		}
	push(k, (struct tui_keys_event){ .kind = TUI_KEYS_UNKNOWN });
}

/* A byte or key code outside any sequence. */
static void ground(struct tui_keys *k, int input)
{
	if (input == ESC) {
		k->state = ST_ESC;
		k->seq_len = 0;
		append_sequence(k, ESC);
		return;
	}
	if (!k->in_paste) {
		push_code(k, input);
		return;
	}
	/* Collected as they come; tui_keys_paste_line() filters them. */
	if (input < 0x100 && k->paste_len < TUI_KEYS_PASTE_MAX)
		k->paste[k->paste_len++] = (char)input;
}

void tui_keys_feed(struct tui_keys *k, int input)
{
	if (input < 0)
		return;
	switch (k->state) {
	case ST_GROUND:
		ground(k, input);
		return;
	case ST_ESC:
		if (input > 0xff) {
			/* Esc, then a key curses decoded: two key presses. */
			k->state = ST_GROUND;
			k->seq_len = 0;
			if (!k->in_paste)
				push_code(k, ESC);
			ground(k, input);
		} else if (input == '[') {
			k->state = ST_CSI;
			append_sequence(k, input);
		} else if (input == 'O') {
			k->state = ST_SS3;
			append_sequence(k, input);
		} else if (input == ESC) {
			/* Esc twice: the first is Esc alone. */
			if (!k->in_paste)
				push_code(k, ESC);
		} else {
			/* Alt plus a key: neither Esc nor the key. */
			drop_sequence(k);
		}
		return;
	case ST_CSI:
		if (k->seq_len == 2 && input == '[') {
			k->state = ST_LINUX;
			append_sequence(k, input);
		} else if (input >= 0x20 && input <= 0x3f) {
			append_sequence(k, input); /* parameter, intermediate */
		} else if (input >= 0x40 && input <= 0x7e) {
			append_sequence(k, input);
			complete_sequence(k);
		} else {
			/* Not part of a sequence: drop what came, then
			   take the input afresh. */
			drop_sequence(k);
			tui_keys_feed(k, input);
		}
		return;
	case ST_LINUX:
	case ST_SS3:
		if (input >= 0x20 && input <= 0x7e) {
			append_sequence(k, input);
			complete_sequence(k);
		} else {
			drop_sequence(k);
			tui_keys_feed(k, input);
		}
		return;
	}
}

void tui_keys_timeout(struct tui_keys *k)
{
	if (k->state == ST_ESC) {
		k->state = ST_GROUND;
		k->seq_len = 0;
		if (!k->in_paste)
			push_code(k, ESC);
	} else if (k->state != ST_GROUND) {
		drop_sequence(k);
	}
	if (k->in_paste)
		end_paste(k);
}

bool tui_keys_pending(const struct tui_keys *k)
{
	return k->state != ST_GROUND || k->in_paste;
}

int tui_keys_wait_ms(const struct tui_keys *k)
{
	if (k->state == ST_ESC && !k->in_paste)
		return WAIT_AFTER_ESC_MS;
	if (k->in_paste)
		return WAIT_IN_PASTE_MS;
	return WAIT_IN_SEQUENCE_MS;
}

bool tui_keys_next(struct tui_keys *k, struct tui_keys_event *ev)
{
	if (k->count == 0)
		return false;
	*ev = k->queue[k->head];
	k->head = (k->head + 1) % TUI_KEYS_QUEUE;
	k->count--;
	return true;
}

size_t tui_keys_paste_line(const char *text, char *out, size_t size)
{
	size_t n = 0;

	if (size == 0)
		return 0;
	while (*text == '\r' || *text == '\n')
		text++;
	for (; *text && *text != '\r' && *text != '\n'; text++) {
		unsigned char c = (unsigned char)*text;
		if (c < 0x20 || c == 0x7f)
			continue;
		if (n + 1 >= size) {
			/* Full: leave out a character cut in the middle. */
			if ((c & 0xc0) == 0x80) {
				while (n > 0 && ((unsigned char)out[n - 1] &
						 0xc0) == 0x80)
					n--;
				if (n > 0 && (unsigned char)out[n - 1] >= 0xc0)
					n--;
			}
			break;
		}
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return n;
}
