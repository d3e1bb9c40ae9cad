/*
 * test-keys.c - the key decoder without a terminal: the sequences PuTTY,
 * rxvt, tmux and xterm send for Home, End and F1; unknown CSI and SS3
 * sequences dropped whole; Alt plus a key; Esc alone; bracketed paste,
 * with an escape inside it and split across reads.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tui-keys.h"

#define ESC 0x1b
/* Stands in for a curses key code (above 255). */
#define FAKE_KEY_UP 0403

/* What a run of inputs produced, one letter per event. */
struct decoded {
	char kinds[64];   /* C code, N named, U unknown, P paste */
	int codes[64];    /* the code or name of each event */
	char paste[TUI_KEYS_PASTE_MAX + 1];
	int n;
};

static void drain(struct tui_keys *k, struct decoded *d)
{
	struct tui_keys_event ev;

	while (tui_keys_next(k, &ev) && d->n < 63) {
		switch (ev.kind) {
		case TUI_KEYS_CODE:
			d->kinds[d->n] = 'C';
			d->codes[d->n] = ev.code;
			break;
		case TUI_KEYS_NAMED:
			d->kinds[d->n] = 'N';
			d->codes[d->n] = (int)ev.name;
			break;
		case TUI_KEYS_UNKNOWN:
			d->kinds[d->n] = 'U';
			d->codes[d->n] = 0;
			break;
		case TUI_KEYS_PASTE:
			d->kinds[d->n] = 'P';
			d->codes[d->n] = 0;
			snprintf(d->paste, sizeof(d->paste), "%s", ev.text);
			break;
		}
		d->n++;
		d->kinds[d->n] = '\0';
	}
}

/* Feeds the bytes of s, draining after each as the reader would. */
static void feed(struct tui_keys *k, struct decoded *d, const char *s)
{
	for (; *s; s++) {
		tui_keys_feed(k, (unsigned char)*s);
		drain(k, d);
	}
}

/* Decodes s from a fresh decoder, then lets the wait run out. */
static void decode(const char *s, struct decoded *d)
{
	struct tui_keys k;

	memset(d, 0, sizeof(*d));
	tui_keys_init(&k);
	feed(&k, d, s);
	if (tui_keys_pending(&k)) {
		tui_keys_timeout(&k);
		drain(&k, d);
	}
	assert_false(tui_keys_pending(&k));
}

static void assert_named(const char *s, enum tui_key_name name)
{
	struct decoded d;

	decode(s, &d);
	if (strcmp(d.kinds, "N") != 0 || d.codes[0] != (int)name)
		fail_msg("sequence ESC %s: events '%s', wanted one key %d",
			 s + 1, d.kinds, (int)name);
}

static void test_home_end_every_terminal(void **state)
{
	(void)state;
	/* xterm, both cursor-key modes. */
	assert_named("\033[H", TUI_KEY_HOME);
	assert_named("\033[F", TUI_KEY_END);
	assert_named("\033OH", TUI_KEY_HOME);
	assert_named("\033OF", TUI_KEY_END);
	/* PuTTY, tmux, screen. */
	assert_named("\033[1~", TUI_KEY_HOME);
	assert_named("\033[4~", TUI_KEY_END);
	/* rxvt. */
	assert_named("\033[7~", TUI_KEY_HOME);
	assert_named("\033[8~", TUI_KEY_END);
}

static void test_f1_variants(void **state)
{
	(void)state;
	assert_named("\033OP", TUI_KEY_F1);
	assert_named("\033[11~", TUI_KEY_F1);
	assert_named("\033[[A", TUI_KEY_F1);
	assert_named("\033[3~", TUI_KEY_DELETE);
	assert_named("\033[A", TUI_KEY_UP);
	assert_named("\033OB", TUI_KEY_DOWN);
}

/* Unknown sequences are one event each, never Esc and characters. */
static void test_unknown_sequences_dropped_whole(void **state)
{
	(void)state;
	struct decoded d;
	static const char *const unknown[] = {
		"\033[E",        /* keypad 5 */
		"\033[1;5H",     /* Ctrl-Home: parameters */
		"\033[15;2~",    /* Shift-F5 */
		"\033[?25h",     /* private parameter byte */
		"\033[38;5;123m",
		"\033OE",        /* SS3 keypad 5 */
		"\033Ou",        /* rxvt keypad 5 */
		"\033O~",
		"\033[ q",       /* intermediate byte */
	};

	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		decode(unknown[i], &d);
		if (strcmp(d.kinds, "U") != 0)
			fail_msg("ESC %s: events '%s', wanted one unknown",
				 unknown[i] + 1, d.kinds);
	}
	/* A very long one is still one event, and what follows is a key. */
	decode("\033[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20~q",
	       &d);
	assert_string_equal(d.kinds, "UC");
	assert_int_equal(d.codes[1], 'q');
	/* Two in a row, then a key. */
	decode("\033[E\033[4~[", &d);
	assert_string_equal(d.kinds, "UNC");
	assert_int_equal(d.codes[1], TUI_KEY_END);
	assert_int_equal(d.codes[2], '[');
}

/* End on twotype: never Esc, '[', '4', '~'. */
static void test_no_esc_then_characters(void **state)
{
	(void)state;
	struct decoded d;

	decode("\033[4~", &d);
	for (int i = 0; i < d.n; i++)
		assert_true(d.kinds[i] != 'C');
}

static void test_esc_alone_and_alt(void **state)
{
	(void)state;
	struct decoded d;
	struct tui_keys k;

	/* Esc alone: pending until the wait runs out, then Esc. */
	memset(&d, 0, sizeof(d));
	tui_keys_init(&k);
	tui_keys_feed(&k, ESC);
	drain(&k, &d);
	assert_string_equal(d.kinds, "");
	assert_true(tui_keys_pending(&k));
	assert_true(tui_keys_wait_ms(&k) > 0 && tui_keys_wait_ms(&k) <= 50);
	tui_keys_timeout(&k);
	drain(&k, &d);
	assert_string_equal(d.kinds, "C");
	assert_int_equal(d.codes[0], ESC);
	assert_false(tui_keys_pending(&k));

	/* Esc twice: two Escs. */
	decode("\033\033", &d);
	assert_string_equal(d.kinds, "CC");
	assert_int_equal(d.codes[0], ESC);
	assert_int_equal(d.codes[1], ESC);

	/* Alt+x, Alt+[ then a timeout, Alt+Enter: unknown, never Esc and x. */
	decode("\033x", &d);
	assert_string_equal(d.kinds, "U");
	decode("\033\r", &d);
	assert_string_equal(d.kinds, "U");
	/* ESC [ then nothing: an unfinished sequence, dropped. */
	decode("\033[", &d);
	assert_string_equal(d.kinds, "U");
	decode("\033O", &d);
	assert_string_equal(d.kinds, "U");

	/* Esc, then a key curses decoded: both keys. */
	memset(&d, 0, sizeof(d));
	tui_keys_init(&k);
	tui_keys_feed(&k, ESC);
	tui_keys_feed(&k, FAKE_KEY_UP);
	drain(&k, &d);
	assert_string_equal(d.kinds, "CC");
	assert_int_equal(d.codes[0], ESC);
	assert_int_equal(d.codes[1], FAKE_KEY_UP);

	/* Plain keys and key codes pass through. */
	memset(&d, 0, sizeof(d));
	tui_keys_init(&k);
	feed(&k, &d, "ab");
	tui_keys_feed(&k, FAKE_KEY_UP);
	drain(&k, &d);
	assert_string_equal(d.kinds, "CCC");
	assert_int_equal(d.codes[2], FAKE_KEY_UP);
	assert_false(tui_keys_pending(&k));
}

/* A control byte inside a CSI ends it; the byte still counts. */
static void test_malformed_csi(void **state)
{
	(void)state;
	struct decoded d;

	decode("\033[12\r", &d);
	assert_string_equal(d.kinds, "UC");
	assert_int_equal(d.codes[1], '\r');
	decode("\033[1\033[4~", &d);
	assert_string_equal(d.kinds, "UN");
	assert_int_equal(d.codes[1], TUI_KEY_END);
}

static void test_paste(void **state)
{
	(void)state;
	struct decoded d;

	decode("\033[200~0.45\033[201~", &d);
	assert_string_equal(d.kinds, "P");
	assert_string_equal(d.paste, "0.45");
	/* Nothing inside a paste is a key: not q, not [, not an escape. */
	decode("x\033[200~q[\033[4~\033OP\033x]\033[201~y", &d);
	assert_string_equal(d.kinds, "CPC");
	assert_int_equal(d.codes[0], 'x');
	assert_string_equal(d.paste, "q[]");
	assert_int_equal(d.codes[2], 'y');
	/* An empty paste. */
	decode("\033[200~\033[201~", &d);
	assert_string_equal(d.kinds, "P");
	assert_string_equal(d.paste, "");
	/* A stray end marker is nothing. */
	decode("\033[201~", &d);
	assert_string_equal(d.kinds, "");
}

static void test_paste_split_across_reads(void **state)
{
	(void)state;
	struct decoded d;
	struct tui_keys k;

	memset(&d, 0, sizeof(d));
	tui_keys_init(&k);
	feed(&k, &d, "\033[20");
	assert_true(tui_keys_pending(&k));
	feed(&k, &d, "0~0.");
	assert_true(tui_keys_pending(&k));
	assert_true(tui_keys_wait_ms(&k) >= 500);
	feed(&k, &d, "12\033[2");
	feed(&k, &d, "01~");
	assert_string_equal(d.kinds, "P");
	assert_string_equal(d.paste, "0.12");
	assert_false(tui_keys_pending(&k));

	/* The end marker lost: the wait running out ends the paste. */
	memset(&d, 0, sizeof(d));
	tui_keys_init(&k);
	feed(&k, &d, "\033[200~abc");
	tui_keys_timeout(&k);
	drain(&k, &d);
	assert_string_equal(d.kinds, "P");
	assert_string_equal(d.paste, "abc");
	assert_false(tui_keys_pending(&k));
}

/* A long paste keeps its first TUI_KEYS_PASTE_MAX bytes. */
static void test_paste_too_long(void **state)
{
	(void)state;
	static char text[TUI_KEYS_PASTE_MAX * 2 + 32];
	struct decoded d;

	strcpy(text, "\033[200~");
	memset(text + 6, 'a', TUI_KEYS_PASTE_MAX * 2);
	strcpy(text + 6 + TUI_KEYS_PASTE_MAX * 2, "\033[201~z");
	decode(text, &d);
	assert_string_equal(d.kinds, "PC");
	assert_int_equal((int)strlen(d.paste), TUI_KEYS_PASTE_MAX);
	assert_int_equal(d.codes[1], 'z');
}

/* What a paste puts in a one-line field. */
static void test_paste_line(void **state)
{
	(void)state;
	char out[16];

	assert_int_equal(tui_keys_paste_line("0.45\n", out, sizeof(out)), 4);
	assert_string_equal(out, "0.45");
	tui_keys_paste_line("\r\n 7\r\n8\n", out, sizeof(out));
	assert_string_equal(out, " 7");
	tui_keys_paste_line("a\tb\x01" "c\x7f" "d", out, sizeof(out));
	assert_string_equal(out, "abcd");
	tui_keys_paste_line("caf\xc3\xa9", out, sizeof(out));
	assert_string_equal(out, "caf\xc3\xa9");
	tui_keys_paste_line("0123456789abcdefghij", out, sizeof(out));
	assert_string_equal(out, "0123456789abcde");
	/* A UTF-8 character that does not fit is left out whole. */
	tui_keys_paste_line("abcdefghijklmn\xc3\xa9", out, sizeof(out));
	assert_string_equal(out, "abcdefghijklmn");
	tui_keys_paste_line("\n\n", out, sizeof(out));
	assert_string_equal(out, "");
}

/* Every sequence in the table decodes to its own key. */
static void test_table_round_trip(void **state)
{
	(void)state;
	for (int i = 0; i < tui_key_sequences_count; i++)
		assert_named(tui_key_sequences[i].bytes,
			     tui_key_sequences[i].name);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_home_end_every_terminal),
		cmocka_unit_test(test_f1_variants),
		cmocka_unit_test(test_unknown_sequences_dropped_whole),
		cmocka_unit_test(test_no_esc_then_characters),
		cmocka_unit_test(test_esc_alone_and_alt),
		cmocka_unit_test(test_malformed_csi),
		cmocka_unit_test(test_paste),
		cmocka_unit_test(test_paste_split_across_reads),
		cmocka_unit_test(test_paste_too_long),
		cmocka_unit_test(test_paste_line),
		cmocka_unit_test(test_table_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
